import { env } from "cloudflare:test";
import { signIdentityToken } from "../../src/identity/identity-token.ts";
import { SITE, viaWorker } from "./edge.ts";

/** The IDENTITY_SECRET the test config binds (edge/vitest.config.ts). */
export const IDENTITY_SECRET = env.IDENTITY_SECRET as string;

/** What the site's backend hands its page: a token for customerId, valid for `seconds` (1 h by default). */
export function identityToken(customerId: string, seconds = 3_600, secret = IDENTITY_SECRET): Promise<string> {
  return signIdentityToken(customerId, Math.floor(Date.now() / 1000) + seconds, secret);
}

/** POST /__waymark/identify as waymark.identify(customerId, token) does, through the Worker. */
export async function identifyAs(
  visitorId: string,
  body: Record<string, unknown>,
  overrides: Partial<Env> = {},
): Promise<{ status: number; body: any }> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await viaWorker(
    new Request(`${SITE}/__waymark/identify`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `wm_vid=${visitorId}` },
      body: JSON.stringify(body),
    }),
    overrides,
  );
  return { status: res.status, body: await res.json() };
}

/** waymark.identify(customerId, token) with a freshly signed token. */
export async function identifyVerified(visitorId: string, customerId: string) {
  return identifyAs(visitorId, { customerId, token: await identityToken(customerId) });
}

/** GET /__waymark/me through the Worker. */
export async function meOf(visitorId: string): Promise<any> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await viaWorker(new Request(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${visitorId}` } }));
  return res.json();
}

/** POST /__waymark/events (beacon) through the Worker. */
export function postEventsAs(visitorId: string, events: unknown[]): Promise<Response> {
  return viaWorker(
    new Request(`${SITE}/__waymark/events`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `wm_vid=${visitorId}`, referer: `${SITE}/` },
      body: JSON.stringify({ events }),
    }),
  );
}
