// Preview tokens and traces for tests: one signer and one trace decoder instead of a copy per test file.
import type { JourneyTrace, PreviewClaims } from "@waymark/shared";
import { signPreviewToken } from "../../src/preview/preview-token.ts";

/** PREVIEW_SECRET of the test Worker (edge/vitest.config.ts). */
export const TEST_PREVIEW_SECRET = "test-preview-secret-0123456789abcdef0123456789abcdef";

/** A draft preview token for `journey`, valid for 10 minutes on shop.example; `extra` overrides any claim. */
export async function previewToken(
  journey: string,
  extra: Partial<PreviewClaims> = {},
): Promise<{ token: string; jti: string }> {
  const now = Math.floor(Date.now() / 1000);
  const claims: PreviewClaims = {
    jti: `jti${crypto.randomUUID().replace(/-/g, "")}`.slice(0, 30),
    journey,
    version: "draft",
    site: "shop.example",
    iat: now,
    exp: now + 600,
    ...extra,
  };
  return { token: await signPreviewToken(claims, TEST_PREVIEW_SECRET), jti: claims.jti };
}

/** The x-waymark-trace header (base64url JSON) as the journeys' traces. */
export function decodeTrace(header: string): JourneyTrace[] {
  const b64 = header.replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))) as JourneyTrace[];
}
