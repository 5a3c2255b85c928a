import { z } from "zod";
import { Action } from "./action.ts";
import { checkOfferAction } from "./check-offers.ts";
import { Condition } from "./condition.ts";
import { Duration } from "./duration.ts";
import { EventType, Slug } from "./id.ts";
import { checkMetrics, MAX_METRICS, Metric } from "./metric.ts";
import { scriptInHtml, scriptInText, scriptInUrl } from "./script-in-html.ts";
import { TrackRules } from "./tracking.ts";

export const Stage = z
  .object({
    id: Slug,
    name: z.string().max(200).optional(),
    /** Reaching an exit stage ends the journey for the visitor (re-entry per the journey's policy). */
    exit: z.boolean().optional(),
  })
  .strict();
export type Stage = z.infer<typeof Stage>;

/** "*" (any stage), one stage id, or a list of them. */
export const StageRef = z.union([z.literal("*"), Slug, z.array(Slug).min(1)]);
export type StageRef = z.infer<typeof StageRef>;

/** Move from one stage to another on an event, or after time spent in the stage. Exactly one of on/after. */
export const Transition = z
  .object({
    from: StageRef,
    to: Slug,
    on: EventType.optional(),
    after: Duration.optional(),
    /** Extra conditions (on the visitor) that must hold for the transition. */
    when: z.array(Condition).max(20).optional(),
  })
  .strict()
  .refine((t) => (t.on === undefined) !== (t.after === undefined), {
    message: 'give exactly one of "on" (an event type) or "after" (a duration)',
    path: ["on"],
  });
export type Transition = z.infer<typeof Transition>;

export const Branch = z
  .object({ id: Slug, weight: z.number().min(0).max(1_000_000).default(1), name: z.string().max(200).optional() })
  .strict();
export type Branch = z.infer<typeof Branch>;

/** How often the same visitor may show the journey's actions. */
export const Caps = z
  .object({
    perSession: z.number().int().min(0).optional(),
    perDay: z.number().int().min(0).optional(),
    /** After a dismissal, nothing from this journey for this long (default: for good, per reentry policy). */
    dismissCooldown: Duration.optional(),
  })
  .strict();
export type Caps = z.infer<typeof Caps>;

export const Reentry = z
  .object({ policy: z.enum(["once", "cooldown", "always"]).default("always"), cooldown: Duration.optional() })
  .strict();
export type Reentry = z.infer<typeof Reentry>;

/**
 * When a journey takes new visitors in: from `start` (inclusive) until `end` (exclusive), ISO 8601 with a time zone
 * offset or Z. Either may be left out. After `end` the journey stops acting and advancing for everyone, as if paused.
 */
export const Schedule = z
  .object({
    start: z.iso
      .datetime({ offset: true, error: 'must be a date and time with a time zone, e.g. "2026-12-24T09:00:00+01:00"' })
      .optional(),
    end: z.iso
      .datetime({ offset: true, error: 'must be a date and time with a time zone, e.g. "2026-12-31T23:59:00Z"' })
      .optional(),
  })
  .strict();
export type Schedule = z.infer<typeof Schedule>;

const JourneyObject = z
  .object({
    id: Slug,
    name: z.string().min(1).max(200),
    description: z.string().max(2_000).optional(),
    /** Higher wins arbitration for a slot. */
    priority: z.number().int().min(-1_000).max(1_000).default(0),
    stages: z.array(Stage).min(1).max(50),
    start: Slug,
    transitions: z.array(Transition).max(200).default([]),
    branches: z
      .array(Branch)
      .min(1)
      .max(20)
      .default([{ id: "default", weight: 1 }]),
    /** Share of visitors (0..1) held out as control: they get nothing and are counted. */
    holdout: z.number().min(0).max(1).default(0),
    /** Fixed weights, or Thompson sampling on goal conversions (assignment stays sticky). */
    allocation: z.enum(["fixed", "thompson"]).default("fixed"),
    /** Audience: the journey only acts on requests where all of these hold. */
    when: z.array(Condition).max(20).optional(),
    actions: z.array(Action).max(100).default([]),
    /** Events that complete the journey (a conversion) and exit it. */
    goals: z.array(EventType).max(20).optional(),
    /** Events without code: clicks on matching elements and views of matching paths report an event. */
    track: TrackRules.optional(),
    /** How the journey is measured per visitor (primary, secondary, guardrail); default: a conversion on `goals`. */
    metrics: z.array(Metric).max(MAX_METRICS).optional(),
    caps: Caps.optional(),
    reentry: Reentry.optional(),
    /** Marketer HTML may carry <script> and on* handlers only when this is true. */
    allowScripts: z.boolean().optional(),
    /** Paused journeys are kept in the ruleset but neither advance nor act. */
    paused: z.boolean().optional(),
    /** When new visitors may enter (either bound optional); the engine reads it against the clock, no publish needed. */
    schedule: Schedule.optional(),
    /**
     * Share of visitors (0..1) who enter, sticky per visitor: raising it keeps everyone already in; lowering it stops
     * new entries (visitors already in stay).
     */
    traffic: z.number().min(0).max(1).default(1),
    /** Exclusion group: a visitor is enrolled in at most one journey of a group (split by hash, sticky). */
    group: Slug.optional(),
    /** Outbound webhooks fired when a visitor enters one of these stages. */
    webhooks: z
      .array(
        z.object({ url: z.url(), stages: z.array(Slug).min(1), secretName: z.string().max(64).optional() }).strict(),
      )
      .max(5)
      .optional(),
  })
  .strict();

