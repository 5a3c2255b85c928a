import { repairState, type CompiledRuleset, type Visit } from "@waymark/shared";
import type { VisitorState } from "@waymark/shared";
import { planVisit, type VisitPlan } from "./visit-plan.ts";
import { ensureSchema, hasTables } from "./schema.ts";
import type { RulesetRef, VisitorCall } from "../visitor-rpc.ts";
import { writeVisit } from "./write-visit.ts";
import type { ExportRecord } from "../../export/export-record.ts";

/** The events log is trimmed to its limit once per this many inserts, not on every one. */
const TRIM_EVERY = 100;

export interface Loaded {
  state: VisitorState;
  version: RulesetRef;
}

/**
 * The visitor's SQLite storage. Tables are created on the first write only (reads like /me or /decide must not
 * create storage). Keeps mirrors of stored values so the hot path does not read them back: set by read() and commit().
 */
export class VisitorStateStore {
  readonly sql: SqlStorage;
  /** undefined: not read yet; null: nothing stored. */
  private loaded: Loaded | null | undefined;
  ready = false;
  sandbox = false;
  wakeAt: number | null = null;
  private storedRef: string | null = null;
  private sinceTrim = TRIM_EVERY;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  /**
   * Opens the storage as a fresh activation does, forgetting every mirror: run when the object starts and after
   * its storage was erased. Migrates an existing object; one that never stored anything stays empty.
   */
  reopen(): void {
    this.loaded = undefined;
    this.ready = false;
    this.wakeAt = null;
    this.storedRef = null;
    this.sandbox = false;
    this.sinceTrim = TRIM_EVERY;
    if (hasTables(this.sql)) this.init();
  }

  init(): void {
    ensureSchema(this.sql);
    this.ready = true;
  }

  read(): Loaded | null {
    if (this.loaded !== undefined) return this.loaded;
    if (!this.ready) return (this.loaded = null);
    const row = this.sql
      .exec<{
        json: string;
        visitor_id: string;
        version: number;
        wake_at: number | null;
        ref: string | null;
        sandbox: string | null;
      }>(
        `SELECT json, visitor_id, version, wake_at, (SELECT value FROM meta WHERE key = 'ruleset_ref') AS ref,
           (SELECT value FROM meta WHERE key = 'sandbox') AS sandbox FROM state WHERE id = 1`,
      )
      .toArray()[0];
    if (!row) return (this.loaded = null);
    this.storedRef = row.ref;
    this.sandbox = row.sandbox === "1";
    this.wakeAt = row.wake_at;
    // Storage is a boundary (the schema may have moved on since the row was written, or the row was damaged): parse
    // once per activation, and repair what fails field by field rather than throw the visitor's history away.
    // (Trusting rows this code wrote, by a schema fingerprint, saved ~10-35 us per wake but let a damaged row
    // through unrepaired: measured and not adopted, issue 19.)
    let raw: unknown;
    try {
      raw = JSON.parse(row.json);
    } catch {
      raw = null;
    }
    const { state, repaired } = repairState(raw, row.visitor_id, Date.now());
    if (repaired.length)
      console.error(`waymark: stored visitor state repaired (failed its schema): ${repaired.slice(0, 20).join(", ")}`);
    return (this.loaded = { state, version: row.ref === "draft" ? "draft" : row.version });
  }

  hasEvent(id: string): boolean {
    if (!this.ready) return false;
    return this.sql.exec(`SELECT 1 FROM events WHERE event_id = ? LIMIT 1`, id).toArray().length > 0;
  }

  hasOutbox(): boolean {
    return this.sql.exec(`SELECT 1 FROM outbox LIMIT 1`).toArray().length > 0;
  }

  nextOutboxAt(): number | null {
    return this.sql.exec<{ t: number | null }>(`SELECT MIN(next_at) AS t FROM outbox`).one().t;
  }

  meta(key: string): string | null {
    if (!this.ready) return null;
    const row = this.sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0];
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql.exec(
      `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      key,
      value,
    );
  }

  saveWakeAt(wake: number | null): void {
    this.wakeAt = wake;
    this.sql.exec(`UPDATE state SET wake_at = ? WHERE id = 1`, wake);
  }

  /** Moves every logged event back by byMs (QA time travel). */
  shiftEvents(byMs: number): void {
    this.sql.exec(`UPDATE events SET at = at - ?`, byMs);
  }

  /**
   * Writes the new state, the events, and the work they cause (stats, webhooks) in one transaction, so counts
   * and state can never disagree. Returns that work so the caller can schedule and deliver it.
   */
  commit(
    call: VisitorCall,
    ref: RulesetRef,
    rules: CompiledRuleset,
    visit: Visit,
    device: string | null = null,
    exports: readonly ExportRecord[] = [],
  ): VisitPlan {
    if (!this.ready) this.init();
    const now = Date.now();
    const { state, changes, logged: events } = visit;
    const plan = planVisit(call.sandbox, rules, visit, now);
    const refText = String(ref);
    this.storage.transactionSync(() => {
      const sinceTrim = this.sinceTrim + events.length;
      const trimEvents = sinceTrim >= TRIM_EVERY;
      writeVisit(this.sql, {
        state,
        rulesVersion: rules.version,
        stageChanges: changes.length,
        plan,
        events,
        device,
        trimEvents,
        now,
        exports,
        offers: call.sandbox ? [] : visit.decision?.offers,
      });
      this.sinceTrim = trimEvents ? 0 : sinceTrim;
      if (this.storedRef !== refText) this.setMeta("ruleset_ref", refText);
      if (call.sandbox && !this.sandbox) this.setMeta("sandbox", "1");
    });
    this.loaded = { state, version: ref };
    this.storedRef = refText;
    if (call.sandbox) this.sandbox = true;
    this.wakeAt = plan.wake;
    return plan;
  }
}
