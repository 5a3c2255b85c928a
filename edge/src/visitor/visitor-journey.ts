import { DurableObject } from "cloudflare:workers";
import {
  applyEvent,
  advanceTime as advanceJourneys,
  decide,
  newVisitorState,
  nextWakeAt,
  recordExposures,
  statsFor,
  VisitorState,
  type Advance,
  type CompiledRuleset,
  type Decision,
  type StageChange,
  type VisitorEvent,
} from "@waymark/shared";
import { retentionMs } from "../privacy/retention.ts";
import { getPublishedRuleset } from "../rules/published-ruleset.ts";
import { webhookJobs } from "../webhooks/webhook-job.ts";
import { loadRuleset } from "./load-ruleset.ts";
import { flushOutbox } from "./flush-outbox.ts";
import { filterToChanged } from "./filter-to-changed.ts";
import { RateWindow } from "./rate-window.ts";
import { shiftStateTime } from "./shift-state-time.ts";
import { ensureSchema, hasTables } from "./visitor-schema.ts";
import { visitorStub } from "./visitor-stub.ts";
import { mergeStates } from "../identity/merge-states.ts";
import type {
  AdminVisitorView,
  DeliveryRecord,
  OnEventsArgs,
  OnEventsResult,
  OnPageArgs,
  PageDecision,
  RulesetRef,
  VisitorCall,
  VisitorExport,
} from "./visitor-rpc.ts";

const EVENT_LOG_LIMIT = 1_000;
const DELIVERY_LOG_LIMIT = 100;
const DAY_MS = 86_400_000;
/** Preview sandboxes are throwaway: erased after a day without use. */
const SANDBOX_RETENTION_MS = DAY_MS;
/**
 * Stats are batched per visitor: a page view's counts leave with the next alarm, a few seconds later, together
 * with whatever else the visitor did meanwhile (one stats write instead of one per page).
 */
const STATS_DELAY_MS = 5_000;
/** The events log is trimmed to its limit once per this many inserts, not on every one. */
const TRIM_EVERY = 100;

interface Loaded {
  state: VisitorState;
  version: RulesetRef;
}

interface LoggedEvent {
  id: string | null;
  type: string;
  at: number;
  data: unknown;
}

/**
 * One visitor's journey state (SQLite-backed), named by visitor id. Every method is an RPC that returns a value;
 * the Worker makes at most one call per page. A single alarm runs due "after" transitions, stats and webhook
 * retries, and the retention expiry.
 */
