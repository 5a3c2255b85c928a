import { FIELD_NOTES } from "./field-notes.ts";

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
};

const SLUG = "^[a-z0-9][a-z0-9_-]*$";
const EVENT = "^[a-z][a-z0-9_]*$";
const DURATION = "^(\\d+)(ms|s|m|h|d)$";
const ANCHORS: Record<string, string> = {
  Stage: "stage",
  Transition: "transition",
  Branch: "branch",
  Caps: "caps",
  Reentry: "reentry",
  Action: "actions",
  Condition: "conditions",
  TrackRule: "tracking-rules",
};

const code = (s: string) => "`" + s + "`";
const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

/** The (input) component of a name: what a journey file may contain. */
function component(doc: Record<string, any>, name: string): Schema {
  const all = doc.components.schemas as Record<string, Schema>;
  const s = all[name + "Input"] ?? all[name];
  if (!s) throw new Error(`the OpenAPI document has no component ${name}`);
  return s;
}

function typeOf(s: Schema): string {
  if (s.$ref) {
    const name = s.$ref
      .split("/")
      .pop()!
      .replace(/Input$/, "");
    return ANCHORS[name] ? `[${name}](#${ANCHORS[name]})` : name;
  }
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map(typeOf).join(" or ");
  if ("const" in s) return code(JSON.stringify(s.const));
  if (Array.isArray(s.enum)) return s.enum.map((v) => code(JSON.stringify(v))).join(" or ");
  const range = (lo: unknown, hi: unknown) =>
    lo !== undefined && hi !== undefined
      ? ` (${lo}..${hi})`
      : lo !== undefined
        ? ` (≥ ${lo})`
        : hi !== undefined
          ? ` (≤ ${hi})`
          : "";
  switch (s.type) {
    case "string":
      if (s.pattern === SLUG) return "id";
      if (s.pattern === EVENT) return "event type";
      if (s.pattern === DURATION) return "[duration](#durations)";
      if (s.format === "uri") return "URL";
      return "string" + (s.maxLength !== undefined ? ` (max ${s.maxLength})` : "");
    case "integer":
    case "number":
      return (
        (s.type === "integer" ? "integer" : "number") +
        range(s.minimum, s.maximum === 9007199254740991 ? undefined : s.maximum)
      );
    case "boolean":
      return "boolean";
    case "array": {
      const items = s.items ? typeOf(s.items) : "any";
      const lo = s.minItems as number | undefined;
      const hi = s.maxItems as number | undefined;
      const count =
        lo !== undefined && hi !== undefined
          ? ` (${lo} to ${hi})`
          : lo !== undefined
            ? ` (at least ${lo})`
            : hi !== undefined
              ? ` (at most ${hi})`
              : "";
      return `list of ${items}${count}`;
    }
    case "object":
      if (s.properties) return "object";
      if (s.additionalProperties && typeof s.additionalProperties === "object")
        return `map of string to ${typeOf(s.additionalProperties)}`;
      return "object";
    default:
      return "any";
  }
}

function note(key: string, fallbackKey?: string): string {
  const n = FIELD_NOTES[key] ?? (fallbackKey ? FIELD_NOTES[fallbackKey] : undefined);
  if (n === undefined) throw new Error(`no description for ${key}: add it to cli/src/docs/field-notes.ts`);
  return n;
}

function table(s: Schema, key: (field: string) => [string, string?], skip: string[] = []): string[] {
  const rows = ["| Field | Type | Required | Default | Meaning |", "| --- | --- | --- | --- | --- |"];
  for (const [field, f] of Object.entries(s.properties ?? {})) {
    if (skip.includes(field)) continue;
    const required = s.required?.includes(field) ? "yes" : "";
    const def = "default" in f ? code(JSON.stringify(f.default)) : "";
    const [k, fallback] = key(field);
    rows.push(`| ${code(field)} | ${cell(typeOf(f))} | ${required} | ${cell(def)} | ${cell(note(k, fallback))} |`);
  }
  return rows;
}

/** Fields every variant of a tagged union shares (besides the tag), with the same schema. */
function sharedFields(variants: Schema[]): string[] {
  const [first, ...rest] = variants;
  return Object.keys(first.properties ?? {}).filter(
    (f) =>
      f !== "type" && rest.every((v) => JSON.stringify(v.properties?.[f]) === JSON.stringify(first.properties?.[f])),
  );
}

