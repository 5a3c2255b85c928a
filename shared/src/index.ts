// Public surface of @waymark/shared: schemas (types share their schema's name) and the pure journey engine.
export * from "./schemas/action.ts";
export * from "./schemas/api.ts";
export * from "./schemas/condition.ts";
export * from "./schemas/context.ts";
export * from "./schemas/decision.ts";
export * from "./schemas/duration.ts";
export * from "./schemas/event.ts";
export * from "./schemas/id.ts";
export * from "./schemas/journey.ts";
export * from "./schemas/manifest.ts";
export * from "./schemas/preview.ts";
export * from "./schemas/ruleset.ts";
export * from "./schemas/state.ts";
export * from "./schemas/stats.ts";
export * from "./engine/index.ts";
