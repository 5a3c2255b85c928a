import { DurableObject } from "cloudflare:workers";

// Placeholder until its owner lands the real object.
export class VisitorJourney extends DurableObject<Env> {}