export class VisitorJourney extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  /** undefined: not read yet; null: nothing stored. */
  private loaded: Loaded | null | undefined;
  private ready = false;
  private alarmAt: number | null = null;
  private readonly rate = new RateWindow();
  /** Mirrors of stored values, so the hot path does not read them back: set by read() and commit(). */
  private sandbox = false;
  private storedRef: string | null = null;
  private wakeAt: number | null = null;
  private sinceTrim = TRIM_EVERY;
  /** "customer:<id>" this browser is linked to (undefined: not read yet). */
  private link: string | null | undefined;
  private linkSeen: number | undefined;
  private flushing: Promise<void> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => {
      // An object that never stored anything stays empty until its first write (reads like /me or /decide
      // must not create storage); an existing one is migrated before any call runs.
      if (hasTables(this.sql)) this.init();
      this.alarmAt = await ctx.storage.getAlarm();
    });
  }

  /** Records a page view, advances journeys, decides the page (one round trip per page). */
  async onPage(args: OnPageArgs): Promise<PageDecision> {
    const link = this.linkedTo();
    if (link) {
      this.touchLink();
      return visitorStub(this.env, link).onPage({ ...args, visitorId: link });
    }
    const rules = await loadRuleset(this.env, args.version);
    const now = Date.now();
    const prior = this.read()?.state ?? newVisitorState(args.visitorId, now);
    const event: VisitorEvent = { type: "page_view", data: { path: args.ctx.path } };
    const adv = applyEvent(prior, event, rules, { now, ctx: args.ctx });
    const decision = decide(adv.state, rules, args.ctx, { now, mode: "page", force: args.force });
    const state = recordExposures(adv.state, decision, now);
    // Page views are counted in the state (pageViews, recentPaths), not logged one row each: the hot path writes one row.
    this.commit(args, args.version, rules, state, adv.changes, decision, []);
    return {
      version: rules.version,
      actions: decision.actions,
      redirect: decision.redirect,
      ...(args.trace ? { trace: decision.trace } : {}),
    };
  }

  /**
   * Records a batch of events (idempotent by event id) and returns the nudges to show now: those of journeys the
   * batch moved, so a nudge appears once when its stage is reached, not on every later event.
   */
  async onEvents(args: OnEventsArgs): Promise<OnEventsResult> {
    const limited = this.rate.take(args.events.length, args.ratePerMinute, Date.now());
    if (!limited.ok) return { ok: false, retryAfterSeconds: limited.retryAfterSeconds };
    const link = this.linkedTo();
    if (link) {
      this.touchLink();
      return visitorStub(this.env, link).onEvents({ ...args, visitorId: link });
    }
    const rules = await loadRuleset(this.env, args.version);
    const now = Date.now();
    let state = this.read()?.state ?? newVisitorState(args.visitorId, now);
    const changes: StageChange[] = [];
    const logged: LoggedEvent[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    for (const ev of args.events) {
      if (ev.id !== undefined && (seen.has(ev.id) || this.hasEvent(ev.id))) {
        duplicates++;
        continue;
      }
      if (ev.id !== undefined) seen.add(ev.id);
      const at = Math.min(now, Math.max(now - DAY_MS, ev.at ?? now));
      const adv = applyEvent(state, { ...ev, at }, rules, { now, ctx: args.ctx });
      state = adv.state;
      changes.push(...adv.changes);
      logged.push({ id: ev.id ?? null, type: ev.type, at, data: ev.data ?? null });
    }
    let decision: Decision | null = null;
    if (args.ctx && changes.length) {
      const full = decide(state, rules, args.ctx, { now, mode: "event", force: args.force });
      decision = filterToChanged(full, changes);
      state = recordExposures(state, decision, now);
    }
    if (logged.length) this.commit(args, args.version, rules, state, changes, decision, logged);
    return { ok: true, accepted: logged.length, duplicates, actions: decision?.actions ?? [] };
  }

  /** Traits from a CRM/CDP: recorded as a "traits" event so they follow the same path as everything else. */
  async setTraits(
    args: VisitorCall & { version: RulesetRef; traits: Record<string, string | number | boolean | null> },
  ) {
    return this.onEvents({
      visitorId: args.visitorId,
      sandbox: args.sandbox,
      version: args.version,
      events: [{ type: "traits", data: args.traits }],
      ratePerMinute: Number.MAX_SAFE_INTEGER,
    });
  }

  /**
   * Links this browser to a customer (null unlinks, e.g. on logout). The customer's object ("customer:<id>")
   * takes in this browser's anonymous history once, and from then on is the source of truth for this browser:
   * pages and events are forwarded to it. Unlinking returns the browser to its own (pre-link) state.
   */
  async identify(
    args: VisitorCall & { version: RulesetRef; customerId: string | null },
  ): Promise<{ linked: string | null; accepted: number }> {
    const target = args.customerId ? `customer:${args.customerId}` : null;
    const current = this.linkedTo();
    if (current === target) return { linked: args.customerId, accepted: 0 };
    if (current) this.setLink(null);
    // Recorded on this browser's own state (it is part of its history), before the link takes over.
    const r = await this.onEvents({
      visitorId: args.visitorId,
      sandbox: args.sandbox,
      version: args.version,
      events: [{ type: "identify", data: { customerId: args.customerId ?? "" } }],
      ratePerMinute: Number.MAX_SAFE_INTEGER,
    });
    if (target) {
      const own = this.read()?.state;
      if (own) await visitorStub(this.env, target).mergeDevice({ name: target, version: args.version, device: own });
      this.setLink(target);
    }
    return { linked: args.customerId, accepted: r.ok ? r.accepted : 0 };
  }

  /** On a customer's object: takes in one device's history, once per device (never counted twice). */
  async mergeDevice(args: { name: string; version: RulesetRef; device: VisitorState }): Promise<{ merged: boolean }> {
    const key = `merged:${args.device.visitorId}`;
    if (this.meta(key)) return { merged: false };
    const rules = await loadRuleset(this.env, args.version);
    const now = Date.now();
    const mine = this.read()?.state ?? { ...newVisitorState(args.name, now), visits: 0 };
    const state = mergeStates(mine, args.device, (id) => rules.byId.get(id)?.start);
    this.commit({ visitorId: args.name }, args.version, rules, state, [], null, []);
    this.setMeta(key, String(now));
    return { merged: true };
  }

  /** Everything stored about the visitor (GET /__waymark/me). Never writes. */
  me(visitorId: string): VisitorExport {
    const loaded = this.read();
    const events = this.ready
      ? this.sql
          .exec<{ event_id: string | null; type: string; at: number; data: string | null }>(
            `SELECT event_id, type, at, data FROM events ORDER BY seq`,
          )
          .toArray()
          .map((r) => ({ id: r.event_id, type: r.type, at: r.at, data: r.data === null ? null : JSON.parse(r.data) }))
      : [];
    return {
      ...loaded?.state,
      visitorId: loaded?.state.visitorId ?? visitorId,
      eventCount: loaded?.state.eventCount ?? 0,
      stored: !!loaded,
      events,
      linkedCustomer: this.linkedTo()?.slice("customer:".length) ?? null,
      rulesetVersion: loaded ? (loaded.version === "draft" ? 0 : loaded.version) : null,
    };
  }

  /** The admin view: what the visitor sees in /me, plus webhook outcomes and pending work. */
  async adminView(visitorId: string): Promise<AdminVisitorView> {
    const base = this.me(visitorId);
    if (!this.ready) return { ...base, deliveries: [], pending: [], alarmAt: null };
    const deliveries = this.sql
      .exec<DeliveryRecord & Record<string, SqlStorageValue>>(
        `SELECT id, journey, stage, url, status, attempts, at, detail FROM deliveries ORDER BY id DESC`,
      )
      .toArray();
    const pending = this.sql
      .exec<{ kind: string; attempts: number; next_at: number; last_error: string | null }>(
        `SELECT kind, attempts, next_at, last_error FROM outbox ORDER BY id`,
      )
      .toArray()
      .map((r) => ({ kind: r.kind, attempts: r.attempts, nextAt: r.next_at, lastError: r.last_error }));
    return { ...base, deliveries, pending, alarmAt: await this.ctx.storage.getAlarm() };
  }

  /** Read-only state for POST /__waymark/api/decide (the caller decides without writing anything). */
  async peek(): Promise<VisitorState | null> {
    const link = this.linkedTo();
    if (link) return visitorStub(this.env, link).peek();
    return this.read()?.state ?? null;
  }

  /** Erases everything stored about the visitor, alarm included (DELETE /me, opt-out, retention expiry). */
  async forget(): Promise<{ erased: true }> {
    // Erasing a linked browser erases the person: the customer's object holds this browser's history too.
    const link = this.linkedTo();
    if (link) await visitorStub(this.env, link).forget();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.loaded = null;
    this.ready = false;
    this.alarmAt = null;
    this.wakeAt = null;
    this.storedRef = null;
    this.sandbox = false;
    this.sinceTrim = TRIM_EVERY;
    this.link = null;
    this.linkSeen = undefined;
    return { erased: true };
  }

  /**
   * QA and previews: shifts every stored timestamp back by byMs, as if that much time had passed, then runs the
   * transitions now due (what the alarm would have done).
   */
  async advanceTime(
    args: VisitorCall & { byMs: number },
  ): Promise<{ changes: StageChange[]; state: VisitorState | null }> {
    const link = this.linkedTo();
    if (link) return visitorStub(this.env, link).advanceTime({ ...args, visitorId: link });
    const loaded = this.read();
    if (!loaded) return { changes: [], state: null };
    const rules = await this.alarmRules(loaded.version, args.sandbox);
    const current = this.read();
    if (!current) return { changes: [], state: null };
    const shifted = shiftStateTime(current.state, args.byMs);
    this.sql.exec(`UPDATE events SET at = at - ?`, args.byMs);
    const adv = advanceJourneys(shifted, rules, Date.now());
    this.commit(args, current.version, rules, adv.state, adv.changes, null, []);
    return { changes: adv.changes, state: adv.state };
  }

  override async alarm(): Promise<void> {
    this.alarmAt = null;
    const loaded = this.read();
    const now = Date.now();
    if (!loaded) {
      if (this.ready && this.hasOutbox()) await this.flush();
      return;
    }
    const sandbox = this.sandbox;
    const linked = this.linkedTo() !== null;
    if (now >= Math.max(loaded.state.lastSeenAt, this.linkSeenAt()) + this.retention(sandbox)) {
      // A linked browser's own erasure leaves the customer's object alone (other devices use it).
      this.link = null;
      await this.forget();
      return;
    }
    // A linked browser's journeys live in the customer's object: its own stay where they were.
    if (linked) this.wakeAt = null;
    // Most alarms only deliver stats: the rules are loaded only when a transition is due.
    if (this.wakeAt !== null && this.wakeAt <= now) {
      const rules = await this.alarmRules(loaded.version, sandbox);
      const current = this.read();
      if (current) {
        const adv = advanceJourneys(current.state, rules, now);
        const visitorId = current.state.visitorId;
        if (adv.changes.length)
          this.commit({ visitorId, sandbox }, current.version, rules, adv.state, adv.changes, null, []);
        else {
          this.wakeAt = nextWakeAt(current.state, rules, now);
          this.sql.exec(`UPDATE state SET wake_at = ? WHERE id = 1`, this.wakeAt);
        }
      }
    }
    await this.flush();
    const current = this.read();
    if (current) this.schedule(current.state);
  }

  // ---- storage ----

  private init(): void {
    ensureSchema(this.sql);
    this.ready = true;
  }

  private read(): Loaded | null {
    if (this.loaded !== undefined) return this.loaded;
    if (!this.ready) return (this.loaded = null);
    const row = this.sql
      .exec<{ json: string; version: number; wake_at: number | null; ref: string | null; sandbox: string | null }>(
        `SELECT json, version, wake_at, (SELECT value FROM meta WHERE key = 'ruleset_ref') AS ref,
           (SELECT value FROM meta WHERE key = 'sandbox') AS sandbox FROM state WHERE id = 1`,
      )
      .toArray()[0];
    if (!row) return (this.loaded = null);
    this.storedRef = row.ref;
    this.sandbox = row.sandbox === "1";
    this.wakeAt = row.wake_at;
    // Storage is a boundary (the schema may have moved on since the row was written): parse once per activation.
    const parsed = VisitorState.safeParse(JSON.parse(row.json));
    if (!parsed.success) {
      console.error("waymark: stored visitor state no longer matches the schema; starting afresh");
      return (this.loaded = null);
    }
    return (this.loaded = { state: parsed.data, version: row.ref === "draft" ? "draft" : row.version });
  }

  private hasEvent(id: string): boolean {
    if (!this.ready) return false;
    return this.sql.exec(`SELECT 1 FROM events WHERE event_id = ? LIMIT 1`, id).toArray().length > 0;
  }

  private hasOutbox(): boolean {
    return this.sql.exec(`SELECT 1 FROM outbox LIMIT 1`).toArray().length > 0;
  }

  private meta(key: string): string | null {
    if (!this.ready) return null;
    const row = this.sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0];
    return row?.value ?? null;
  }

  private linkedTo(): string | null {
    if (this.link === undefined) this.link = this.meta("link");
    return this.link;
  }

  private setLink(name: string | null): void {
    if (!this.ready) this.init();
    if (name) {
      this.setMeta("link", name);
      this.setMeta("link_seen", String(Date.now()));
    } else this.sql.exec(`DELETE FROM meta WHERE key IN ('link', 'link_seen')`);
    this.link = name;
    this.linkSeen = name ? Date.now() : 0;
  }

  /** Last use of the link (a linked browser is active even though its own state no longer changes). */
  private linkSeenAt(): number {
    if (this.linkSeen === undefined) this.linkSeen = Number(this.meta("link_seen") ?? 0);
    return this.linkSeen;
  }

  /** Records that the link is in use, at most once a day (one small write, not one per page). */
  private touchLink(): void {
    const now = Date.now();
    if (now - this.linkSeenAt() < DAY_MS) return;
    this.setMeta("link_seen", String(now));
    this.linkSeen = now;
  }

  private setMeta(key: string, value: string): void {
    this.sql.exec(
      `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      key,
      value,
    );
  }

  /**
   * Writes the new state, the events, and the work they cause (stats, webhooks) in one transaction, so counts
   * and state can never disagree; then schedules the alarm and starts delivering (never awaited by the caller).
   */
  private commit(
    call: VisitorCall,
    ref: RulesetRef,
    rules: CompiledRuleset,
    state: VisitorState,
    changes: StageChange[],
    decision: Decision | null,
    events: LoggedEvent[],
  ): void {
    if (!this.ready) this.init();
    const now = Date.now();
    const advance: Advance = { state, changes };
    const stats = call.sandbox ? [] : statsFor(advance, decision, now);
    const hooks = call.sandbox ? [] : webhookJobs(state.visitorId, changes, rules);
    const exposures = decision?.exposures.filter((e) => !e.holdout).length ?? 0;
    const wake = nextWakeAt(state, rules, now);
    const refText = String(ref);
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(
        `INSERT INTO state (id, visitor_id, json, version, event_count, page_views, exposures, stage_changes,
           last_seen_at, wake_at)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET json = excluded.json, version = excluded.version,
           event_count = excluded.event_count, page_views = excluded.page_views,
           exposures = state.exposures + excluded.exposures, stage_changes = state.stage_changes + excluded.stage_changes,
           last_seen_at = excluded.last_seen_at, wake_at = excluded.wake_at`,
        state.visitorId,
        JSON.stringify(state),
        rules.version,
        state.eventCount,
        state.pageViews,
        exposures,
        changes.length,
        state.lastSeenAt,
        wake,
      );
      if (this.storedRef !== refText) this.setMeta("ruleset_ref", refText);
      if (call.sandbox && !this.sandbox) this.setMeta("sandbox", "1");
      for (const e of events)
        this.sql.exec(
          `INSERT INTO events (event_id, type, at, data) VALUES (?, ?, ?, ?)`,
          e.id,
          e.type,
          e.at,
          e.data === null || e.data === undefined ? null : JSON.stringify(e.data),
        );
      this.sinceTrim += events.length;
      if (this.sinceTrim >= TRIM_EVERY) {
        this.sinceTrim = 0;
        this.sql.exec(`DELETE FROM events WHERE seq <= (SELECT MAX(seq) FROM events) - ?`, EVENT_LOG_LIMIT);
      }
      if (stats.length)
        this.sql.exec(
          `INSERT INTO outbox (kind, payload, next_at) VALUES ('stats', ?, ?)`,
          JSON.stringify(stats),
          now + STATS_DELAY_MS,
        );
      for (const job of hooks) {
        const delivery = this.sql
          .exec<{ id: number }>(
            `INSERT INTO deliveries (journey, stage, url, status, at) VALUES (?, ?, ?, 'pending', ?) RETURNING id`,
            job.journey,
            job.stage,
            job.url,
            now,
          )
          .one().id;
        this.sql.exec(
          `INSERT INTO outbox (kind, payload, next_at, delivery_id) VALUES ('webhook', ?, ?, ?)`,
          JSON.stringify(job),
          now,
          delivery,
        );
      }
      if (hooks.length)
        this.sql.exec(`DELETE FROM deliveries WHERE id <= (SELECT MAX(id) FROM deliveries) - ?`, DELIVERY_LOG_LIMIT);
    });
    this.loaded = { state, version: ref };
    this.storedRef = refText;
    if (call.sandbox) this.sandbox = true;
    this.wakeAt = wake;
    this.schedule(state);
    // Webhooks go out at once (an email tool waits on them); stats wait for the batch.
    if (hooks.length) this.ctx.waitUntil(this.flush());
  }

  private retention(sandbox: boolean): number {
    return sandbox ? SANDBOX_RETENTION_MS : retentionMs(this.env);
  }

  /** The alarm: the earliest of the next due transition, the next outbox delivery, and the retention expiry. */
  private schedule(state: VisitorState): void {
    const now = Date.now();
    const wake = this.wakeAt;
    const next = this.sql.exec<{ t: number | null }>(`SELECT MIN(next_at) AS t FROM outbox`).one().t;
    let at = Math.max(state.lastSeenAt, this.linkSeenAt()) + this.retention(this.sandbox);
    if (wake !== null && wake < at) at = wake;
    if (next !== null && next < at) at = next;
    // Only ever move the alarm earlier: a later retention time is rechecked when the earlier alarm fires.
    if (this.alarmAt === null || at < this.alarmAt) {
      this.alarmAt = Math.max(at, now);
      void this.ctx.storage.setAlarm(this.alarmAt);
    }
  }

  private async alarmRules(ref: RulesetRef, sandbox: boolean | undefined): Promise<CompiledRuleset> {
    // Real visitors move on with the live rules even if they never come back; sandboxes keep what they preview.
    if (!sandbox && ref !== "draft") {
      try {
        return await getPublishedRuleset(this.env);
      } catch {
        // fall back to the version the visitor was last decided with
      }
    }
    return loadRuleset(this.env, ref);
  }

  private async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      try {
        const shardKey = this.read()?.state.visitorId ?? "unknown";
        await flushOutbox(this.sql, this.env, shardKey, Date.now());
      } catch (err) {
        console.error("waymark: outbox flush failed", err instanceof Error ? err.name : "unknown");
      } finally {
        this.flushing = null;
      }
      if (!this.ready) return;
      const next = this.sql.exec<{ t: number | null }>(`SELECT MIN(next_at) AS t FROM outbox`).one().t;
      if (next !== null && (this.alarmAt === null || next < this.alarmAt)) {
        this.alarmAt = next;
        await this.ctx.storage.setAlarm(next);
      }
    })();
    return this.flushing;
  }
}