/** An attribute value that could run script: <script>, on*= handlers, javascript: URLs (set_attribute's value). */
const UNSAFE_HTML = /<\s*script\b|\son[a-z]+\s*=|javascript\s*:|<\s*iframe\b[^>]*\bsrcdoc\s*=/i;

/** Why a marketer field could run script, read as the browser would read it (html/text: tags, url: a URL). */
function scriptIn(field: "html" | "text" | "value" | "url", v: string): string | null {
  if (field === "url") return scriptInUrl(v);
  if (field === "value") return UNSAFE_HTML.test(v) ? "a script-like attribute value" : null;
  return field === "text" ? scriptInText(v) : scriptInHtml(v);
}

/** A journey: a map of stages a visitor moves through, and what each stage shows. */
export const Journey = JourneyObject.superRefine((j, ctx) => {
  const ids = new Set<string>();
  j.stages.forEach((s, i) => {
    if (ids.has(s.id))
      ctx.addIssue({ code: "custom", path: ["stages", i, "id"], message: `duplicate stage id "${s.id}"` });
    ids.add(s.id);
  });
  if (!ids.has(j.start)) ctx.addIssue({ code: "custom", path: ["start"], message: `unknown stage "${j.start}"` });
  const checkRef = (ref: string, path: (string | number)[]) => {
    if (ref !== "*" && !ids.has(ref)) ctx.addIssue({ code: "custom", path, message: `unknown stage "${ref}"` });
  };
  j.transitions.forEach((t, i) => {
    if (Array.isArray(t.from)) t.from.forEach((f, k) => checkRef(f, ["transitions", i, "from", k]));
    else checkRef(t.from, ["transitions", i, "from"]);
    if (!ids.has(t.to))
      ctx.addIssue({ code: "custom", path: ["transitions", i, "to"], message: `unknown stage "${t.to}"` });
  });
  const branchIds = new Set<string>();
  j.branches.forEach((b, i) => {
    if (branchIds.has(b.id))
      ctx.addIssue({ code: "custom", path: ["branches", i, "id"], message: `duplicate branch id "${b.id}"` });
    branchIds.add(b.id);
  });
  if (j.branches.every((b) => b.weight === 0))
    ctx.addIssue({ code: "custom", path: ["branches"], message: "at least one branch needs a weight above 0" });
  const actionIds = new Set<string>();
  j.actions.forEach((a, i) => {
    const id = a.id ?? `a${i}`;
    if (actionIds.has(id))
      ctx.addIssue({ code: "custom", path: ["actions", i, "id"], message: `duplicate action id "${id}"` });
    actionIds.add(id);
    const stages = a.stage === undefined ? [] : Array.isArray(a.stage) ? a.stage : [a.stage];
    stages.forEach((s) => checkRef(s, ["actions", i, "stage"]));
    if (!j.allowScripts) {
      for (const field of ["html", "text", "value", "url"] as const) {
        const v = (a as Record<string, unknown>)[field];
        const why = typeof v === "string" ? scriptIn(field, v) : null;
        if (why)
          ctx.addIssue({
            code: "custom",
            path: ["actions", i, field],
            message: `${why}: scripts, event handlers, script URLs and markup left open need "allowScripts": true`,
          });
      }
    }
    checkOfferAction(a, i, j, (issue) => ctx.addIssue({ code: "custom", ...issue }));
    const branches = a.branch === undefined ? [] : Array.isArray(a.branch) ? a.branch : [a.branch];
    branches.forEach((b) => {
      if (!branchIds.has(b))
        ctx.addIssue({ code: "custom", path: ["actions", i, "branch"], message: `unknown branch "${b}"` });
    });
  });
  j.webhooks?.forEach((w, i) => w.stages.forEach((s, k) => checkRef(s, ["webhooks", i, "stages", k])));
  const ruleIds = new Set<string>();
  j.track?.forEach((r, i) => {
    if (r.id !== undefined && ruleIds.has(r.id))
      ctx.addIssue({ code: "custom", path: ["track", i, "id"], message: `duplicate tracking rule id "${r.id}"` });
    if (r.id !== undefined) ruleIds.add(r.id);
  });
  checkMetrics(j.metrics, (issue) => ctx.addIssue({ code: "custom", ...issue }));
  const { start, end } = j.schedule ?? {};
  if (start !== undefined && end !== undefined && Date.parse(end) <= Date.parse(start))
    ctx.addIssue({ code: "custom", path: ["schedule", "end"], message: "must be after the start" });
});
export type Journey = z.infer<typeof Journey>;
export type JourneyInput = z.input<typeof Journey>;
