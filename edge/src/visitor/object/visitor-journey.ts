import { DurableObject } from "cloudflare:workers";
import {
  eventBatch,
  newVisitorState,
  nextWakeAt,
  onlyJourney,
  optOutFacts,
  pageView,
  stateOnly,
  timePasses,
  type CompiledRuleset,
  type StageChange,
  type StatsEvent,
  type Visit,
  type VisitorState,
} from "@waymark/shared";
import { getConfig } from "../../config.ts";
import { manifestExtras } from "../../page/manifest-extras.ts";
import { getModels } from "../../models/model-cache.ts";
import { loadRuleset } from "../../rules/published-ruleset.ts";
import { recordStats } from "../../stats/record-stats.ts";
import { pendingStats } from "./outbox.ts";
import { exportQueue } from "../../export/export-bindings.ts";
import type { ErasureReason } from "../../export/export-record.ts";
import { PENDING_EXPORTS_TABLE, PendingExports } from "../../export/pending-exports.ts";
import { sendRecords } from "../../export/send-records.ts";
import { erasureRecord, visitRecords } from "../../export/visit-records.ts";
import { mergeStates } from "./merge-states.ts";
import { alarmRules } from "./alarm-rules.ts";
import { RateWindow } from "./rate-window.ts";
import { exportForDevice, exportVisitor, readDeliveries, readPending } from "./visitor-export.ts";
import { ScheduledWork } from "./scheduled-work.ts";
import { shiftStateTime } from "./shift-state-time.ts";
import { VisitorLink } from "./link.ts";
import { visitorExpiresAt, visitorRetentionMs } from "./retention.ts";
import { presentTables } from "./schema.ts";
import { VisitorStateStore } from "./state-store.ts";
import { Tombstone } from "./tombstone.ts";
import { customerName, visitorStub } from "../visitor-stub.ts";
import {
  INGEST_EVENTS_PER_MINUTE,
  type AdminVisitorView,
  type CustomerView,
  type ForceSpec,
  type IdentifyResult,
  type LinkProof,
  type OnEventsArgs,
  type OnEventsResult,
  type OnPageArgs,
  type PageDecision,
  type RulesetRef,
  type VisitorCall,
  type VisitorExport,
} from "../visitor-rpc.ts";

/** What a write to an erased visitor gets: accepted nothing, shows nothing. */
const DROPPED: OnEventsResult = { ok: true, accepted: 0, duplicates: 0, actions: [] };
const ERASED: Extract<IdentifyResult, { ok: false }> = {
  ok: false,
  status: 409,
  error: "this visitor's data was erased: identify refused until it opts back in",
};

/**
 * One visitor's journey state (SQLite-backed), named by visitor id. Every method is an RPC that returns a value;
 * the Worker makes at most one call per page. A single alarm runs due "after" transitions, stats and webhook
 * retries, and the retention expiry.
 */
