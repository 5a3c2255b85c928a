import type { JourneyTrace } from "@waymark/shared";

const MAX_CHARS = 8_000;

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

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
  h.set("x-waymark-trace", encoded);
  if (list.length < trace.length) h.set("x-waymark-trace-truncated", "1");
}
