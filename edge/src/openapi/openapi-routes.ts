import { SelectorTestBody, SelectorTestResult } from "@waymark/shared/selectors/selector-test.ts";
import {
  PublishRequestApproved,
  PublishRequestCreate,
  PublishRequestDecision,
  PublishRequestList,
  PublishRequestRecord,
  PublishRequestStatus,
  WhoAmI,
} from "@waymark/shared/schemas/access.ts";
import {
  AuditEntry,
  DiffResponse,
  JourneyList,
  JourneyRecord,
  PublishRequest,
  PublishResponse,
  RollbackRequest,
  VersionList,
} from "@waymark/shared/schemas/api.ts";
import { Action } from "@waymark/shared/schemas/action.ts";
import { Audience, AudienceRecord } from "@waymark/shared/schemas/audience.ts";
import { Condition } from "@waymark/shared/schemas/condition.ts";
import { AppliedAction, Decision, JourneyTrace } from "@waymark/shared/schemas/decision.ts";
import { EventsBody, VisitorEvent } from "@waymark/shared/schemas/event.ts";
import { Slug } from "@waymark/shared/schemas/id.ts";
import { Branch, Caps, Journey, Reentry, Stage, Transition } from "@waymark/shared/schemas/journey.ts";
import { EventsReply } from "@waymark/shared/schemas/manifest.ts";
import { PreviewTokenRequest, PreviewTokenResponse } from "@waymark/shared/schemas/preview.ts";
import { QaResult, QaResultInput } from "@waymark/shared/schemas/qa.ts";
import { Ruleset } from "@waymark/shared/schemas/ruleset.ts";
import { TrackRule } from "@waymark/shared/schemas/tracking.ts";
import { StatsBreakdownBy, StatsMethod, StatsResponse } from "@waymark/shared/schemas/stats.ts";
import { z } from "zod";
import { ConsentReport } from "../privacy/consent-report.ts";
import { ChannelJourney, DecideResult } from "@waymark/shared/schemas/channel.ts";
import { ProgramResponse } from "@waymark/shared/schemas/program.ts";
import {
  AdvanceTimeBody,
  DecideBody,
  DeleteMeBody,
  IdentifyBody,
  NavigateBody,
  NavigateReply,
  ServerIdentifyBody,
  TraitsBody,
  VisitorName,
} from "../routes/visitor-bodies.ts";

export type Auth = "none" | "admin" | "ingest" | "visitor";

export interface ResponseDoc {
  description: string;
  /** JSON body; omitted for bodiless answers. */
  schema?: z.ZodType;
  /** Non-JSON body type, e.g. "text/html" or "application/javascript". */
  contentType?: string;
}

export interface QueryDoc {
  schema: z.ZodType;
  required?: boolean;
  description: string;
}

/** One public endpoint, as the OpenAPI document describes it. */
export interface RouteDoc {
  method: "get" | "post" | "put" | "delete";
  /** itty-router path as registered, e.g. "/__waymark/api/journeys/:id". */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  params?: Record<string, { schema: z.ZodType; description: string }>;
  query?: Record<string, QueryDoc>;
  body?: { schema: z.ZodType; required?: boolean; description?: string };
  responses: Record<number, ResponseDoc>;
}

/** Schemas published under #/components/schemas by these names (others are inlined where used). */
export const COMPONENTS = {
  Journey,
  Stage,
  Transition,
  Branch,
  Caps,
  Reentry,
  Action,
  Condition,
  Audience,
  AudienceRecord,
  TrackRule,
  JourneyRecord,
  JourneyList,
  VersionList,
  Ruleset,
  DiffResponse,
  AuditEntry,
  PublishRequest,
  PublishResponse,
  RollbackRequest,
  StatsResponse,
  PreviewTokenRequest,
  PreviewTokenResponse,
  QaResultInput,
  QaResult,
  VisitorEvent,
  EventsBody,
  EventsReply,
  AppliedAction,
  JourneyTrace,
  Decision,
  ChannelJourney,
  DecideResult,
  WhoAmI,
  PublishRequestRecord,
  PublishRequestList,
} satisfies Record<string, z.ZodType>;

