import { z } from "zod";
import { Slug } from "./id.ts";
import { SourceClass } from "./source-class.ts";

const base = {
  /** Inverts the result. */
  not: z.boolean().optional(),
};

const StringMatch = z.union([z.string().max(512), z.array(z.string().max(512)).min(1).max(50)]);
const Duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration such as "30m", "2h" or "7d"');

/** The UTM parameters a touch keeps (utm_source, ...), named without the "utm_" prefix. */
export const UtmParam = z.enum(["source", "medium", "campaign", "term", "content"]);
export type UtmParam = z.infer<typeof UtmParam>;

/** Which touch a utm / source / landing condition reads: the visitor's first visit or the current session. */
export const TouchScope = z.enum(["first", "session"]);
export type TouchScope = z.infer<typeof TouchScope>;
const touch = { touch: TouchScope.optional() };

/** How deep conditions may nest: a condition on its own is 1 deep, each "any" / "all" around it adds 1. */
export const MAX_CONDITION_DEPTH = 10;

/**
 * The path to the first condition nested deeper than MAX_CONDITION_DEPTH, or null. Iterative, so input nested
 * 100,000 deep is refused before zod's recursive parse could overflow the stack on it.
 */
function tooDeep(value: unknown): (string | number)[] | null {
  const stack: { node: unknown; depth: number; path: (string | number)[] }[] = [{ node: value, depth: 1, path: [] }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { node, depth, path } = top;
    if (depth > MAX_CONDITION_DEPTH) return path;
    const children = node !== null && typeof node === "object" ? (node as { conditions?: unknown }).conditions : null;
    if (Array.isArray(children))
      for (let i = children.length - 1; i >= 0; i--)
        stack.push({ node: children[i], depth: depth + 1, path: [...path, "conditions", i] });
  }
  return null;
}

/**
 * Conditions gate journeys and actions. All conditions in a list must hold ("and");
 * use {"type": "any", "conditions": [...]} for "or". Every condition accepts "not": true.
 * Nested at most MAX_CONDITION_DEPTH deep.
 */
export const Condition: z.ZodType<ConditionShape> = guardDepth(
  z.lazy(() =>
    z.discriminatedUnion("type", [
      // Request path matched against a glob ("*" within a segment, "**" across segments), or a list of globs.
      z.object({ type: z.literal("path"), glob: StringMatch, ...base }).strict(),
      // Query parameter present, or equal to one of the values.
      z
        .object({
          type: z.literal("query"),
          param: z.string().min(1).max(128),
          equals: StringMatch.optional(),
          ...base,
        })
        .strict(),
      // Referrer: host or URL contains / glob. Of this request, or with "touch" of the first visit / the session.
      z
        .object({
          type: z.literal("referrer"),
          contains: z.string().max(512).optional(),
          glob: StringMatch.optional(),
          ...touch,
          ...base,
        })
        .strict(),
      // A UTM parameter of the session's (default) or the first visit's landing: present, or one of the values.
      z.object({ type: z.literal("utm"), param: UtmParam, equals: StringMatch.optional(), ...touch, ...base }).strict(),
      // The traffic source class of the session's (default) or the first visit's landing.
      z.object({ type: z.literal("source"), in: z.array(SourceClass).min(1).max(10), ...touch, ...base }).strict(),
      // The landing page (path) of the session (default) or of the first visit, against a glob or a list of globs.
      z.object({ type: z.literal("landing"), glob: StringMatch, ...touch, ...base }).strict(),
      // Session number (the same count as "visits") and the time since the previous session ended.
      z
        .object({
          type: z.literal("session"),
          gte: z.number().int().min(0).optional(),
          lte: z.number().int().min(0).optional(),
          sinceLastAtLeast: Duration.optional(),
          sinceLastAtMost: Duration.optional(),
          ...base,
        })
        .strict(),
      // A saved audience (GET /__waymark/api/audiences): all of its conditions hold.
      z.object({ type: z.literal("audience"), id: Slug, ...base }).strict(),
      z
        .object({ type: z.literal("device"), is: z.union([DeviceClass, z.array(DeviceClass).min(1)]), ...base })
        .strict(),
      // ISO 3166 alpha-2 codes, from request.cf.country.
      z.object({ type: z.literal("country"), in: z.array(z.string().length(2)).min(1).max(250), ...base }).strict(),
      // Visit (session) count.
      z
        .object({
          type: z.literal("visits"),
          gte: z.number().int().min(0).optional(),
          lte: z.number().int().min(0).optional(),
          ...base,
        })
        .strict(),
      z
        .object({
          type: z.literal("cookie"),
          name: z.string().min(1).max(128),
          equals: z.string().max(512).optional(),
          ...base,
        })
        .strict(),
      // Cart contents (derived from add_to_cart / remove_from_cart / purchase events).
      z
        .object({
          type: z.literal("cart"),
          minCount: z.number().int().min(0).optional(),
          minValue: z.number().min(0).optional(),
          ...base,
        })
        .strict(),
      // Trait set by a backend (POST /__waymark/api/visitors/:id/traits).
      z
        .object({
          type: z.literal("trait"),
          name: z.string().min(1).max(64),
          equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
          in: z.array(z.union([z.string(), z.number()])).optional(),
          ...base,
        })
        .strict(),
      // Engagement or interest score ("engagement" or "interest:<category>").
      z
        .object({
          type: z.literal("score"),
          name: z.string().min(1).max(64),
          gte: z.number().optional(),
          lte: z.number().optional(),
          ...base,
        })
        .strict(),
      // Time the visitor has spent in the current stage of this journey.
      z
        .object({
          type: z.literal("in_stage_for"),
          atLeast: z
            .string()
            .regex(/^\d+(ms|s|m|h|d)$/)
            .optional(),
          atMost: z
            .string()
            .regex(/^\d+(ms|s|m|h|d)$/)
            .optional(),
          ...base,
        })
        .strict(),
      z.object({ type: z.literal("any"), conditions: z.array(Condition).min(1).max(20), ...base }).strict(),
      z.object({ type: z.literal("all"), conditions: z.array(Condition).min(1).max(20), ...base }).strict(),
    ]),
  ),
);

