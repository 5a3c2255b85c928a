import type { Capability, Role } from "@waymark/shared/schemas/access.ts";

/** The least a token must be to use a route: a staff role (or more), the ingest role (or admin), any token, none. */
export type MinRole = Exclude<Role, "ingest"> | "ingest" | "any" | "public";

export interface RouteRule {
  role: MinRole;
  /** What the route does, for the 403: "<what> needs the <role> role; this token is <role>". */
  what: string;
  /** With REQUIRE_APPROVAL on, the role needed instead (direct publishing: admin only). */
  withApproval?: MinRole;
  /** When the visitor in the path is a preview sandbox ("preview:<jti>"): QA runs and the extension's simulate. */
  sandbox?: MinRole;
  /** The dashboard's flag for this route (GET /__waymark/api/whoami). */
  capability?: Capability;
}

const API = "/__waymark/api";

/**
 * Every route under /__waymark/api/, keyed "METHOD /path" exactly as registered, with the least role that may use
 * it. The router enforces it before any handler runs (http/auth.ts); a route missing here is admin-only, and
 * edge/test/roles-routes.test.ts fails until it has a row. Add a row with every new route.
 */
export const ROUTE_ROLES: Readonly<Record<string, RouteRule>> = {
  [`GET ${API}/openapi.json`]: { role: "public", what: "the API description" },
  [`GET ${API}/whoami`]: { role: "any", what: "reading your own role" },

  // Reading: viewer.
  [`GET ${API}/journeys`]: { role: "viewer", what: "reading journeys", capability: "read" },
  [`GET ${API}/journeys/:id`]: { role: "viewer", what: "reading journeys" },
  [`GET ${API}/versions`]: { role: "viewer", what: "reading versions" },
  [`GET ${API}/versions/:version`]: { role: "viewer", what: "reading versions" },
  [`GET ${API}/diff`]: { role: "viewer", what: "reading diffs" },
  [`GET ${API}/audit`]: { role: "viewer", what: "reading the audit log" },
  [`GET ${API}/stats`]: { role: "viewer", what: "reading results" },
  [`GET ${API}/stats.csv`]: { role: "viewer", what: "reading results" },
  [`GET ${API}/program`]: { role: "viewer", what: "reading results" },
  [`GET ${API}/offers`]: { role: "viewer", what: "reading results" },
  [`GET ${API}/qa`]: { role: "viewer", what: "reading QA results" },
  [`GET ${API}/publish-requests`]: { role: "viewer", what: "reading publish requests" },
  [`GET ${API}/audiences`]: { role: "viewer", what: "reading audiences" },
  [`GET ${API}/audiences/:id`]: { role: "viewer", what: "reading audiences" },
  // Checks without side effects.
  [`POST ${API}/validate`]: { role: "viewer", what: "validating a journey" },

  // Drafts, previews, QA, selector tests, traces: editor.
  [`PUT ${API}/journeys/:id`]: { role: "editor", what: "editing journeys", capability: "edit" },
  [`DELETE ${API}/journeys/:id`]: { role: "editor", what: "deleting journeys" },
  [`DELETE ${API}/journeys/:id/draft`]: { role: "editor", what: "discarding drafts" },
  [`PUT ${API}/audiences/:id`]: { role: "editor", what: "editing audiences" },
  [`DELETE ${API}/audiences/:id`]: { role: "editor", what: "deleting audiences" },
  [`POST ${API}/preview-tokens`]: { role: "editor", what: "creating preview links", capability: "preview" },
  [`POST ${API}/qa`]: { role: "editor", what: "recording QA results", capability: "qa" },
  [`POST ${API}/selector-test`]: { role: "editor", what: "testing selectors" },
  // Reads a visitor's state only to trace one page: the state itself is admin-only (GET /visitors/:visitorId).
  [`POST ${API}/decide`]: { role: "editor", what: "tracing a decision" },
  [`POST ${API}/publish-requests`]: {
    role: "editor",
    what: "requesting a publish",
    capability: "requestPublish",
  },
  // The requester (or a publisher) withdraws a request; the handler checks which.
  [`POST ${API}/publish-requests/:id/withdraw`]: { role: "editor", what: "withdrawing a publish request" },

  // What changes the live site: publisher.
  [`POST ${API}/publish`]: { role: "publisher", withApproval: "admin", what: "publishing", capability: "publish" },
  [`POST ${API}/rollback`]: { role: "publisher", what: "rolling back", capability: "rollback" },
  [`POST ${API}/journeys/:id/pause`]: { role: "publisher", what: "pausing a journey", capability: "pause" },
  [`POST ${API}/journeys/:id/resume`]: { role: "publisher", what: "resuming a journey" },
  [`POST ${API}/publish-requests/:id/approve`]: {
    role: "publisher",
    what: "approving a publish request",
    capability: "approve",
  },
  [`POST ${API}/publish-requests/:id/reject`]: { role: "publisher", what: "rejecting a publish request" },

  // Visitor records: admin; the backend's ingest token for events, traits and identify; QA's sandboxes: editor.
  [`GET ${API}/visitors/:visitorId`]: {
    role: "admin",
    what: "looking up a visitor",
    capability: "visitors",
  },
  [`POST ${API}/visitors/:visitorId/advance-time`]: {
    role: "admin",
    sandbox: "editor",
    what: "moving a visitor's clock",
  },
  [`POST ${API}/visitors/:visitorId/events`]: {
    role: "ingest",
    sandbox: "editor",
    what: "recording server-side events",
    capability: "ingest",
  },
  [`POST ${API}/visitors/:visitorId/traits`]: { role: "ingest", what: "setting traits" },
  [`POST ${API}/visitors/:visitorId/identify`]: { role: "ingest", what: "linking a visitor to a customer" },
};