const API = "/__waymark/api";
const journeyId = { id: { schema: Slug, description: "Journey id" } };
const visitorId = {
  visitorId: {
    schema: VisitorName,
    description: 'A visitor id (the wm_vid cookie), "customer:<id>" or a preview sandbox "preview:<jti>"',
  },
};
const audienceId = { id: { schema: Slug, description: "Audience id" } };
const AudienceList = z.object({
  audiences: z.array(AudienceRecord),
  corrupt: z.array(z.object({ id: z.string(), message: z.string() })).optional(),
});
const Deleted = z.object({ deleted: z.literal(true) });
const Ok = z.object({ ok: z.literal(true) });
const invalid = { description: "Invalid input: `issues` carries the zod issue paths" };
const tooMany = { description: "Too many events for this visitor: retry after the Retry-After header" };

/** Query of the stats API, JSON and CSV alike. */
const STATS_QUERY: Record<string, QueryDoc> = {
  journey: { schema: Slug, required: true, description: "Journey id" },
  from: {
    schema: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    description: "First day, YYYY-MM-DD (default: 30 days ago); per-visitor results count from the start to `to`",
  },
  to: {
    schema: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    description: "Last day, YYYY-MM-DD (default: today, UTC)",
  },
  method: {
    schema: StatsMethod,
    description: "Intervals: sequential (anytime-valid, default) or fixed (fixed-horizon)",
  },
  by: { schema: StatsBreakdownBy, description: "Break the results down by a visitor dimension at enrolment" },
};

