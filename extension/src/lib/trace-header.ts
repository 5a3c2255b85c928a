import { z } from "zod";
import { JourneyTrace } from "@waymark/shared/schemas/decision.ts";
import { base64UrlDecode } from "./token-claims.ts";

const TraceList = z.array(JourneyTrace);

/** Decodes an `X-Waymark-Trace` response header (base64url JSON of JourneyTrace[]); null when absent or malformed. */
export function decodeTraceHeader(value: string | undefined | null): JourneyTrace[] | null {
  if (!value) return null;
  const json = base64UrlDecode(value.trim());
  if (json === null) return null;
  try {
    const parsed = TraceList.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