function variantsSection(title: string, union: Schema, intro: string[]): string[] {
  const variants = union.oneOf ?? union.anyOf ?? [];
  const shared = sharedFields(variants);
  const out = [...intro, "", `Fields every ${title.toLowerCase()} may have:`, ""];
  const sample: Schema = { type: "object", properties: {} as Record<string, Schema>, required: variants[0].required };
  for (const f of ["type", ...shared])
    sample.properties![f] = f === "type" ? { type: "string" } : variants[0].properties![f];
  out.push(
    ...table(sample, (f) => [`${title}.${f}`]).map((r) =>
      r.replace("| `type` | string |", "| `type` | one of the types below |"),
    ),
  );
  for (const v of variants) {
    const tag = (v.properties?.type as { const?: string } | undefined)?.const;
    if (!tag) throw new Error(`${title} variant without a literal type`);
    const own = Object.keys(v.properties ?? {}).filter((f) => f !== "type" && !shared.includes(f));
    out.push("", `### ${code(tag)}`, "");
    if (own.length) out.push(...table(v, (f) => [`${title}.${tag}.${f}`], ["type", ...shared]));
    else out.push("No other fields.");
  }
  return out;
}

const EXAMPLE = {
  id: "abandoned-cart",
  name: "Abandoned cart rescue",
  priority: 10,
  stages: [{ id: "browsing" }, { id: "carting" }, { id: "abandoned" }, { id: "purchased", exit: true }],
  start: "browsing",
  transitions: [
    { from: "*", to: "carting", on: "add_to_cart" },
    { from: "carting", to: "abandoned", after: "30m" },
    { from: "abandoned", to: "carting", on: "add_to_cart" },
    { from: "*", to: "purchased", on: "purchase" },
  ],
  branches: [
    { id: "discount", weight: 1 },
    { id: "reminder", weight: 1 },
  ],
  holdout: 0.1,
  goals: ["purchase"],
  caps: { perDay: 3 },
  actions: [
    {
      id: "discount-banner",
      stage: "abandoned",
      branch: "discount",
      type: "insert",
      selector: "body",
      position: "prepend",
      html: '<div class="wm-banner">You left {{cart.count}} {{cart.count | plural: "item", "items"}}, like {{cart.lastItem.name | "your item"}}. 10% off: SAVE10</div>',
      when: [{ type: "cart", minCount: 1 }],
    },
  ],
};

/**
 * docs/journey-format.md from the OpenAPI document's schemas (themselves generated from the zod schemas): types,
 * limits, defaults and required flags cannot drift from the code; meanings come from FIELD_NOTES.
 */
