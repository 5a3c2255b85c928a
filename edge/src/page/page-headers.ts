import { OUTCOME_HEADER } from "../http/names.ts";

/** "unsupported": a page Waymark cannot read (content coding, charset), passed through as sent. */
export type WaymarkOutcome =
  "personalized" | "passthrough" | "preview" | "bot" | "optout" | "timeout" | "error" | "unsupported";

/**
 * Headers of a page Waymark rewrote: never cached (it is one visitor's), no stale validators or length, and the
 * outcome for humans (X-Waymark) and tools (Server-Timing).
 */
export function rewrittenHeaders(origin: Headers, outcome: WaymarkOutcome, durMs: number | null): Headers {
  const h = new Headers(origin);
  h.delete("content-length");
  h.delete("etag");
  h.delete("last-modified");
  h.set("cache-control", "private, no-store");
  tagOutcome(h, outcome, durMs);
  return h;
}

export function tagOutcome(h: Headers, outcome: WaymarkOutcome, durMs: number | null): void {
  h.set(OUTCOME_HEADER, outcome);
  const dur = durMs === null ? "" : `;dur=${Math.max(0, Math.round(durMs))}`;
  h.append("server-timing", `waymark${dur};desc="${outcome}"`);
}

/** An origin response as sent, with only the X-Waymark outcome added (and why, in Server-Timing, when given). */
export function tagged(res: Response, outcome: WaymarkOutcome, reason?: string): Response {
  const out = new Response(res.body, res);
  out.headers.set(OUTCOME_HEADER, outcome);
  if (reason) out.headers.append("server-timing", `waymark;desc="${outcome}: ${reason.replace(/["\\\r\n]/g, "")}"`);
  return out;
}
