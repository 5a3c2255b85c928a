import type { VisitorJourney } from "./object/visitor-journey.ts";

/**
 * The visitor's Durable Object, by name: a visitor id (the wm_vid cookie), a preview sandbox
 * ("preview:<jti>") or a customer several browsers are linked to ("customer:<id>").
 */
export function visitorStub(env: Env, name: string): DurableObjectStub<VisitorJourney> {
  return env.VISITOR.getByName(name);
}

const PREVIEW_PREFIX = "preview:";
const CUSTOMER_PREFIX = "customer:";

/** The sandbox a preview token decides on (never the real visitor's object). */
export function previewSandboxName(jti: string): string {
  return `${PREVIEW_PREFIX}${jti}`;
}

export function isPreviewSandbox(name: string): boolean {
  return name.startsWith(PREVIEW_PREFIX);
}

/** The object of a customer identified on one or more browsers. */
export function customerName(customerId: string): string {
  return `${CUSTOMER_PREFIX}${customerId}`;
}

/** The customer id of a customer object's name (null for anything else). */
export function customerIdOf(name: string | null): string | null {
  return name?.startsWith(CUSTOMER_PREFIX) ? name.slice(CUSTOMER_PREFIX.length) : null;
}
