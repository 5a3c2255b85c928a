import type { DeviceClass } from "../schemas/condition.ts";
import type { RequestContext } from "../schemas/context.ts";
import type { Dims, SourceClass } from "../schemas/stats.ts";
import type { VisitorState } from "../schemas/state.ts";
import { sourceClass } from "./source-class.ts";

/** Country when the request has none (or one that is not ISO 3166-1 alpha-2, such as Cloudflare's "T1" for Tor). */
export const UNKNOWN_COUNTRY = "XX";

/**
 * A visitor's dims when they enter a journey. Without a request (a server-side event, the alarm) the device is
 * "desktop", the country unknown and the source "direct": nothing better is known. "returning": the visitor had a
 * session before the current one.
 */
export function dimsOf(state: VisitorState, ctx: RequestContext | undefined): Dims {
  const country = ctx?.country?.toUpperCase() ?? "";
  return {
    device: ctx?.device ?? "desktop",
    country: /^[A-Z]{2}$/.test(country) ? country : UNKNOWN_COUNTRY,
    visitor: state.visits > 1 ? "returning" : "new",
    source: ctx ? sourceClass(ctx.referrer, ctx.query, ctx.host) : "direct",
  };
}

/** The stored form of dims, "desktop.FR.new.direct": a few bytes per journey in every visitor's state. */
export function packDims(d: Dims): string {
  return `${d.device}.${d.country}.${d.visitor}.${d.source}`;
}

/** Dims from their stored form (the state schema checks it with PACKED_DIMS). */
export function unpackDims(packed: string): Dims {
  const [device, country, visitor, source] = packed.split(".");
  return {
    device: device as DeviceClass,
    country,
    visitor: visitor as Dims["visitor"],
    source: source as SourceClass,
  };
}