export class VisitorJourney extends DurableObject<Env> {
  private readonly store: VisitorStateStore;
  private readonly link: VisitorLink;
  private readonly work: ScheduledWork;
  /**
   * Events per minute from this browser, whatever it is linked to: one window per object, never reset by a link
   * change, and identify calls count too (in memory: reset if the object restarts).
   */
  private readonly rate = new RateWindow();
  private readonly tomb: Tombstone;
  /** EXPORT_QUEUE is bound: visits also write warehouse export rows to the outbox. */
  private readonly exporting: boolean;
  /** An erasure's export row the queue refused, until it is sent. */
  private readonly pendingExports: PendingExports;
  /** The alarm handler running now, if any (the admin view waits for it). */
  private alarmRun: Promise<void> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.exporting = exportQueue(env) !== null;
    this.pendingExports = new PendingExports(ctx.storage.sql);
    this.store = new VisitorStateStore(ctx.storage);
    this.tomb = new Tombstone(ctx.storage.sql);
    this.link = new VisitorLink(this.store);
    this.work = new ScheduledWork(ctx, env, this.store, this.link, this.pendingExports);
    void ctx.blockConcurrencyWhile(async () => {
      // A wake's reads, as few as can be (issue 19): one query for which tables exist, one for the schema version,
      // the state row and the meta values (state-store.ts), and the alarm.
      const tables = presentTables(ctx.storage.sql);
      this.store.reopen(tables.has("meta"));
      this.tomb.opened(tables.has("tombstone"));
      this.pendingExports.opened(tables.has(PENDING_EXPORTS_TABLE));
      this.work.alarmAt = await ctx.storage.getAlarm();
    });
  }

  /** GLOBAL_HOLDOUT as the calling Worker read it (its request's env), else this object's own. */
  private globalHoldout(args: { globalHoldout?: number }): number {
    return args.globalHoldout ?? getConfig(this.env).globalHoldout;
  }

  /** Erased (DELETE /me, opt-out) and not opted back in: nothing may be written. */
  private erased(): boolean {
    return this.tomb.at() !== null;
  }

  /** Records a page view, advances journeys, decides the page (one round trip per page). */
  async onPage(args: OnPageArgs): Promise<PageDecision> {
    if (args.ratePerMinute !== undefined) {
      // This browser's window, before any link forwards the view (as for events).
      const limited = this.rate.take(1, args.ratePerMinute, Date.now());
      if (!limited.ok) return { version: 0, actions: [], redirect: null, retryAfterSeconds: limited.retryAfterSeconds };
    }
    const link = this.erased() ? null : this.link.linkedTo();
    if (link) {
      this.link.touch();
      return visitorStub(this.env, link).onPage({ ...args, visitorId: link, ratePerMinute: undefined });
    }
    const rules = await this.rulesFor(args);
    const now = Date.now();
    const prior = this.store.read()?.state;
    const visit = pageView(prior ?? newVisitorState(args.visitorId, now), rules, args.ctx, {
      now,
      force: args.force,
      globalHoldout: this.globalHoldout(args),
      // Offer decision points' models from this isolate's memory, refreshed in the background (never awaited here).
      models: getModels(this.env, rules, (p) => this.ctx.waitUntil(p)),
    });
    this.commit(args, args.version, rules, visit, null, args.ctx.path);
    const { decision } = visit;
    return {
      version: rules.version,
      actions: decision.actions,
      redirect: decision.redirect,
      ...(args.trace ? { trace: decision.trace } : {}),
      extras: manifestExtras(rules, decision),
    };
  }

  /**
   * Records a batch of events (idempotent by event id) and returns the nudges to show now: those of journeys the
   * batch moved, so a nudge appears once when its stage is reached, not on every later event.
   */
  async onEvents(args: OnEventsArgs): Promise<OnEventsResult> {
    const limited = this.rate.take(args.events.length, args.ratePerMinute, Date.now());
    if (!limited.ok) return { ok: false, retryAfterSeconds: limited.retryAfterSeconds };
    if (this.erased()) return DROPPED;
    const link = this.link.linkedTo();
    if (link) {
      this.link.touch();
      // This browser's window has counted them; the customer's (shared by its devices) must not cap them again.
      return visitorStub(this.env, link).onEvents({
        ...args,
        visitorId: link,
        device: args.visitorId,
        ratePerMinute: Math.max(args.ratePerMinute, INGEST_EVENTS_PER_MINUTE),
      });
    }
    const rules = await this.rulesFor(args);
    // Erased while the rules loaded: the erasure wins.
    if (this.erased()) return DROPPED;
    const now = Date.now();
    const prior = this.store.read()?.state ?? newVisitorState(args.visitorId, now);
    const visit = eventBatch(prior, rules, args.events, {
      now,
      ctx: args.ctx,
      force: args.force,
      isStored: (id) => this.store.hasEvent(id),
      source: args.source,
      globalHoldout: this.globalHoldout(args),
    });
    if (visit.logged.length) this.commit(args, args.version, rules, visit, args.device ?? null);
    return {
      ok: true,
      accepted: visit.logged.length,
      duplicates: visit.duplicates,
      actions: visit.decision?.actions ?? [],
    };
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
      source: "server",
    });
  }

  /**
   * Links this browser to a customer (null unlinks, e.g. on logout), as proven by the caller (a verified token, or
   * the server-side API). The customer's object ("customer:<id>") takes in this browser's anonymous history once,
   * and from then on is the source of truth for this browser while the link lasts: pages and events are forwarded
   * to it. Unlinking (or the link expiring) returns the browser to its own (pre-link) state. Each call counts
   * against this browser's event window.
   */
  async identify(
    args: VisitorCall & { version: RulesetRef; customerId: string | null; proof: LinkProof; ratePerMinute: number },
  ): Promise<IdentifyResult> {
    if (this.erased()) return ERASED;
    const limited = this.rate.take(1, args.ratePerMinute, Date.now());
    if (!limited.ok)
      return {
        ok: false,
        status: 429,
        error: "too many events for this visitor, retry later",
        retryAfterSeconds: limited.retryAfterSeconds,
      };
    const target = args.customerId ? customerName(args.customerId) : null;
    const current = this.link.storedTarget();
    if (current === target) {
      // A renewal (each page of a logged-in customer identifies): extend the link, never merge twice.
      if (target && !(this.link.view()?.via === "server" && args.proof.via === "token"))
        this.link.set(target, args.proof);
      return { ok: true, linked: args.customerId, accepted: 0 };
    }
    const rules = await loadRuleset(this.env, args.version);
    if (this.erased()) return ERASED;
    // From here until the link is set nothing awaits, so no event can land on this browser's own state after the
    // snapshot the customer takes in (it would be lost), nor reach the customer before the link forwards it.
    if (current) this.link.set(null);
    const now = Date.now();
    const prior = this.store.read()?.state ?? newVisitorState(args.visitorId, now);
    // Recorded on this browser's own state (it is part of its history), before the link takes over.
    const identified = { type: "identify", data: { customerId: args.customerId ?? "" } };
    const visit = eventBatch(prior, rules, [identified], {
      now,
      source: "server",
      globalHoldout: this.globalHoldout({}),
    });
    this.commit(args, args.version, rules, visit);
    if (!target) return { ok: true, linked: null, accepted: 1 };
    this.link.set(target, args.proof);
    let merge: { merged: boolean; erased?: boolean };
    try {
      merge = await visitorStub(this.env, target).mergeDevice({
        name: target,
        version: args.version,
        device: visit.state,
      });
    } catch (err) {
      this.link.set(null);
      throw err;
    }
    if (merge.erased) {
      this.link.set(null);
      return { ...ERASED, error: "this customer's data was erased: identify refused" };
    }
    return { ok: true, linked: args.customerId, accepted: 1 };
  }

  /** On a customer's object: takes in one device's history, once per device (never counted twice). */
  async mergeDevice(args: {
    name: string;
    version: RulesetRef;
    device: VisitorState;
  }): Promise<{ merged: boolean; erased?: boolean }> {
    if (this.erased()) return { merged: false, erased: true };
    const key = `merged:${args.device.visitorId}`;
    if (this.store.meta(key)) return { merged: false };
    const rules = await loadRuleset(this.env, args.version);
    if (this.erased()) return { merged: false, erased: true };
    if (this.store.meta(key)) return { merged: false };
    const now = Date.now();
    const mine = this.store.read()?.state ?? { ...newVisitorState(args.name, now), visits: 0 };
    const state = mergeStates(mine, args.device, (id) => rules.byId.get(id)?.start);
    this.commit({ visitorId: args.name }, args.version, rules, stateOnly(state));
    this.store.setMeta(key, String(now));
    return { merged: true };
  }

  /** Everything stored about the visitor (GET /__waymark/me). Never writes. */
  me(visitorId: string): VisitorExport {
    return exportVisitor(this.store, this.link, visitorId);
  }

  /** On a customer's object: what one of its linked browsers may see (GET /me of that browser). Never writes. */
  customerView(args: { name: string; device: string }): CustomerView {
    return exportForDevice(this.store, this.link, args.name, args.device);
  }

  /** POST /__waymark/opt-in: the visitor consents again, so writes are welcome (lifts the erasure's tombstone). */
  async optIn(): Promise<{ optedIn: true }> {
    if (this.erased()) {
      this.tomb.lift();
      await this.ctx.storage.deleteAlarm();
      this.work.alarmAt = null;
      await this.armPendingExports();
    }
    return { optedIn: true };
  }

  /** The admin view: what the visitor sees in /me, plus webhook outcomes and pending work. */
  async adminView(visitorId: string): Promise<AdminVisitorView> {
    // Scheduled work running now (an alarm, a webhook sent at once) ends first: mid-delivery, the rows in flight
    // still read as never tried and a running alarm is no longer stored, so the view said "no alarm" (issue 19's CI).
    // A few passes at most: a backlog (over 50 webhooks) chains alarms, and the view need not wait for all of them.
    for (let pass = 0; pass < 3 && (this.alarmRun || this.work.busy); pass++) {
      await this.alarmRun?.catch(() => undefined);
      await this.work.settled();
    }
    const base = this.me(visitorId);
    if (!this.store.ready) return { ...base, deliveries: [], pending: [], alarmAt: null };
    const deliveries = readDeliveries(this.store.sql);
    const pending = readPending(this.store.sql);
    return { ...base, deliveries, pending, alarmAt: await this.ctx.storage.getAlarm() };
  }

  /** Read-only state for POST /__waymark/api/decide (the caller decides without writing anything). */
  async peek(): Promise<VisitorState | null> {
    const link = this.link.linkedTo();
    if (link) return visitorStub(this.env, link).peek();
    return this.store.read()?.state ?? null;
  }

  /**
   * Erases everything stored about the visitor, alarm included (DELETE /me, opt-out, retention expiry). A linked
   * browser's customer is not erased here: that needs proof (routes/me.ts). Unless `tombstone` is false (retention
   * expiry), a tombstone stays so writes in flight cannot bring the visitor back; it expires with retention.
   */
  async forget(
    args: { tombstone?: boolean; optOut?: boolean; reason?: ErasureReason } = {},
  ): Promise<{ erased: true }> {
    // A delivery running now (the alarm's) may be sending the stats the opt-out reads below: let it end first, so
    // none counts twice.
    await this.work.settled();
    const keep = args.tombstone !== false;
    const now = Date.now();
    // The warehouse export learns of an erasure request (not of a retention expiry) of a visitor it has rows of.
    const exportedId =
      keep && this.exporting && this.store.ready && !this.store.sandbox
        ? (this.store.read()?.state.visitorId ?? null)
        : null;
    // An opt-out counts in the opt_out guardrails of the journeys the visitor is enrolled in: read what it needs first.
    const read = args.optOut && !this.link.linkedTo() ? this.store.read() : null;
    const before = read && !this.store.sandbox ? { ...read, pending: pendingStats(this.store.sql) } : null;
    // At once, in memory: writes that run while the storage is being erased are refused too.
    if (keep) this.tomb.mark(now);
    // Erasure rows not sent yet are not the visitor's data: they outlive the erasure, to reach the warehouse.
    const unsent = this.pendingExports.records();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.store.reopen();
    this.pendingExports.reset();
    if (unsent.length) this.pendingExports.add(unsent, now);
    this.link.clear();
    this.work.alarmAt = null;
    if (keep) {
      this.tomb.persist();
      this.work.alarmAt = now + visitorRetentionMs(this.env, false);
      await this.ctx.storage.setAlarm(this.work.alarmAt);
    } else this.tomb.reset();
    if (before) await this.countOptOut(before.state, before.version, before.pending, now);
    if (exportedId) await this.exportErasure(exportedId, args.reason ?? (args.optOut ? "opt_out" : "delete"), now);
    await this.armPendingExports();
    return { erased: true };
  }

  /**
   * The erasure's tombstone row for the warehouse export (the visitor's rows not sent yet went with the erasure).
   * Sent at once, so the erased object keeps nothing but its tombstone; if the queue refuses it, it waits in its own
   * table and the alarm retries it.
   */
  private async exportErasure(visitorId: string, reason: ErasureReason, now: number): Promise<void> {
    const record = erasureRecord(visitorId, reason, now);
    try {
      await sendRecords(exportQueue(this.env)!, [record]);
    } catch (err) {
      console.error("waymark: erasure export row not sent; retried", err instanceof Error ? err.message : "unknown");
      this.pendingExports.add([record], now + 30_000);
      await this.armPendingExports();
    }
  }

  /** Moves the alarm up to the next retry of a pending erasure row, if that is earlier. */
  private async armPendingExports(): Promise<void> {
    await this.work.moveEarlier(this.pendingExports.nextAt());
  }

  /**
   * Records the opt_out metric facts of an erased visitor, with the facts still waiting in its outbox (an opt-out
   * right after the first page would otherwise count without the enrolment). Best effort: an erasure never fails
   * on the stats.
   */
  private async countOptOut(state: VisitorState, version: RulesetRef, pending: StatsEvent[], now: number) {
    try {
      const rules = await alarmRules(this.env, version, false);
      const facts = optOutFacts(state, rules, now);
      if (facts.length) await recordStats(this.env, state.visitorId, [...pending, ...facts]);
    } catch (err) {
      console.error("waymark: opt-out not counted", err instanceof Error ? err.name : "unknown");
    }
  }

  /**
   * QA and previews: shifts every stored timestamp back by byMs, as if that much time had passed, then runs the
   * transitions now due (what the alarm would have done).
   */
  async advanceTime(
    args: VisitorCall & { byMs: number },
  ): Promise<{ changes: StageChange[]; state: VisitorState | null }> {
    const link = this.link.linkedTo();
    if (link) return visitorStub(this.env, link).advanceTime({ ...args, visitorId: link });
    const loaded = this.store.read();
    if (!loaded) return { changes: [], state: null };
    const rules = await alarmRules(this.env, loaded.version, args.sandbox);
    const current = this.store.read();
    if (!current) return { changes: [], state: null };
    const shifted = shiftStateTime(current.state, args.byMs);
    this.store.shiftEvents(args.byMs);
    const visit = timePasses(shifted, rules, Date.now());
    this.commit(args, current.version, rules, visit);
    return { changes: visit.changes, state: visit.state };
  }

  override alarm(): Promise<void> {
    const run = this.runAlarm().finally(() => {
      if (this.alarmRun === run) this.alarmRun = null;
    });
    this.alarmRun = run;
    return run;
  }

  private async runAlarm(): Promise<void> {
    this.work.alarmAt = null;
    const now = Date.now();
    if (this.pendingExports.has()) {
      await this.pendingExports.flush(exportQueue(this.env), now);
      await this.armPendingExports();
    }
    const erasedAt = this.tomb.at();
    if (erasedAt !== null) {
      // The tombstone itself goes after the retention period: the object then holds nothing at all.
      const until = erasedAt + visitorRetentionMs(this.env, false);
      if (now >= until) await this.forget({ tombstone: false });
      else await this.ctx.storage.setAlarm((this.work.alarmAt = until));
      await this.armPendingExports();
      return;
    }
    const loaded = this.store.read();
    if (!loaded) {
      if (this.store.ready && this.store.hasOutbox()) await this.work.flush();
      return;
    }
    const sandbox = this.store.sandbox;
    const linked = this.link.linkedTo() !== null;
    const retention = visitorRetentionMs(this.env, sandbox);
    if (now >= visitorExpiresAt(loaded.state.lastSeenAt, this.link.seenAt(), retention)) {
      // A linked browser's own erasure leaves the customer's object alone (other devices use it).
      this.link.clear();
      await this.forget({ tombstone: false });
      return;
    }
    // A linked browser's journeys live in the customer's object: its own stay where they were.
    if (linked) this.store.wakeAt = null;
    // Most alarms only deliver stats: the rules are loaded only when a transition is due.
    if (this.store.wakeAt !== null && this.store.wakeAt <= now)
      await this.runDueTransitions(loaded.version, sandbox, now);
    // The delivery ends by setting the alarm for what is left (scheduled-work.ts).
    await this.work.flush();
  }

  private async runDueTransitions(ref: RulesetRef, sandbox: boolean, now: number): Promise<void> {
    const rules = await alarmRules(this.env, ref, sandbox);
    const current = this.store.read();
    if (!current) return;
    const visit = timePasses(current.state, rules, now);
    const visitorId = current.state.visitorId;
    if (visit.changes.length) this.commit({ visitorId, sandbox }, current.version, rules, visit);
    else this.store.saveWakeAt(nextWakeAt(current.state, rules, now));
  }

  /** The rules a call decides with; a preview sandbox sees only the journey it previews (forced). */
  private async rulesFor(args: VisitorCall & { version: RulesetRef; force?: ForceSpec }): Promise<CompiledRuleset> {
    const rules = await loadRuleset(this.env, args.version);
    return args.sandbox && args.force ? onlyJourney(rules, args.force.journey) : rules;
  }

  /** Stores a new state, then schedules the alarm and starts delivering (never awaited by the caller). */
  private commit(
    call: VisitorCall,
    ref: RulesetRef,
    rules: CompiledRuleset,
    visit: Visit,
    device: string | null = null,
    /** A page view: its path, for the warehouse export. */
    page: string | null = null,
  ): void {
    // The one place a visit is stored: an erased visitor's writes stop here, whatever path they took.
    if (this.erased()) return;
    const exports =
      this.exporting && !call.sandbox
        ? visitRecords(visit, {
            visitorId: visit.state.visitorId,
            device,
            pagePath: page,
            rulesVersion: rules.version,
            now: Date.now(),
          })
        : [];
    const plan = this.store.commit(call, ref, rules, visit, device, exports);
    this.work.schedule(visit.state);
    // Webhooks go out at once (an email tool waits on them); stats wait for the batch.
    if (plan.hooks.length) this.ctx.waitUntil(this.work.flush());
  }
}