export function renderJourneyFormat(doc: Record<string, any>, templateKeys: string[]): string {
  const journey = component(doc, "Journey");
  const webhook = journey.properties?.webhooks?.items as Schema;
  const metric = journey.properties?.metrics?.items as Schema;
  const trackRule = component(doc, "TrackRule");
  const trackVariants = trackRule.oneOf ?? trackRule.anyOf ?? [];
  const out: string[] = [
    "# Journey format reference",
    "",
    "<!-- GENERATED by `node scripts/openapi.mjs` from the zod schemas in shared/src/schemas and the notes in",
    "     cli/src/docs/field-notes.ts. Do not edit by hand: `npm run check` fails when this file is stale. -->",
    "",
    "A journey is a JSON (or YAML) document: the stages a visitor moves through, the transitions between them, the",
    "branches visitors are split into, and the actions each stage and branch gets. The Worker, the dashboard, the",
    "extension and `waymark validate` all check it with the same zod schema (`Journey` in shared/src/schemas/journey.ts);",
    "the same shapes are published as JSON Schema in the OpenAPI document at `/__waymark/api/openapi.json`",
    "(`#/components/schemas/JourneyInput`).",
    "",
    "## Example",
    "",
    "```json",
    JSON.stringify(EXAMPLE),
    "```",
    "",
    "Check a file with `npx waymark validate journeys/*.json`; see what a visitor would see with `npx waymark simulate`.",
    "",
    "## Journey",
    "",
    ...table(journey, (f) => [`Journey.${f}`]),
    "",
    "Beyond what the table shows, a journey is checked for: unique stage, branch, action and tracking rule ids;",
    "`start`, every `from`/`to`, every action `stage` and every webhook stage naming a stage of the journey; every",
    "action `branch` naming a branch; at least one branch with a weight above 0; and no script in marketer HTML",
    "unless `allowScripts` is `true`.",
    "",
    "## Stage",
    "",
    ...table(component(doc, "Stage"), (f) => [`Stage.${f}`]),
    "",
    "## Transition",
    "",
    ...table(component(doc, "Transition"), (f) => [`Transition.${f}`]),
    "",
    "Exactly one of `on` and `after` must be given.",
    "",
    "## Branch",
    "",
    ...table(component(doc, "Branch"), (f) => [`Branch.${f}`]),
    "",
    "## Caps",
    "",
    ...table(component(doc, "Caps"), (f) => [`Caps.${f}`]),
    "",
    "## Reentry",
    "",
    ...table(component(doc, "Reentry"), (f) => [`Reentry.${f}`]),
    "",
    "## Metrics",
    "",
    "Entries of `metrics` (at most 10): what the results page compares between each branch and the control.",
    "",
    ...table(metric, (f) => [`Journey.metrics.${f}`]),
    "",
    "Every figure is per visitor. A visitor is counted (enrolled) in a journey once, when they first enter it, with",
    "their group (branch, or the holdout) and their device class, country, new/returning and traffic source at that",
    "moment; from then on each metric keeps that visitor's running value, and only events within `window` of the",
    "enrolment count. Re-entering the journey does not enrol the visitor again, and holdout visitors are measured too",
    "(they are the control). Visitors who entered a journey before it had metrics are not measured in it.",
    "",
    "Checked besides the table: unique ids, exactly one of `event` and `url`, `field` only on a `revenue` metric and",
    "`url` never on one, at most one `primary`. Without `metrics`, a journey with `goals` is measured by",
    '`{"id": "goal", "kind": "conversion", "event": <goals>, "role": "primary"}`.',
    "",
    "Revenue sent from the browser (the beacon, `POST /__waymark/events`) can be forged by anyone: amounts are clamped",
    "per event and per visitor, but the site's backend (`POST /__waymark/api/visitors/:visitorId/events`) is the trustworthy",
    "source of revenue. Guardrails: `dismiss` events (a visitor closing a banner or nudge) and `opt_out` (a visitor",
    "opting out while enrolled, counted just before their data is erased) are countable like any event:",
    "",
    "```json",
    JSON.stringify([
      { id: "purchase", kind: "conversion", event: "purchase", role: "primary" },
      { id: "revenue", kind: "revenue", event: "purchase", field: "value" },
      { id: "dismissals", kind: "count", event: "dismiss", role: "guardrail", direction: "decrease" },
    ]),
    "```",
    "",
    "## Tracking rules",
    "",
    "Entries of `track` (at most 50): events without code. The rules of every live (not paused) journey apply on every",
    "page of the site, and their events are ordinary events: any journey's transitions, goals and metrics see them, as",
    "if the site had called `waymark.track(event)`. A click rule reports `{ path }` with the event; a view rule",
    "reports its event with the page view, so a transition on it shows the new stage on that very page. The same",
    "rule in two journeys reports its event once.",
    ...trackVariants.flatMap((v) => {
      const on = (v.properties?.on as { const?: string } | undefined)?.const;
      if (!on) throw new Error("tracking rule variant without a literal on");
      return ["", `### ${code(`"on": "${on}"`)}`, "", ...table(v, (f) => [`Journey.track.${on}.${f}`])];
    }),
    "",
    "```json",
    JSON.stringify([
      { on: "click", selector: "button.add-to-cart", event: "add_clicked", id: "add" },
      { on: "view", url: "/pricing**", event: "pricing_viewed" },
    ]),
    "```",
    "",
    "Inside marketer HTML (inserted banners, replaced content, nudges), two attributes need no script and no rule:",
    "",
    '- `data-wm-track="<event_type>"` on a link or button: a click on it (or inside it) reports that event with the',
    "  banner's `journey` and `action` (it works on the site's own elements too, reporting `{ path }`). A name that is",
    "  not snake_case is ignored.",
    "- `data-wm-dismiss` on a button inside an inserted banner or a nudge: a click hides that banner and reports",
    "  `dismiss` for its journey, exactly like a nudge's close button; the journey then stops showing it (it exits, or",
    '  waits out `caps.dismissCooldown`). Use a `<button type="button">`, not a link, so nothing navigates.',
    "",
    "```html",
    '<div class="promo">Free returns for 60 days. <a href="/returns" data-wm-track="returns_clicked">How?</a>',
    '  <button type="button" data-wm-dismiss aria-label="Dismiss">&times;</button></div>',
    "```",
    "",
    "## Webhooks",
    "",
    "Entries of `webhooks`:",
    "",
    ...table(webhook, (f) => [`Journey.webhooks.${f}`]),
    "",
    "## Actions",
    "",
    ...variantsSection("Action", component(doc, "Action"), [
      "Page actions (`insert`, `replace`, `set_attribute`, `remove`, `hide`, `style`, `redirect`) are applied at the edge",
      "while the page streams; a `nudge` is shown by the beacon in a shadow root, on page load or at once in reply to an",
      "event. Elements Waymark inserts are wrapped in `<waymark-slot data-wm-journey data-wm-stage data-wm-branch",
      "data-wm-action>`; elements it changes carry those attributes.",
      "",
      "Selectors are the ones the edge's HTML rewriter runs: `tag`, `*`, `#id`, `.class`, `[attr]`, `[attr=v]` (also",
      "`~=` `|=` `^=` `$=` `*=`, with an `i` or `s` flag), descendant (space) and child (`>`) combinators, lists (`,`),",
      "`:first-child`, `:first-of-type`, `:nth-child()`, `:nth-of-type()` and `:not()` of simple selectors. Anything",
      "else (`h1 + p`, `~`, `:hover`, `:last-child`, `::before`, `:has()`...) is refused on save with a message naming",
      "the unsupported part (`checkSelector` in shared/src/selectors).",
    ]),
    "",
    "## Conditions",
    "",
    ...variantsSection("Condition", component(doc, "Condition"), [
      "Conditions gate journeys (`when`), transitions and actions. All conditions in a list must hold; use `any` for",
      '"or". Every condition accepts `"not": true`.',
      "",
      "`utm`, `source` and `landing` (and `referrer` with `touch`) read where the visit came from: the landing of the",
      'current session (`"touch": "session"`, the default; the session\'s first page view) or of the visitor\'s first visit',
      '(`"touch": "first"`), kept in the visitor\'s state, so they still hold pages and sessions later. Without consent',
      "nothing is kept and they read the current request alone. `audience` names a saved audience",
      "(`/__waymark/api/audiences`), published with the journeys; an unknown id is refused when saving or publishing.",
    ]),
    "",
    "## Durations",
    "",
    "A number and a unit, no spaces: `500ms`, `2s`, `30m`, `1h`, `7d`.",
    "",
    "## Templates",
    "",
    'Action HTML, text and attribute values may contain `{{name}}` or `{{name | "default"}}` (the default is used',
    "when the value is absent, e.g. an empty cart has no `cart.lastItem.name`). Values are always HTML-escaped, and",
    "rendered for where they sit: in a URL attribute (`href`, `src`, `action`, `formaction`, `srcset`, ...) the whole",
    "rendered URL must be http(s), mailto, tel or relative, else the default is used (or `about:invalid#waymark`); in",
    "`style` only letters, digits, spaces and `#%.,+_-` pass; inside `<script>`, `on*` handlers and `srcdoc` a value is",
    "never rendered.",
    "",
    '`{{name | plural: "item", "items"}}` renders the first word when the value is the number 1 and the second',
    'otherwise (also when it is absent): `{{cart.count}} {{cart.count | plural: "item", "items"}}` reads "1 item" or',
    '"3 items". The words are escaped like values.',
    "",
    "The cart is derived from `add_to_cart`, `remove_from_cart` and `purchase` events. Available values:",
    "",
    ...templateKeys.map((k) => `- ${code(k)}`),
    "",
  ];
  return out.join("\n");
}