/** Every public endpoint under /__waymark/ (the site's own paths are proxied and not described here). */
export const ROUTES: RouteDoc[] = [
  {
    method: "get",
    path: "/__waymark/health",
    tag: "site",
    summary: "Liveness check",
    auth: "none",
    responses: { 200: { description: "Up", schema: z.object({ ok: z.literal(true), service: z.literal("waymark") }) } },
  },
  {
    method: "get",
    path: "/__waymark/beacon.js",
    tag: "site",
    summary: "The beacon script",
    description:
      'Injected into personalized pages as `<script async src="/__waymark/beacon.js?v=HASH">`: behaviour signals, `window.waymark.track()`, nudges, restoration after framework re-renders. Immutable per `v` hash.',
    auth: "none",
    responses: { 200: { description: "The script", contentType: "application/javascript" } },
  },
  {
    method: "get",
    path: "/__waymark/nudges.js",
    tag: "site",
    summary: "The nudge module",
    description:
      "An ES module the beacon imports on the first nudge of a page (`/__waymark/nudges.js?v=HASH`), so the script every page loads does not carry what only a few pages show. Immutable per `v` hash.",
    auth: "none",
    responses: { 200: { description: "The module", contentType: "application/javascript" } },
  },
  {
    method: "get",
    path: `${API}/openapi.json`,
    tag: "site",
    summary: "This OpenAPI document",
    auth: "none",
    responses: { 200: { description: "OpenAPI 3.1 document", contentType: "application/json" } },
  },
  {
    method: "post",
    path: "/__waymark/events",
    tag: "visitor",
    summary: "Record the visitor's events (the beacon, or the site's own code)",
    description:
      'The visitor is the `wm_vid` cookie (set when missing). One event or a batch of up to 50. The reply carries the nudges to show now (e.g. a help offer after rage clicks). Opted-out or unconsented browsers get `{"accepted": 0, "actions": []}` and nothing is stored. Requests carrying a preview token go to the preview sandbox, never the real visitor.',
    auth: "visitor",
    body: { schema: EventsBody, required: true },
    responses: {
      200: { description: "Recorded", schema: EventsReply },
      400: invalid,
      413: { description: "Body too large" },
      429: tooMany,
      503: { description: "Not recorded: retry after the Retry-After header" },
    },
  },
  {
    method: "post",
    path: "/__waymark/navigate",
    tag: "visitor",
    summary: "A single-page app's route change: the page view of that URL, answered as its manifest",
    description:
      "Sent by the beacon when the page changes route with the History API. The URL (a path or an absolute URL on this site, outside /__waymark) gets the page view a page load of it would get: the same visitor (`wm_vid`, set when missing), opt-out, consent and GPC rules, preview token, one visitor-object call; it counts against the visitor's per-minute event window. The answer is the route's PageManifest (the page actions to apply in the browser, nudges, click rules) plus `redirect` when a journey sends the visitor to another page of the site; `X-Waymark` says the outcome as for a page. Opted-out browsers get an empty manifest and nothing is stored. Only the site's own pages may call it (`Origin`).",
    auth: "visitor",
    body: { schema: NavigateBody, required: true },
    responses: {
      200: { description: "The route's manifest", schema: NavigateReply },
      400: invalid,
      403: { description: "Called from another site's page" },
      413: { description: "Body too large" },
      429: tooMany,
    },
  },
  {
    method: "get",
    path: "/__waymark/me",
    tag: "visitor",
    summary: "Everything stored about this browser",
    description:
      'The visitor\'s stored state (the fields of VisitorState: visits, cart, traits, journeys, ...) plus `visitorId`, `eventCount`, `stored`, `optedOut` and `link` (`{customerId, via, expiresAt, active}` or null). A browser with an active link also gets `customer`: the customer\'s journeys, cart and counters, `traitNames` (no trait values) and only the events this browser sent. Without a visitor (or opted out): `{"visitorId": null, "eventCount": 0, "stored": false, "optedOut"}`.',
    auth: "visitor",
    responses: { 200: { description: "The visitor's data" } },
  },
  {
    method: "delete",
    path: "/__waymark/me",
    tag: "visitor",
    summary: "Erase everything stored about this browser",
    description:
      'Answers `{"erased": true, "visitorId", "customerErased"}` and clears the `wm_vid` cookie: the next page starts a new visitor. A linked browser is unlinked; its customer is erased too only with a fresh identity token for that customer in the body (`{"token"}`). A tombstone refuses writes in flight until opt-in or the retention period ends.',
    auth: "visitor",
    body: { schema: DeleteMeBody, required: false },
    responses: {
      200: { description: "Erased" },
      400: invalid,
      401: { description: "Invalid or expired identity token" },
      403: { description: "Token for another customer, or identity verification not configured" },
    },
  },
  {
    method: "post",
    path: "/__waymark/opt-out",
    tag: "visitor",
    summary: "Stop (and erase) personalization and tracking for this browser",
    description:
      'Erases what is stored, clears `wm_vid` and sets `wm_optout=1` (readable by the beacon, so it stops sending): nothing is stored or personalized while it is present. Answers `{"optedOut": true}`.',
    auth: "visitor",
    responses: { 200: { description: "Opted out" } },
  },
  {
    method: "post",
    path: "/__waymark/opt-in",
    tag: "visitor",
    summary: "Remove the opt-out; the next page starts a fresh visitor",
    description: 'Answers `{"optedOut": false}`.',
    auth: "visitor",
    responses: { 200: { description: "Opted in" } },
  },
  {
    method: "get",
    path: "/__waymark/opt-out",
    tag: "visitor",
    summary: "The visitor's privacy page: what is stored, and opt out / opt in / erase, without JavaScript",
    description:
      "A small accessible HTML page (no script) in the first language of Accept-Language it has (English, German, French, Spanish; English otherwise). Says what is stored about this browser (an anonymous id, recent events, journeys; opted out; or nothing without consent or GPC) and offers the choices as plain forms posting to /__waymark/privacy. `?done=opt-out|opt-in|erase` shows the confirmation after a choice. Link to it from the site's privacy policy or footer.",
    auth: "visitor",
    query: {
      done: { schema: z.enum(["opt-out", "opt-in", "erase"]), description: "The choice just made (a confirmation)" },
    },
    responses: { 200: { description: "The page", contentType: "text/html" } },
  },
  {
    method: "post",
    path: "/__waymark/privacy",
    tag: "visitor",
    summary: "The privacy page's forms: do=opt-out|opt-in|erase, then back to the page",
    description:
      "An `application/x-www-form-urlencoded` body with `do` = `opt-out`, `opt-in` or `erase`: the same as POST /__waymark/opt-out, POST /__waymark/opt-in and DELETE /__waymark/me (without a customer token), then 303 to `/__waymark/opt-out?done=<choice>` with the cookies those set. Accepted from this site's own pages only (`Sec-Fetch-Site: same-origin`, or a matching `Origin`): another site's form cannot opt a visitor out or erase their data.",
    auth: "visitor",
    responses: {
      303: { description: "Done; back to the privacy page" },
      400: { description: "Not a form, or an unknown choice" },
      403: { description: "Sent from another site's page" },
      413: { description: "Form too large" },
    },
  },
  {
    method: "post",
    path: "/__waymark/consent",
    tag: "visitor",
    summary: "The beacon reports the page's consent frameworks (TCF __tcfapi, Google Consent Mode v2)",
    description:
      'Under CONSENT_MODE=required. `tcf`: the TC string (granted when it consents to every purpose of CONSENT_PURPOSES, default 1,5,6); `consentMode`: the Consent Mode state (`personalization_storage` when set, else `analytics_storage`). Every framework named must grant. The verdict is kept in the `wm_fwconsent` cookie and read with the site\'s consent cookie and the `euconsent-v2` cookie on every request: any refusal wins, GPC always wins. Answers `{consent: "granted"|"refused", mode, erased}`; when the browser may no longer be tracked, what is stored about it is erased as an opt-out does (`erased: true`) and `wm_vid` is cleared. Accepted from this site\'s own pages only (`Sec-Fetch-Site: same-origin`, or a matching `Origin`).',
    auth: "visitor",
    body: { schema: ConsentReport, required: true },
    responses: {
      200: { description: "Recorded: the verdict, the resulting privacy mode, and whether stored data was erased" },
      400: { description: "Not a report, or no usable signal in it (a TC string that does not decode)" },
      403: { description: "Sent from another site's page" },
      413: { description: "Report too large" },
    },
  },
  {
    method: "post",
    path: "/__waymark/identify",
    tag: "visitor",
    summary: "Link this browser to a known customer (`customerId: null` unlinks, e.g. on logout)",
    description:
      'Needs `token`, signed by the site\'s backend with IDENTITY_SECRET: `<customerId>.<exp>.<base64url(HMAC-SHA256(secret, "waymark-identify:v1:<customerId>:<exp>"))>`, exp in Unix seconds, at most 24 h ahead (docs/events-and-beacon.md). Journey state then follows the customer on every linked device until the token expires. Unlinking needs no token. Needs consent and a visitor: otherwise answers `{"linked": null, "stored": false}`.',
    auth: "visitor",
    body: { schema: IdentifyBody, required: true },
    responses: {
      200: { description: "Linked or unlinked" },
      400: invalid,
      401: { description: "Identity token missing, malformed, forged, expired or too long-lived" },
      403: { description: "Token for another customer, or IDENTITY_SECRET not configured" },
      409: { description: "This visitor (or customer) was erased" },
      429: tooMany,
    },
  },
  {
    method: "get",
    path: "/__waymark/preview",
    tag: "preview",
    summary: "Shareable preview link: start previewing",
    description:
      "A valid token becomes the `wm_preview` cookie for its remaining lifetime, then a redirect to `path` (default `/`). An invalid, tampered or expired token gets an explanatory page and forces nothing.",
    auth: "none",
    query: {
      token: {
        schema: z.string(),
        required: true,
        description: "Preview token from POST /__waymark/api/preview-tokens",
      },
      path: { schema: z.string(), description: "Same-site path to land on (default /)" },
    },
    responses: {
      302: { description: "Cookie set; redirect to the site" },
      400: { description: "Token not valid here", contentType: "text/html" },
    },
  },
  {
    method: "get",
    path: "/__waymark/preview/stop",
    tag: "preview",
    summary: "Stop previewing (clears the wm_preview cookie)",
    auth: "none",
    responses: { 302: { description: "Cookie cleared; redirect to /" } },
  },
  {
    method: "get",
    path: "/__waymark/dashboard",
    tag: "site",
    summary: "The dashboard (a single-page app; sign in with an admin token)",
    auth: "none",
    responses: { 200: { description: "The app", contentType: "text/html" } },
  },
  {
    method: "get",
    path: `${API}/journeys`,
    tag: "journeys",
    summary: "List journeys (drafts) with their status",
    auth: "admin",
    responses: { 200: { description: "Journeys", schema: JourneyList } },
  },
  {
    method: "get",
    path: `${API}/journeys/:id`,
    tag: "journeys",
    summary: "Read one journey",
    auth: "admin",
    params: journeyId,
    responses: { 200: { description: "The journey", schema: JourneyRecord }, 404: { description: "No such journey" } },
  },
  {
    method: "put",
    path: `${API}/journeys/:id`,
    tag: "journeys",
    summary: "Create or replace a journey's draft",
    description: "Nothing goes live until POST /__waymark/api/publish. The body's id, if given, must match the path.",
    auth: "admin",
    params: journeyId,
    body: { schema: Journey, required: true },
    responses: {
      200: { description: "Replaced", schema: JourneyRecord },
      201: { description: "Created", schema: JourneyRecord },
      400: invalid,
    },
  },
  {
    method: "delete",
    path: `${API}/journeys/:id`,
    tag: "journeys",
    summary: "Delete a journey's draft (it leaves the live version at the next publish)",
    auth: "admin",
    params: journeyId,
    responses: { 200: { description: "Deleted", schema: Deleted }, 404: { description: "No such journey" } },
  },
  {
    method: "delete",
    path: `${API}/journeys/:id/draft`,
    tag: "journeys",
    summary: "Discard a journey's draft: it becomes the journey's live version again",
    description:
      "Only this journey's unpublished edits are thrown away (the other drafts and the live version are untouched). " +
      "409 when the journey has never been published (delete it instead).",
    auth: "admin",
    params: journeyId,
    responses: {
      200: { description: "The draft, now equal to the live version", schema: JourneyRecord },
      404: { description: "No such journey" },
      409: { description: "Never published: there is no live version to go back to" },
    },
  },
  {
    method: "post",
    path: `${API}/journeys/:id/pause`,
    tag: "journeys",
    summary: "Pause a journey (kept, but neither advances nor acts)",
    auth: "admin",
    params: journeyId,
    responses: { 200: { description: "Paused", schema: JourneyRecord }, 404: { description: "No such journey" } },
  },
  {
    method: "post",
    path: `${API}/journeys/:id/resume`,
    tag: "journeys",
    summary: "Resume a paused journey",
    auth: "admin",
    params: journeyId,
    responses: { 200: { description: "Resumed", schema: JourneyRecord }, 404: { description: "No such journey" } },
  },
  {
    method: "get",
    path: `${API}/audiences`,
    tag: "audiences",
    summary: "List saved audiences (drafts) with their status and who uses each",
    auth: "admin",
    responses: { 200: { description: "Audiences", schema: AudienceList } },
  },
  {
    method: "get",
    path: `${API}/audiences/:id`,
    tag: "audiences",
    summary: "Read one saved audience",
    auth: "admin",
    params: audienceId,
    responses: {
      200: { description: "The audience", schema: AudienceRecord },
      404: { description: "No such audience" },
    },
  },
  {
    method: "put",
    path: `${API}/audiences/:id`,
    tag: "audiences",
    summary: "Create or replace a saved audience's draft",
    description:
      'Published with the journeys by POST /__waymark/api/publish, in the same version. Journeys use it as `{"type": "audience", "id": "<id>"}`. ' +
      "Refused (400, with paths) when it uses an audience that does not exist, uses itself (directly or in a circle) or nests deeper than 3. The body's id, if given, must match the path.",
    auth: "admin",
    params: audienceId,
    body: { schema: Audience, required: true },
    responses: {
      200: { description: "Replaced", schema: AudienceRecord },
      201: { description: "Created", schema: AudienceRecord },
      400: invalid,
    },
  },
  {
    method: "delete",
    path: `${API}/audiences/:id`,
    tag: "audiences",
    summary: "Delete a saved audience's draft (it leaves the live version at the next publish)",
    description: "Refused (409, naming them) while a journey or another audience uses it.",
    auth: "admin",
    params: audienceId,
    responses: {
      200: { description: "Deleted", schema: Deleted },
      404: { description: "No such audience" },
      409: { description: "Used by journeys or audiences: the message names them" },
    },
  },
  {
    method: "post",
    path: `${API}/validate`,
    tag: "journeys",
    summary: "Validate a journey without saving it (same checks and messages as PUT)",
    auth: "admin",
    body: { schema: Journey, required: true },
    responses: { 200: { description: "Valid", schema: Ok }, 400: invalid },
  },
  {
    method: "post",
    path: `${API}/publish`,
    tag: "versions",
    summary: "Publish the drafts as a new immutable, numbered version",
    auth: "admin",
    body: { schema: PublishRequest, required: false },
    responses: { 201: { description: "Published", schema: PublishResponse }, 400: invalid },
  },
  {
    method: "get",
    path: `${API}/versions`,
    tag: "versions",
    summary: "Version history and the live version number",
    auth: "admin",
    responses: { 200: { description: "Versions", schema: VersionList } },
  },
  {
    method: "get",
    path: `${API}/versions/:version`,
    tag: "versions",
    summary: "One published version (or `live`)",
    auth: "admin",
    params: {
      version: { schema: z.union([z.literal("live"), z.string().regex(/^\d+$/)]), description: "A number or `live`" },
    },
    responses: { 200: { description: "The ruleset", schema: Ruleset }, 404: { description: "No such version" } },
  },
  {
    method: "get",
    path: `${API}/diff`,
    tag: "versions",
    summary: "Journey-by-journey diff of two versions (default: live against the drafts)",
    auth: "admin",
    query: {
      from: { schema: z.string(), description: 'A version number, "live" (default) or "draft"' },
      to: { schema: z.string(), description: 'A version number, "live" or "draft" (default)' },
    },
    responses: { 200: { description: "The diff", schema: DiffResponse }, 400: invalid },
  },
  {
    method: "post",
    path: `${API}/rollback`,
    tag: "versions",
    summary: "Publish an earlier version again, as a new version",
    auth: "admin",
    body: { schema: RollbackRequest, required: true },
    responses: {
      201: { description: "Rolled back", schema: PublishResponse },
      400: invalid,
      404: { description: "No such version" },
    },
  },
  {
    method: "get",
    path: `${API}/audit`,
    tag: "versions",
    summary: "Audit log: who changed what and when (actor = label of the admin token)",
    auth: "admin",
    query: {
      limit: { schema: z.number().int().min(1).max(1_000), description: "Entries, newest first (default 100)" },
    },
    responses: { 200: { description: "Entries", schema: z.object({ entries: z.array(AuditEntry) }) } },
  },
  {
    method: "get",
    path: `${API}/stats`,
    tag: "stats",
    summary: "Per-stage and per-branch figures of a journey, and per-visitor results of its metrics",
    description:
      "Each metric per group (branch or holdout) against the control: visitors, sum, mean, the difference with its " +
      "95% interval (anytime-valid by default), Holm-adjusted p-values across branches x metrics, a verdict " +
      "(better, worse, inconclusive, insufficient_data), a sample-ratio check that withholds every verdict when " +
      "the split is broken, cumulative daily series, and an optional breakdown.",
    auth: "admin",
    query: STATS_QUERY,
    responses: { 200: { description: "Figures", schema: StatsResponse }, 400: invalid },
  },
  {
    method: "get",
    path: `${API}/stats.csv`,
    tag: "stats",
    summary: "The per-visitor results as CSV: one row per metric x group (x segment with `by`)",
    description:
      "RFC 4180 (CRLF, quoted fields); text that a spreadsheet would run as a formula starts with an apostrophe.",
    auth: "admin",
    query: STATS_QUERY,
    responses: { 200: { description: "CSV download", contentType: "text/csv" }, 400: invalid },
  },
  {
    method: "get",
    path: `${API}/program`,
    tag: "stats",
    summary: "The whole program's uplift: visitors personalized against the global holdout (GLOBAL_HOLDOUT)",
    description:
      "With GLOBAL_HOLDOUT above 0, every visitor is enrolled once in the program: the global holdout (no journey " +
      'acts on them) as the control, "holdout", and everyone else as "personalized", measured by purchases ' +
      "(conversion) and their revenue (the purchase event's `value`). The same figures as the stats API, with " +
      "`globalHoldout` (the share now).",
    auth: "admin",
    query: { from: STATS_QUERY.from, to: STATS_QUERY.to, method: STATS_QUERY.method, by: STATS_QUERY.by },
    responses: { 200: { description: "Figures", schema: ProgramResponse }, 400: invalid },
  },
  {
    method: "get",
    path: `${API}/offers`,
    tag: "stats",
    summary: "What each offer decision point of a live journey has learned (next best action)",
    description:
      "Per offer action of the journey (`journey` query parameter), its model: batches learned (`version`), " +
      "examples waiting for the next batch, and per offer the labelled examples learned from, conversions, base " +
      "propensity and, per segment (device, source class, main interest), examples, conversions and the mean " +
      "learned propensity. `candidates` lists the offers as the journey has them.",
    auth: "admin",
    query: { journey: STATS_QUERY.journey },
    responses: {
      200: { description: "{ journey, points: [{ action, objective, key, version, pending, offers, candidates }] }" },
      400: invalid,
      404: { description: "no live journey with that id" },
    },
  },
  {
    method: "post",
    path: `${API}/preview-tokens`,
    tag: "preview",
    summary: "Sign a preview token forcing a journey (and optionally a stage and branch)",
    description: "Tokens are HMAC-signed with PREVIEW_SECRET, scoped to this host, and expire (default 1 h, max 24 h).",
    auth: "admin",
    body: { schema: PreviewTokenRequest, required: true },
    responses: {
      201: { description: "Token and shareable link", schema: PreviewTokenResponse },
      400: invalid,
      503: { description: "PREVIEW_SECRET is not set" },
    },
  },
  {
    method: "get",
    path: `${API}/qa`,
    tag: "qa",
    summary: "QA verdicts per stage and branch",
    auth: "admin",
    query: { journey: { schema: Slug, description: "Only this journey's results" } },
    responses: { 200: { description: "Results", schema: z.object({ results: z.array(QaResult) }) } },
  },
  {
    method: "post",
    path: `${API}/qa`,
    tag: "qa",
    summary: "Record a QA verdict (the extension's QA run)",
    auth: "admin",
    body: { schema: QaResultInput, required: true },
    responses: {
      201: { description: "Recorded", schema: QaResult },
      400: invalid,
      413: { description: "Body too large" },
    },
  },
  {
    method: "get",
    path: `${API}/visitors/:visitorId`,
    tag: "visitors",
    summary: "What is stored about a visitor (admin view, including webhook deliveries)",
    description:
      "Answers the AdminVisitorView: the stored state, recent events, customer link, webhook deliveries, the outbox work not done yet (`pending`) and the next alarm (`alarmAt`, epoch ms, null: none). Read after the visitor's scheduled work running now (an alarm, a webhook sent at once) has ended, so `pending` and `alarmAt` show what that work left.",
    auth: "admin",
    params: visitorId,
    responses: { 200: { description: "The stored visitor" }, 404: { description: "Visitor not found" } },
  },
  {
    method: "post",
    path: `${API}/visitors/:visitorId/events`,
    tag: "visitors",
    summary: "Server-side events for a visitor (e.g. a purchase recorded by the shop's backend)",
    auth: "ingest",
    params: visitorId,
    body: { schema: EventsBody, required: true },
    responses: { 200: { description: "Recorded", schema: EventsReply }, 400: invalid, 429: tooMany },
  },
  {
    method: "post",
    path: `${API}/visitors/:visitorId/traits`,
    tag: "visitors",
    summary: "Set traits from a CRM or CDP (usable in `trait` conditions and `{{traits.<name>}}`)",
    description: 'Answers `{"traits"}`: all the visitor\'s traits after the change. `null` clears a trait.',
    auth: "ingest",
    params: visitorId,
    body: { schema: TraitsBody, required: true },
    responses: { 200: { description: "The visitor's traits" }, 400: invalid, 429: tooMany },
  },
  {
    method: "post",
    path: `${API}/visitors/:visitorId/identify`,
    tag: "visitors",
    summary: "Link a visitor to a known customer, server-side (`customerId: null` unlinks)",
    auth: "ingest",
    params: visitorId,
    body: { schema: ServerIdentifyBody, required: true },
    responses: { 200: { description: "Linked or unlinked" }, 400: invalid },
  },
  {
    method: "post",
    path: `${API}/visitors/:visitorId/advance-time`,
    tag: "visitors",
    summary: "Jump a visitor's clock forward (QA, and the extension's preview sandbox)",
    description: 'Due `after` transitions fire as if the time had passed. Answers `{"by", "changes", "state"}`.',
    auth: "admin",
    params: visitorId,
    body: { schema: AdvanceTimeBody, required: true },
    responses: { 200: { description: "Advanced" }, 400: invalid, 404: { description: "Visitor not found" } },
  },
  {
    method: "post",
    path: `${API}/decide`,
    tag: "visitors",
    summary: "Decide for a URL as a visitor (or a fresh one) would get it, without side effects: the full trace",
    description:
      "`preview` is a preview token, or `{journey, stage?, branch?, version?}` to force directly. `headers` are the request headers to decide as (User-Agent, Referer, Cookie, ...).",
    auth: "admin",
    body: { schema: DecideBody, required: true },
    responses: {
      200: {
        description:
          "The decision, and per journey the visitor is in what another channel needs (stage, branch, the rendered content of the actions the page got, `offer`)",
        schema: DecideResult,
      },
      400: invalid,
    },
  },
  {
    method: "post",
    path: `${API}/selector-test`,
    tag: "journeys",
    summary: "Test a selector on a page of the site: can the edge run it, and how many elements it matches",
    description:
      "The page is fetched from the origin as for an anonymous visitor (no redirects followed) and run through the edge's own HTMLRewriter. `url` is a path or a URL on the site's (or the origin's) host; anything else is a 400. An unsupported selector answers `supported: false` with a message naming the part the edge cannot run.",
    auth: "admin",
    body: { schema: SelectorTestBody, required: true },
    responses: { 200: { description: "The result", schema: SelectorTestResult }, 400: invalid },
  },
  {
    method: "get",
    path: `${API}/whoami`,
    tag: "access",
    summary: "The token's label and role, and what it may do",
    description:
      "Any valid token (ingest included). `can` has one flag per kind of action (the dashboard shows only what is allowed), `why` the 403 message for each one that is not, `approvals` whether REQUIRE_APPROVAL is on.",
    auth: "admin",
    responses: { 200: { description: "The token", schema: WhoAmI } },
  },
  {
    method: "get",
    path: `${API}/publish-requests`,
    tag: "access",
    summary: "Publish requests, newest first; pending ones with their diff against the live version",
    description:
      "A pending request says whether the drafts still match its snapshot (`current`) and, when not, what changed since (`changedSince`): approving it then answers 409.",
    auth: "admin",
    query: {
      status: { schema: PublishRequestStatus, description: "Only requests in this state" },
      limit: { schema: z.number().int().min(1).max(500), description: "At most this many (default 50)" },
    },
    responses: { 200: { description: "The requests", schema: PublishRequestList }, 400: invalid },
  },
  {
    method: "post",
    path: `${API}/publish-requests`,
    tag: "access",
    summary: "Ask for the drafts, as they are now, to be published (a snapshot another publisher approves)",
    auth: "admin",
    body: { schema: PublishRequestCreate, required: false },
    responses: {
      201: { description: "Requested", schema: PublishRequestRecord },
      400: { description: "The drafts could not be published (issue paths)" },
      409: { description: "The drafts match the live version: nothing to publish" },
    },
  },
  {
    method: "post",
    path: `${API}/publish-requests/:id/approve`,
    tag: "access",
    summary: "Approve a pending request: publishes exactly its snapshot",
    description:
      "By a publisher (or admin) whose label is not the requester's (403 otherwise). 409 when the request is not pending, when the live version already matches it, or when the drafts changed since it was made (`issues` name what changed; nothing is published).",
    auth: "admin",
    params: { id: { schema: z.number().int().positive(), description: "Request id" } },
    body: { schema: PublishRequestDecision, required: false },
    responses: {
      201: { description: "Approved and published", schema: PublishRequestApproved },
      403: { description: "The requester cannot approve its own request" },
      404: { description: "No such request" },
      409: { description: "Not pending, nothing to publish, or the drafts changed since the request" },
    },
  },
  {
    method: "post",
    path: `${API}/publish-requests/:id/reject`,
    tag: "access",
    summary: "Reject a pending request",
    auth: "admin",
    params: { id: { schema: z.number().int().positive(), description: "Request id" } },
    body: { schema: PublishRequestDecision, required: false },
    responses: {
      200: { description: "Rejected", schema: PublishRequestRecord },
      404: { description: "No such request" },
      409: { description: "Not pending" },
    },
  },
  {
    method: "post",
    path: `${API}/publish-requests/:id/withdraw`,
    tag: "access",
    summary: "Withdraw a pending request (its requester, or a publisher)",
    auth: "admin",
    params: { id: { schema: z.number().int().positive(), description: "Request id" } },
    body: { schema: PublishRequestDecision, required: false },
    responses: {
      200: { description: "Withdrawn", schema: PublishRequestRecord },
      403: { description: "Neither the requester nor a publisher" },
      404: { description: "No such request" },
      409: { description: "Not pending" },
    },
  },
];
