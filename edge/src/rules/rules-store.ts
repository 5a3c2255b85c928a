import { DurableObject } from "cloudflare:workers";

// Placeholder until its owner lands the real object.
export class RulesStore extends DurableObject<Env> {}
