import { z } from "zod";
import { Slug } from "./id.ts";

/** What a signed preview token forces. Tokens are HMAC-SHA256 signed with PREVIEW_SECRET. */
export const PreviewClaims = z
  .object({
    /** Token id (random), for audit and revocation. */
    jti: z.string().min(8).max(64),
    journey: Slug,
    stage: Slug.optional(),
    branch: Slug.optional(),
    /** "draft" previews the current draft; a number previews that published version. */
    version: z.union([z.literal("draft"), z.number().int().positive()]).default("draft"),
    /** Host the token was issued for; refused on any other host. */
    site: z.string().min(1).max(253),
    /** Issued at / expires at, seconds since epoch. */
    iat: z.number().int(),
    exp: z.number().int(),
    /** Label of the admin token that issued it. */
    by: z.string().max(200).optional(),
  })
  .strict();
export type PreviewClaims = z.infer<typeof PreviewClaims>;

export const PREVIEW_TTL = { defaultSeconds: 3_600, maxSeconds: 86_400 } as const;

/** Body of POST /__waymark/api/preview-tokens. */
export const PreviewTokenRequest = z
  .object({
    journey: Slug,
    stage: Slug.optional(),
    branch: Slug.optional(),
    version: z.union([z.literal("draft"), z.number().int().positive()]).optional(),
    /** Seconds (max 86400) or a duration string. */
    ttl: z
      .union([z.number().int().positive().max(PREVIEW_TTL.maxSeconds), z.string().regex(/^\d+(s|m|h)$/)])
      .optional(),
  })
  .strict();
export type PreviewTokenRequest = z.infer<typeof PreviewTokenRequest>;

export const PreviewTokenResponse = z.object({ token: z.string(), expiresAt: z.string(), link: z.string() });
export type PreviewTokenResponse = z.infer<typeof PreviewTokenResponse>;
