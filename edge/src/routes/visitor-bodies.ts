import { Duration, EVENT_LIMITS, PageManifest, Slug } from "@waymark/shared";
import { z } from "zod";

/** A visitor object's name: a visitor id, a preview sandbox ("preview:<jti>") or a customer ("customer:<id>"). */
export const VisitorName = z
  .string()
  .regex(
    /^(?:[A-Za-z0-9_-]{22,32}|preview:[A-Za-z0-9_-]{8,64}|customer:[A-Za-z0-9_.@:+-]{1,128})$/,
    'must be a visitor id, "preview:<jti>" or "customer:<id>"',
  );

/** Trait numbers have the bounds of event numbers (EVENT_LIMITS.maxAbsNumber either way). */
const TraitNumber = z.number().min(-EVENT_LIMITS.maxAbsNumber).max(EVENT_LIMITS.maxAbsNumber);

export const TraitsBody = z
  .record(z.string().min(1).max(64), z.union([z.string().max(1_000), TraitNumber, z.boolean(), z.null()]))
  .refine((t) => Object.keys(t).length <= 100, "at most 100 traits");

export const CustomerId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.@:+-]+$/, "letters, digits and _.@:+- only");

/** An identity token (edge/src/identity/identity-token.ts); its checks give the precise reasons. */
const IdentityTokenText = z.string().max(512, "at most 512 characters");

/** POST /__waymark/identify (browser): the token proves the customer id; unlinking (null) needs none. */
export const IdentifyBody = z
  .object({ customerId: CustomerId.nullable(), token: IdentityTokenText.optional() })
  .strict();

/** POST /__waymark/api/visitors/:id/identify (backend, ingest token): no proof needed. */
export const ServerIdentifyBody = z.object({ customerId: CustomerId.nullable() }).strict();

/** DELETE /__waymark/me: an optional fresh identity token, to erase the linked customer too. */
export const DeleteMeBody = z.object({ token: IdentityTokenText }).strict();

export const AdvanceTimeBody = z
  .object({ by: Duration.refine((d) => !/^\d+d$/.test(d) || Number(d.slice(0, -1)) <= 400, "at most 400 days") })
  .strict();

export const DecideBody = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    visitorId: VisitorName.optional(),
    /** A preview token, or what to force directly. */
    preview: z
      .union([
        z.string().min(1).max(4_096),
        z
          .object({
            journey: Slug,
            stage: Slug.optional(),
            branch: Slug.optional(),
            version: z.union([z.literal("draft"), z.number().int().positive()]).optional(),
          })
          .strict(),
      ])
      .optional(),
    /** Request headers to decide as (User-Agent, Referer, Cookie, ...). */
    headers: z.record(z.string().max(128), z.string().max(8_192)).optional(),
  })
  .strict();
export type DecideBody = z.infer<typeof DecideBody>;

/** POST /__waymark/navigate (the beacon, on an SPA's route change): the URL the visitor is now on. */
export const NavigateBody = z.object({ url: z.string().min(1).max(2_048) }).strict();
export type NavigateBody = z.infer<typeof NavigateBody>;

/** Its answer: the route's manifest, and a same-site URL to go to instead when a journey redirects. */
export const NavigateReply = PageManifest.extend({ redirect: z.string().optional() });
export type NavigateReply = z.infer<typeof NavigateReply>;
