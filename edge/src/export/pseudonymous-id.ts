import { customerIdOf, customerName } from "../visitor/visitor-stub.ts";
import type { ExportRecord } from "./export-record.ts";

const enc = new TextEncoder();

/**
 * The visitor id an export row carries: a browser's wm_vid is random already; a customer's object is named after
 * the site's own customer id (which could be an email), so it leaves as "c_" + 32 hex digits of its SHA-256.
 */
export async function pseudonymousId(name: string): Promise<string> {
  if (customerIdOf(name) === null) return name;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(name)));
  return `c_${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** A row as it leaves the visitor's object: pseudonymous ids, and an identify event names the customer the same way. */
export async function pseudonymize(r: ExportRecord): Promise<ExportRecord> {
  const visitor_id = await pseudonymousId(r.visitor_id);
  if (r.type !== "event" || r.event_type !== "identify" || r.event_data === null)
    return visitor_id === r.visitor_id ? r : { ...r, visitor_id };
  const data = JSON.parse(r.event_data) as { customerId?: unknown };
  const customer =
    typeof data.customerId === "string" && data.customerId ? await pseudonymousId(customerName(data.customerId)) : null;
  return { ...r, visitor_id, event_data: JSON.stringify({ customer }) };
}