/**
 * Refuses conditions nested too deep before parsing them. z.preprocess would do it, but a transform anywhere inside
 * a schema makes zod's JSON Schema generator drop the input defaults of every field enclosing it (the journey
 * format reference would lose `transitions: []` and `actions: []`), so the check goes in front of the schema's run.
 * zod is pinned; test/condition-depth.test.ts proves 1,000- and 100,000-deep input gets an issue, not a RangeError.
 */
function guardDepth<S extends z.ZodType>(schema: S): S {
  const run = schema._zod.run;
  schema._zod.run = (payload, ctx) => {
    const path = tooDeep(payload.value);
    if (!path) return run(payload, ctx);
    const message = `conditions may nest at most ${MAX_CONDITION_DEPTH} deep`;
    payload.issues.push({ code: "custom", path, message, input: payload.value });
    return payload;
  };
  return schema;
}

export const DeviceClass = z.enum(["mobile", "tablet", "desktop"]);
export type DeviceClass = z.infer<typeof DeviceClass>;

type Base = { not?: boolean };
type StringMatch = string | string[];
export type ConditionShape = Base &
  (
    | { type: "path"; glob: StringMatch }
    | { type: "query"; param: string; equals?: StringMatch }
    | { type: "referrer"; contains?: string; glob?: StringMatch; touch?: TouchScope }
    | { type: "utm"; param: UtmParam; equals?: StringMatch; touch?: TouchScope }
    | { type: "source"; in: SourceClass[]; touch?: TouchScope }
    | { type: "landing"; glob: StringMatch; touch?: TouchScope }
    | {
        type: "session";
        gte?: number;
        lte?: number;
        sinceLastAtLeast?: string;
        sinceLastAtMost?: string;
      }
    | { type: "audience"; id: string }
    | { type: "device"; is: DeviceClass | DeviceClass[] }
    | { type: "country"; in: string[] }
    | { type: "visits"; gte?: number; lte?: number }
    | { type: "cookie"; name: string; equals?: string }
    | { type: "cart"; minCount?: number; minValue?: number }
    | { type: "trait"; name: string; equals?: string | number | boolean; in?: (string | number)[] }
    | { type: "score"; name: string; gte?: number; lte?: number }
    | { type: "in_stage_for"; atLeast?: string; atMost?: string }
    | { type: "any"; conditions: ConditionShape[] }
    | { type: "all"; conditions: ConditionShape[] }
  );
export type Condition = ConditionShape;
