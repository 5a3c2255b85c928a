import { z } from "zod";
import { AudienceRecord, type Audience } from "../schemas/audience.ts";
import { SelectorTestBody, SelectorTestResult } from "../selectors/selector-test.ts";
import {
  PublishRequestApproved,
  PublishRequestList,
  PublishRequestRecord,
  type PublishRequestStatus,
  WhoAmI,
} from "../schemas/access.ts";
import { AdminVisitorView } from "../schemas/admin-visitor.ts";
import {
  ApiError,
  AuditEntry,
  DiffResponse,
  JourneyList,
  JourneyRecord,
  PublishResponse,
  VersionList,
} from "../schemas/api.ts";
import type { JourneyInput } from "../schemas/journey.ts";
import { AppliedAction } from "../schemas/decision.ts";
import { DecideResult } from "../schemas/channel.ts";
import type { VisitorEvent } from "../schemas/event.ts";
import { PreviewTokenResponse, type PreviewTokenRequest } from "../schemas/preview.ts";
import { QaResult, QaResultInput } from "../schemas/qa.ts";
import { Ruleset } from "../schemas/ruleset.ts";
import { VisitorState } from "../schemas/state.ts";
import { StatsResponse } from "../schemas/stats.ts";
import { ProgramResponse } from "../schemas/program.ts";
import { OffersResponse } from "../schemas/offer-report.ts";
import { WaymarkApiError } from "./api-error.ts";

export interface WaymarkClientOptions {
  /** Site URL, e.g. "https://shop.example" (the API lives under /__waymark/api). */
  baseUrl: string;
  /** Admin token, sent as a bearer header (never in a URL). */
  token: string;
  /** Injected for tests, the extension's background and Node. */
  fetch?: typeof fetch;
}

/**
 * The one typed client of Waymark's admin API, used by the dashboard, the extension and the CLI.
 * Responses are validated against the shared schemas; failures throw WaymarkApiError with issue paths.
 */
export class WaymarkClient {
  private readonly base: string;
  private readonly doFetch: typeof fetch;

