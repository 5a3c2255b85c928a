import type { JourneyTrace } from "@waymark/shared";
import { toBase64Url } from "../http/base64url.ts";
import { TRACE_HEADER, TRACE_TRUNCATED_HEADER } from "../http/names.ts";

const MAX_CHARS = 8_000;

const base64url = (text: string) => toBase64Url(new TextEncoder().encode(text));

/**
 * Sets X-Waymark-Trace (base64url of the JourneyTrace[] JSON). Past ~8 KB, journeys are dropped from the end
 * (lowest priority first) so the header stays valid JSON, and X-Waymark-Trace-Truncated: 1 says it is partial.
 */
export function setTraceHeader(h: Headers, trace: JourneyTrace[]): void {
  let list = trace;
  let encoded = base64url(JSON.stringify(list));
  while (encoded.length > MAX_CHARS && list.length > 0) {
    list = list.slice(0, list.length - 1);
    encoded = base64url(JSON.stringify(list));
  }
  h.set(TRACE_HEADER, encoded);
  if (list.length < trace.length) h.set(TRACE_TRUNCATED_HEADER, "1");
}
