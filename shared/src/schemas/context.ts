import { z } from "zod";
import { DeviceClass } from "./condition.ts";

/** What the engine knows about the request being decided (built by the edge from the Request). */
export const RequestContext = z.object({
  path: z.string(),
  query: z.record(z.string(), z.string()),
  referrer: z.string().nullable(),
  device: DeviceClass,
  country: z.string().nullable(),
  /** Cookie names and values present on the request (Waymark's own cookies excluded). */
  cookies: z.record(z.string(), z.string()),
  /** Host of the request, for same-site checks of redirects. */
  host: z.string(),
});
export type RequestContext = z.infer<typeof RequestContext>;