  constructor(private readonly opts: WaymarkClientOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, "") + "/__waymark/api";
    this.doFetch = opts.fetch ?? ((...a) => globalThis.fetch(...a));
  }

  private async call<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.token}`, accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await this.doFetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // The API's answers are never cached (no-store) anyway. Bypassing the browser's HTTP cache also skips its
      // per-URL lock: without it, a poll of a URL whose last request is still unanswered (one the server left
      // hanging on a kept-alive connection) waits behind it, ~20 s in Chromium, and so does every later poll.
      cache: "no-store",
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const parsed = ApiError.safeParse(json);
      throw new WaymarkApiError(
        res.status,
        parsed.success ? parsed.data : { error: text.slice(0, 200) || res.statusText },
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new WaymarkApiError(502, { error: `unexpected response from ${method} ${path}` });
    return parsed.data;
  }

  listJourneys() {
    return this.call(JourneyList, "GET", "/journeys");
  }
  getJourney(id: string) {
    return this.call(JourneyRecord, "GET", `/journeys/${encodeURIComponent(id)}`);
  }
  /** Create or replace the draft of a journey. */
  putJourney(journey: JourneyInput) {
    return this.call(JourneyRecord, "PUT", `/journeys/${encodeURIComponent(journey.id)}`, journey);
  }
  deleteJourney(id: string) {
    return this.call(z.object({ deleted: z.literal(true) }), "DELETE", `/journeys/${encodeURIComponent(id)}`);
  }
  /** Throw away one journey's unpublished edits: its draft becomes its live version again. */
  discardDraft(id: string) {
    return this.call(JourneyRecord, "DELETE", `/journeys/${encodeURIComponent(id)}/draft`);
  }
  pauseJourney(id: string) {
    return this.call(JourneyRecord, "POST", `/journeys/${encodeURIComponent(id)}/pause`);
  }
  resumeJourney(id: string) {
    return this.call(JourneyRecord, "POST", `/journeys/${encodeURIComponent(id)}/resume`);
  }
  /** Saved audiences (drafts), each with who uses it. */
  listAudiences() {
    return this.call(
      z.object({
        audiences: z.array(AudienceRecord),
        corrupt: z.array(z.object({ id: z.string(), message: z.string() })).optional(),
      }),
      "GET",
      "/audiences",
    );
  }
  getAudience(id: string) {
    return this.call(AudienceRecord, "GET", `/audiences/${encodeURIComponent(id)}`);
  }
  /** Create or replace the draft of a saved audience (published with the journeys). */
  putAudience(audience: Audience) {
    return this.call(AudienceRecord, "PUT", `/audiences/${encodeURIComponent(audience.id)}`, audience);
  }
  /** Refused (409) while a journey or another audience uses it. */
  deleteAudience(id: string) {
    return this.call(z.object({ deleted: z.literal(true) }), "DELETE", `/audiences/${encodeURIComponent(id)}`);
  }
  /** Validate without saving: same checks and messages as PUT. */
  validateJourney(journey: unknown) {
    return this.call(z.object({ ok: z.literal(true) }), "POST", "/validate", journey);
  }
  publish(note?: string) {
    return this.call(PublishResponse, "POST", "/publish", note ? { note } : {});
  }
  listVersions() {
    return this.call(VersionList, "GET", "/versions");
  }
  getVersion(version: number) {
    return this.call(Ruleset, "GET", `/versions/${version}`);
  }
  /** Diff of two versions, or of the drafts against the live version when `from`/`to` are omitted. */
  diff(from?: number | "live", to?: number | "draft") {
    const q = new URLSearchParams();
    if (from !== undefined) q.set("from", String(from));
    if (to !== undefined) q.set("to", String(to));
    const qs = q.toString();
    return this.call(DiffResponse, "GET", `/diff${qs ? `?${qs}` : ""}`);
  }
  rollback(version: number) {
    return this.call(PublishResponse, "POST", "/rollback", { version });
  }
  audit(limit = 100) {
    return this.call(z.object({ entries: z.array(AuditEntry) }), "GET", `/audit?limit=${limit}`);
  }
  /** `method` and `by` (issue 14): the interval method, and a breakdown dimension (device, country, visitor, source). */
  stats(journey: string, range?: { from?: string; to?: string; method?: "sequential" | "fixed"; by?: string }) {
    const q = new URLSearchParams({ journey });
    if (range?.from) q.set("from", range.from);
    if (range?.to) q.set("to", range.to);
    if (range?.method) q.set("method", range.method);
    if (range?.by) q.set("by", range.by);
    return this.call(StatsResponse, "GET", `/stats?${q}`);
  }
  /** What the offer decision points of a live journey learned (next best action, issue 18). */
  offers(journey: string) {
    return this.call(OffersResponse, "GET", `/offers?journey=${encodeURIComponent(journey)}`);
  }

  /** The whole program's results: the global holdout against everyone personalized (issue 16). */
  program(range?: { from?: string; to?: string; method?: "sequential" | "fixed"; by?: string }) {
    const q = new URLSearchParams();
    if (range?.from) q.set("from", range.from);
    if (range?.to) q.set("to", range.to);
    if (range?.method) q.set("method", range.method);
    if (range?.by) q.set("by", range.by);
    return this.call(ProgramResponse, "GET", `/program?${q}`);
  }
  createPreviewToken(req: PreviewTokenRequest) {
    return this.call(PreviewTokenResponse, "POST", "/preview-tokens", req);
  }
  listQa(journey?: string) {
    return this.call(
      z.object({ results: z.array(QaResult) }),
      "GET",
      `/qa${journey ? `?journey=${encodeURIComponent(journey)}` : ""}`,
    );
  }
  recordQa(result: z.input<typeof QaResultInput>) {
    return this.call(QaResult, "POST", "/qa", result);
  }
  /** Server-side events for a visitor (e.g. a purchase recorded by the shop's backend). */
  sendVisitorEvents(visitorId: string, events: VisitorEvent[]) {
    return this.call(
      z.object({ accepted: z.number(), actions: z.array(AppliedAction) }),
      "POST",
      `/visitors/${encodeURIComponent(visitorId)}/events`,
      { events },
    );
  }
  setTraits(visitorId: string, traits: Record<string, string | number | boolean | null>) {
    return this.call(
      z.object({ traits: z.record(z.string(), z.unknown()) }),
      "POST",
      `/visitors/${encodeURIComponent(visitorId)}/traits`,
      traits,
    );
  }
  getVisitor(visitorId: string) {
    return this.call(VisitorState, "GET", `/visitors/${encodeURIComponent(visitorId)}`);
  }
  /** The admin view of a visitor ("<visitor id>" or "customer:<id>"): state, events, webhooks, pending work. */
  getVisitorView(visitorId: string) {
    return this.call(AdminVisitorView, "GET", `/visitors/${encodeURIComponent(visitorId)}`);
  }
  /** Jump a visitor's clock forward (due `after` transitions run), e.g. the preview sandbox `preview:<jti>`. */
  advanceTime(visitorId: string, by: string) {
    return this.call(z.unknown(), "POST", `/visitors/${encodeURIComponent(visitorId)}/advance-time`, { by });
  }
  /** Decide for a URL as a visitor (or a fresh one) would get it, without changing anything: the full trace. */
  decide(req: { url: string; visitorId?: string; preview?: string; headers?: Record<string, string> }) {
    return this.call(DecideResult, "POST", "/decide", req);
  }
  /** Can the edge run this selector, and how many elements does it match on this page of the site? */
  testSelector(req: SelectorTestBody) {
    return this.call(SelectorTestResult, "POST", "/selector-test", req);
  }
  /** The token's label and role, and what it may do (any valid token). */
  whoami() {
    return this.call(WhoAmI, "GET", "/whoami");
  }
  /** Publish requests, newest first; pending ones carry their diff against the live version. */
  listPublishRequests(status?: PublishRequestStatus) {
    return this.call(PublishRequestList, "GET", `/publish-requests${status ? `?status=${status}` : ""}`);
  }
  /** Ask for the drafts, as they are now, to be published once another publisher approves. */
  requestPublish(note?: string) {
    return this.call(PublishRequestRecord, "POST", "/publish-requests", note ? { note } : {});
  }
  approvePublishRequest(id: number, note?: string) {
    return this.call(PublishRequestApproved, "POST", `/publish-requests/${id}/approve`, note ? { note } : {});
  }
  rejectPublishRequest(id: number, note?: string) {
    return this.call(PublishRequestRecord, "POST", `/publish-requests/${id}/reject`, note ? { note } : {});
  }
  withdrawPublishRequest(id: number) {
    return this.call(PublishRequestRecord, "POST", `/publish-requests/${id}/withdraw`, {});
  }
}
