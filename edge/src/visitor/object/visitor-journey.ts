import { DurableObject } from "cloudflare:workers";
import {
  eventBatch,
  newVisitorState,
  nextWakeAt,
  pageView,
  stateOnly,
  timePasses,
  type CompiledRuleset,
  type StageChange,
  type Visit,
  type VisitorState,
} from "@waymark/shared";
import { loadRuleset } from "../../rules/published-ruleset.ts";
import { mergeStates } from "./merge-states.ts";
import { alarmRules } from "./alarm-rules.ts";
import { RateWindow } from "./rate-window.ts";
import { exportVisitor, readDeliveries, readPending } from "./visitor-export.ts";
import { ScheduledWork } from "./scheduled-work.ts";
import { shiftStateTime } from "./shift-state-time.ts";
import { VisitorLink } from "./link.ts";
import { visitorExpiresAt, visitorRetentionMs } from "./retention.ts";
import { VisitorStateStore } from "./state-store.ts";
import { customerName, visitorStub } from "../visitor-stub.ts";
import type {
  AdminVisitorView,
  OnEventsArgs,
  OnEventsResult,
  OnPageArgs,
  PageDecision,
  RulesetRef,
  VisitorCall,
  VisitorExport,
} from "../visitor-rpc.ts";

/**
 * One visitor's journey state (SQLite-backed), named by visitor id. Every method is an RPC that returns a value;
 * the Worker makes at most one call per page. A single alarm runs due "after" transitions, stats and webhook
 * retries, and the retention expiry.
 */
export class VisitorJourney extends DurableObject<Env> {
  private readonly store: VisitorStateStore;
  private readonly link: VisitorLink;
  private readonly work: ScheduledWork;
  private readonly rate = new RateWindow();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new VisitorStateStore(ctx.storage);
    this.link = new VisitorLink(this.store);
    this.work = new ScheduledWork(ctx, env, this.store, this.link);
    void ctx.blockConcurrencyWhile(async () => {
      this.store.reopen();
      this.work.alarmAt = await ctx.storage.getAlarm();
    });
  }

  /** Records a page view, advances journeys, decides the page (one round trip per page). */
  async onPage(args: OnPageArgs): Promise<PageDecision> {
    const link = this.link.linkedTo();
    if (link) {
      this.link.touch();
      return visitorStub(this.env, link).onPage({ ...args, visitorId: link });
    }
    const rules = await loadRuleset(this.env, args.version);
    const now = Date.now();
    const prior = this.store.read()?.state;
    const visit = pageView(prior ?? newVisitorState(args.visitorId, now), rules, args.ctx, { now, force: args.force });
    this.commit(args, args.version, rules, visit);
    const { decision } = visit;
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
    const link = this.link.linkedTo();
    if (link) {
      this.link.touch();
      return visitorStub(this.env, link).onEvents({ ...args, visitorId: link });
    }
    const rules = await loadRuleset(this.env, args.version);
    const now = Date.now();
    const prior = this.store.read()?.state ?? newVisitorState(args.visitorId, now);
    const visit = eventBatch(prior, rules, args.events, {
      now,
      ctx: args.ctx,
      force: args.force,
      isStored: (id) => this.store.hasEvent(id),
    });
    if (visit.logged.length) this.commit(args, args.version, rules, visit);
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
    const target = args.customerId ? customerName(args.customerId) : null;
    const current = this.link.linkedTo();
    if (current === target) return { linked: args.customerId, accepted: 0 };
    if (current) this.link.set(null);
    // Recorded on this browser's own state (it is part of its history), before the link takes over.
    const r = await this.onEvents({
      visitorId: args.visitorId,
      sandbox: args.sandbox,
      version: args.version,
      events: [{ type: "identify", data: { customerId: args.customerId ?? "" } }],
      ratePerMinute: Number.MAX_SAFE_INTEGER,
    });
    if (target) {
      const own = this.store.read()?.state;
      if (own) await visitorStub(this.env, target).mergeDevice({ name: target, version: args.version, device: own });
      this.link.set(target);
    }
    return { linked: args.customerId, accepted: r.ok ? r.accepted : 0 };
  }

  /** On a customer's object: takes in one device's history, once per device (never counted twice). */
  async mergeDevice(args: { name: string; version: RulesetRef; device: VisitorState }): Promise<{ merged: boolean }> {
    const key = `merged:${args.device.visitorId}`;
    if (this.store.meta(key)) return { merged: false };
    const rules = await loadRuleset(this.env, args.version);
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

  /** The admin view: what the visitor sees in /me, plus webhook outcomes and pending work. */
  async adminView(visitorId: string): Promise<AdminVisitorView> {
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

  /** Erases everything stored about the visitor, alarm included (DELETE /me, opt-out, retention expiry). */
  async forget(): Promise<{ erased: true }> {
    // Erasing a linked browser erases the person: the customer's object holds this browser's history too.
    const link = this.link.linkedTo();
    if (link) await visitorStub(this.env, link).forget();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.store.reopen();
    this.link.clear();
    this.work.alarmAt = null;
    return { erased: true };
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

  override async alarm(): Promise<void> {
    this.work.alarmAt = null;
    const loaded = this.store.read();
    const now = Date.now();
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
      await this.forget();
      return;
    }
    // A linked browser's journeys live in the customer's object: its own stay where they were.
    if (linked) this.store.wakeAt = null;
    // Most alarms only deliver stats: the rules are loaded only when a transition is due.
    if (this.store.wakeAt !== null && this.store.wakeAt <= now)
      await this.runDueTransitions(loaded.version, sandbox, now);
    await this.work.flush();
    const current = this.store.read();
    if (current) this.work.schedule(current.state);
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

  /** Stores a new state, then schedules the alarm and starts delivering (never awaited by the caller). */
  private commit(call: VisitorCall, ref: RulesetRef, rules: CompiledRuleset, visit: Visit): void {
    const plan = this.store.commit(call, ref, rules, visit);
    this.work.schedule(visit.state);
    // Webhooks go out at once (an email tool waits on them); stats wait for the batch.
    if (plan.hooks.length) this.ctx.waitUntil(this.work.flush());
  }
}
