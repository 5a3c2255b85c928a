import { WaymarkApiError } from "@waymark/shared/client/api-error.ts";
import { Envelope, isMessageType, Requests, type MessageType, type Reply } from "../messaging/protocol.ts";
import { BackgroundError } from "./background-error.ts";
import type { Handlers } from "./handlers.ts";

export interface Sender {
  id?: string;
  url?: string;
}

/** The reply text for an error: the API's own message (with issue paths), or a plain one for network failures. */
export function errorReply(err: unknown): Reply<never> {
  if (err instanceof WaymarkApiError) {
    const issues = err.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
    const hint = err.status === 401 ? " (check the admin token in the options)" : "";
    return { ok: false, status: err.status, error: `${err.body.error}${issues ? `: ${issues}` : ""}${hint}` };
  }
  if (err instanceof BackgroundError)
    return { ok: false, error: err.message, ...(err.status ? { status: err.status } : {}) };
  if (err instanceof TypeError && /fetch/i.test(err.message))
    return { ok: false, error: "cannot reach the Waymark site (is it up, and is host access granted?)" };
  return { ok: false, error: err instanceof Error ? err.message : String(err) };
}

/**
 * Answers one message. Only the extension's own pages may ask: a content script (whose sender URL is a web page)
 * or another extension gets a refusal, so a page can never drive previews or reach the admin token's powers.
 */
export async function handleMessage(
  message: unknown,
  sender: Sender,
  ctx: { extensionId: string; extensionOrigin: string; handlers: Handlers },
): Promise<Reply<unknown>> {
  // A prefix test, not URL.origin: extension URLs have an opaque origin ("null") outside the browser's own parser.
  if (sender.id !== ctx.extensionId || !sender.url?.startsWith(`${ctx.extensionOrigin}/`))
    return { ok: false, status: 403, error: "not allowed from this context" };
  const env = Envelope.safeParse(message);
  if (!env.success || !isMessageType(env.data.type)) return { ok: false, status: 400, error: "unknown message" };
  const type: MessageType = env.data.type;
  const parsed = Requests[type].safeParse(env.data.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    return { ok: false, status: 400, error: `invalid ${type} request: ${issues}` };
  }
  try {
    const handler = ctx.handlers[type] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return errorReply(err);
  }
}
