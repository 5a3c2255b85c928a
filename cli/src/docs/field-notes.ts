/**
 * What each field of the journey format means, for docs/journey-format.md. The types, limits, defaults and required
 * flags come from the zod schemas; only the meaning is written here. The generator refuses to run when a schema
 * field has no note, so a new field cannot ship undocumented.
 * Keys: "<Object>.<field>", "Action.<type>.<field>" / "Condition.<type>.<field>" for one variant, or
 * "Action.<field>" / "Condition.<field>" for fields every variant shares.
 */
export const FIELD_NOTES: Record<string, string> = {
  "Journey.id": "Stable id: used in URLs, stats, traces, preview tokens and as the file name by `waymark pull`.",
  "Journey.name": "Human-readable name shown in the dashboard and the extension.",
  "Journey.description": "Free text for colleagues.",
  "Journey.priority": "Higher wins when two journeys want the same slot; ties are broken by id.",
  "Journey.stages": "The stages a visitor moves through. Ids must be unique.",
  "Journey.start": "The stage a visitor enters the journey at (on their first event or page view).",
  "Journey.transitions":
    "How visitors move between stages: on an event, or after time spent in a stage. For one event, the first matching transition in list order wins.",
  "Journey.branches":
    "Variants visitors are split into by weight. Assignment is a deterministic hash of visitor id and journey id, so it is sticky.",
  "Journey.holdout": "Share of visitors (0 to 1) held out as a control group: they see nothing and are counted.",
  "Journey.allocation":
    "`fixed` uses the branch weights; `thompson` allocates new visitors by Thompson sampling on goal conversions (assignment stays sticky, the holdout stays fixed).",
  "Journey.when": "Audience: the journey only acts on requests where all of these conditions hold.",
  "Journey.actions": "What each stage and branch shows or changes.",
  "Journey.goals":
    "Events that complete the journey (a conversion) and exit it. Without `metrics`, the journey is measured by one primary conversion metric `goal` on these events.",
  "Journey.track":
    "Events without code: clicks on matching elements, or views of matching paths, report an event (see [Tracking rules](#tracking-rules)).",
  "Journey.track.click.on": "`click`: a click on an element matching `selector`, or on anything inside one.",
  "Journey.track.click.selector":
    "The elements, e.g. `#buy` or `button.add-to-cart`: same syntax as the selectors of actions. The beacon matches it with `closest()` on every click.",
  "Journey.track.click.event":
    "The event reported (snake_case), like `waymark.track(event)` would. Not `page_view`, `identify`, `traits` or `dismiss`.",
  "Journey.track.click.id": "Optional id, unique among the journey's rules (the visual editor names its rules).",
  "Journey.track.view.on": "`view`: a page view of a path matching `url`.",
  "Journey.track.view.url":
    "Path glob, as in `path` conditions (`*` within a segment, `**` across), e.g. `/pricing**`. The query string is not part of the path.",
  "Journey.track.view.event":
    "The event reported with the page view, in the same visit (before the page is decided). Not `page_view`, `identify`, `traits` or `dismiss`.",
  "Journey.track.view.id": "Optional id, unique among the journey's rules.",
  "Journey.metrics":
    "How the journey is measured, per visitor, against the holdout (or the first branch): see [Metrics](#metrics).",
  "Journey.metrics.id":
    "Metric id, unique within the journey: the stats API, the CSV export and the results page use it.",
  "Journey.metrics.name": "Human-readable name for the results page.",
  "Journey.metrics.kind":
    "`conversion`: 1 once the visitor did it (at most once), else 0. `revenue`: the sum of `field` over the visitor's events. `count`: how many matching events (or page views).",
  "Journey.metrics.event":
    "The event type(s) that count, e.g. `purchase`, `dismiss` (the beacon's dismissals), `opt_out`. Give exactly one of `event` and `url`.",
  "Journey.metrics.url":
    "Path glob, as in `path` conditions (`*` within a segment, `**` across): a page view of a matching path counts. `conversion` and `count` only.",
  "Journey.metrics.field":
    "`revenue` only: the numeric field of the event's data that is summed (default `value`). Each event's amount is clamped to 0..10,000,000; a non-number counts as nothing.",
  "Journey.metrics.window":
    "Attribution window: only events within this long after the visitor entered the journey count (default `30d`).",
  "Journey.metrics.role":
    "`primary`: the metric the verdict rests on (at most one; default: the first metric when none is marked); `secondary`: also reported; `guardrail`: must not get worse.",
  "Journey.metrics.direction": "Which way is better: `increase` (default) or `decrease` (dismissals, opt-outs).",
  "Journey.caps": "How often one visitor may be shown this journey's actions.",
  "Journey.reentry": "Whether a visitor who exited the journey may enter it again.",
  "Journey.allowScripts":
    "Marketer HTML may contain `<script>`, `on*=` handlers and `javascript:` URLs only when this is `true`.",
  "Journey.paused": "Paused journeys are kept in the ruleset but neither advance nor act.",
  "Journey.schedule":
    "When the journey runs, read against the clock on every request (no publish needed): before `start` it acts on nobody and takes nobody in; from `end` on it neither acts nor advances for anyone, as if paused (visitors keep their state). Either bound may be left out.",
  "Journey.schedule.start":
    'First instant the journey runs (inclusive): ISO 8601 with a time zone, e.g. `"2026-12-24T09:00:00+01:00"` or `"2026-12-24T08:00:00Z"`.',
  "Journey.schedule.end": "Instant the journey stops (exclusive), same format; must be after `start`.",
  "Journey.traffic":
    "Share of visitors (0 to 1) who enter the journey (ramp-up): `hash(visitor id, journey id) < traffic`, so it is sticky, and raising it keeps everyone already in. Lowering it stops new entries; visitors already in stay. Visitors left out are not in the journey: not shown, not measured.",
  "Journey.group":
    "Exclusion group: a visitor is enrolled in at most one journey of the group. The group's running journeys split visitors in equal shares by a hash of visitor id and group (in id order), and each journey's `traffic` applies within its share. Sticky: a visitor once in one journey of the group never enters another, even when journeys join or leave the group.",
  "Journey.webhooks":
    "Outbound webhooks fired when a visitor enters one of the listed stages: see [Webhooks](#webhooks).",
  "Journey.webhooks.url": "Where to POST (signed with HMAC-SHA256, retried with backoff).",
  "Journey.webhooks.stages": "Entering any of these stages fires the webhook.",
  "Journey.webhooks.secretName": "Name of the Worker secret or var holding the signing key (default `WEBHOOK_SECRET`).",
  "Stage.id": "Stage id, unique within the journey.",
  "Stage.name": "Human-readable name.",
  "Stage.exit": "Reaching an exit stage ends the journey for the visitor (re-entry per `reentry`).",
  "Transition.from": 'A stage id, a list of stage ids, or `"*"` for any stage.',
  "Transition.to": "The stage entered.",
  "Transition.on": "An event type (e.g. `add_to_cart`). Give exactly one of `on` and `after`.",
  "Transition.after":
    "A duration spent in the `from` stage (e.g. `30m`); applied by the visitor's alarm even if they never come back.",
  "Transition.when": "Extra conditions that must hold for the transition.",
  "Branch.id": "Branch id, unique within the journey.",
  "Branch.weight": "Relative share of the (non-holdout) visitors; at least one branch needs a weight above 0.",
  "Branch.name": "Human-readable name.",
  "Caps.perSession": "At most this many exposures per visit (a visit ends after 30 minutes without activity).",
  "Caps.perDay": "At most this many exposures in any 24 hours.",
  "Caps.dismissCooldown": "After the visitor dismisses it, nothing from this journey for this long.",
  "Reentry.policy": "`always`, `once` (never again), or `cooldown` (again after `cooldown`).",
  "Reentry.cooldown": "With `cooldown`: how long after exiting the visitor may re-enter.",
  "Action.type": "What the action does (one of the types below).",
  "Action.id": 'Stable id within the journey (default `"a<index>"`): used in traces, stats and the page manifest.',
  "Action.stage": "Stage(s) in which the action applies; absent means every non-exit stage.",
  "Action.branch": "Branch(es) that get the action; absent means every branch (never the holdout).",
  "Action.when": "Extra conditions on the request or visitor.",
  "Action.slot":
    'Where the action competes: two actions in the same slot never both show (higher priority wins). Default `"<selector>|<position>"` for page actions, `"nudge"` for nudges.',
  "Action.insert.selector":
    "CSS selector of the element to insert at (the first match only, so a broad selector never repeats a banner).",
  "Action.insert.position": "Where, relative to the element.",
  "Action.insert.html":
    "HTML to insert, with `{{...}}` template values (always HTML-escaped). Wrapped in `<waymark-slot>` in the page.",
  "Action.replace.selector": "CSS selector of the element(s) whose content is replaced (every match).",
  "Action.replace.html": "New inner HTML (templates allowed). Give exactly one of `html` and `text`.",
  "Action.replace.text": "New text content (templates allowed).",
  "Action.set_attribute.selector": "CSS selector of the element(s).",
  "Action.set_attribute.name": "Attribute name.",
  "Action.set_attribute.value": "Attribute value (templates allowed).",
  "Action.remove.selector": "CSS selector of the element(s) to remove.",
  "Action.hide.selector": "CSS selector of the element(s) to hide.",
  "Action.style.selector": "CSS selector of the element(s) to style (every match).",
  "Action.style.css":
    "CSS declarations (`color: #b00; font-weight: 600`, max 4,000 characters) appended to each matching element's `style` attribute, after its own declarations so they win over them. Declarations only: no braces, `<`, `>`, `@` rules, backslash escapes, `expression(`, `javascript:`/`data:` URLs or script-loading properties.",
  "Action.redirect.url": "Same-site only: a path (`/pricing`) or an absolute URL on the request's own host.",
  "Action.redirect.status": "HTTP status of the redirect.",
  "Action.nudge.html": "Content of the nudge (templates allowed), shown by the beacon in a shadow root.",
  "Action.nudge.title": "Accessible title of the nudge dialog.",
  "Action.nudge.placement": "Where the nudge appears on the screen.",
  "Action.offer.selector":
    "CSS selector of the element the chosen offer goes in (replace: every match) or next to (insert: the first match).",
  "Action.offer.position":
    "`replace` puts the offer in place of the element's content; the others insert it as `insert` does.",
  "Action.offer.offers":
    "The candidates (1 to 20): each `{ id, name?, html | text, when?, value, weight, caps? }`. Eligibility (`when`, weight above 0, `caps` per session or day) comes first; among eligible offers the one with the highest sampled propensity x `value` (default 1) x `weight` (default 1) shows. `text` only with position `replace`.",
  "Action.offer.objective":
    "Id of one of the journey's metrics (or `goal` for a journey with goals only): the model learns which offer makes a visitor reach it.",
  "Action.offer.attribution":
    'How long after an offer is shown reaching the objective counts for it (default `"1d"`); the visitor keeps seeing that offer meanwhile.',
  "Condition.type": "Which condition (one of the types below).",
  "Condition.not": "Inverts the result.",
  "Condition.path.glob":
    "Request path glob(s): `*` within a segment, `**` across segments, `?` one character but `/`. A list matches any. Matched in linear time; paths longer than 4,096 characters never match.",
  "Condition.query.param": "Query parameter name.",
  "Condition.query.equals": "Value(s) it must equal; absent means present with any value.",
  "Condition.referrer.contains": "Text the referrer URL contains.",
  "Condition.referrer.glob":
    "Glob(s) the referrer URL, or its host, matches (a URL over 4,096 characters is matched by its host only).",
  "Condition.device.is": "Device class(es), from the User-Agent.",
  "Condition.country.in": "ISO 3166 alpha-2 country codes, from `request.cf.country`.",
  "Condition.visits.gte": "At least this many visits (sessions).",
  "Condition.visits.lte": "At most this many visits.",
  "Condition.cookie.name": "Cookie that must be present on the request.",
  "Condition.cookie.equals": "Value it must have; absent means any value.",
  "Condition.cart.minCount": "At least this many items in the cart.",
  "Condition.cart.minValue": "Cart value of at least this much.",
  "Condition.trait.name": "Trait set by a backend (`POST /__waymark/api/visitors/:id/traits`) or `identify`.",
  "Condition.trait.equals": "Value it must equal; absent means the trait is set.",
  "Condition.trait.in": "Values it may take.",
  "Condition.score.name": '`"engagement"` or `"interest:<category>"`.',
  "Condition.score.gte": "Score at least this (scores decay over time).",
  "Condition.score.lte": "Score at most this.",
  "Condition.in_stage_for.atLeast": "The visitor has been in the journey's current stage at least this long.",
  "Condition.in_stage_for.atMost": "... and at most this long.",
  "Condition.referrer.touch":
    'Absent: this request\'s referrer. `"session"` or `"first"`: the referrer the session (or the visitor\'s first visit) landed with.',
  "Condition.utm.param":
    "Which UTM parameter: `source`, `medium`, `campaign`, `term` or `content` (`utm_source`, ...).",
  "Condition.utm.equals": "Value(s) it must equal, ignoring case; absent means the parameter was there with any value.",
  "Condition.utm.touch":
    '`"session"`: the UTM parameters the current session landed with (its first page view), so they hold on every later page of the session. `"first"`: those of the visitor\'s first visit, in every later session. Without consent nothing is kept: both read the current request.',
  "Condition.source.in":
    "Traffic source classes: `search`, `social`, `email`, `paid`, `referral`, `direct`, `internal` (from ad click ids, `utm_medium` and the referrer's host).",
  "Condition.source.touch": '`"session"` (the current session\'s landing) or `"first"` (the first visit\'s).',
  "Condition.landing.glob": "Glob(s) the landing page's path must match (`*` within a segment, `**` across segments).",
  "Condition.landing.touch": '`"session"` (the page the current session started on) or `"first"` (the first visit\'s).',
  "Condition.session.gte": "At least the visitor's n-th session (the same count as `visits`).",
  "Condition.session.lte": "At most the n-th session.",
  "Condition.session.sinceLastAtLeast":
    "The previous session ended at least this long before the current one started (false in a first session).",
  "Condition.session.sinceLastAtMost": "... and at most this long.",
  "Condition.audience.id":
    "A saved audience (`/__waymark/api/audiences`): all its conditions hold. Published with the journeys; an unknown id is refused.",
  "Condition.any.conditions": "At least one of these holds (or). Conditions nest at most 10 deep.",
  "Condition.all.conditions": "All of these hold (and). Conditions nest at most 10 deep.",
};
