import { repairState, type CompiledRuleset, type Visit } from "@waymark/shared";
import type { VisitorState } from "@waymark/shared";
import { planVisit, type VisitPlan } from "./visit-plan.ts";
import { ensureSchema, presentTables, SCHEMA_VERSION } from "./schema.ts";
import type { RulesetRef, VisitorCall } from "../visitor-rpc.ts";
import { writeVisit } from "./write-visit.ts";
import type { ExportRecord } from "../../export/export-record.ts";

/** The events log is trimmed to its limit once per this many inserts, not on every one. */
const TRIM_EVERY = 100;

export interface Loaded {
  state: VisitorState;
  version: RulesetRef;
}

/** The meta keys every activation reads, with the state row: the ruleset ref, the sandbox flag and the link. */
const WAKE_META = ["ruleset_ref", "sandbox", "link", "link_via", "link_until", "link_seen"] as const;

/**
 * An activation's one read: the schema version, the state row (its columns are those of the first migration step,
 * so the statement compiles on an object of any version) and the meta values the object needs on every call. One
 * row even when there is no state row yet (an object that only links, or merged nothing yet).
 */
const WAKE_SQL = `SELECT (SELECT value FROM meta WHERE key = 'schema') AS schema, s.json, s.visitor_id, s.version,
  s.wake_at, ${WAKE_META.map((k) => `(SELECT value FROM meta WHERE key = '${k}') AS ${k}`).join(", ")}
  FROM (SELECT 1) LEFT JOIN state s ON s.id = 1`;

type WakeRow = { schema: string | null; json: string | null; visitor_id: string | null; version: number | null } & {
  wake_at: number | null;
} & Record<(typeof WAKE_META)[number], string | null>;

/**
 * The visitor's SQLite storage. Tables are created on the first write only (reads like /me or /decide must not
 * create storage). Keeps mirrors of stored values so the hot path does not read them back: set by the activation's
 * one query (reopen), read() and commit().
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
  /** The state row as the activation read it, parsed on the first read(). */
  private row: { json: string; visitorId: string; version: number; ref: string | null } | null = null;
  /** The WAKE_META values (null: absent), kept current by setMeta and deleteMeta. Empty until the tables exist. */
  private readonly wakeMeta = new Map<string, string | null>();

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  /**
   * Opens the storage as a fresh activation does, forgetting every mirror: run when the object starts and after
   * its storage was erased. Migrates an existing object; one that never stored anything stays empty. `hasTables`:
   * whether the meta table exists, when the caller asked already (see presentTables).
   */
  reopen(hasTables = presentTables(this.sql).has("meta")): void {
    this.loaded = undefined;
    this.ready = false;
    this.wakeAt = null;
    this.storedRef = null;
    this.sandbox = false;
    this.sinceTrim = TRIM_EVERY;
    this.row = null;
    this.wakeMeta.clear();
    if (!hasTables) return;
    let row = this.sql.exec<WakeRow>(WAKE_SQL).one();
    const version = Number(row.schema ?? 0);
    if (version < SCHEMA_VERSION) {
      ensureSchema(this.sql, version);
      row = this.sql.exec<WakeRow>(WAKE_SQL).one();
    }
    this.ready = true;
    for (const k of WAKE_META) this.wakeMeta.set(k, row[k]);
    this.storedRef = row.ruleset_ref;
    this.sandbox = row.sandbox === "1";
    this.wakeAt = row.wake_at;
    if (row.json !== null)
      this.row = { json: row.json, visitorId: row.visitor_id!, version: row.version!, ref: row.ruleset_ref };
  }

  /** Creates the tables (the first write of an object that had none): nothing of WAKE_META is stored yet. */
  init(): void {
    ensureSchema(this.sql, 0);
    this.ready = true;
    for (const k of WAKE_META) this.wakeMeta.set(k, null);
  }

  read(): Loaded | null {
    if (this.loaded !== undefined) return this.loaded;
    const row = this.row;
    if (!row) return (this.loaded = null);
    this.row = null;
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
    const { state, repaired } = repairState(raw, row.visitorId, Date.now());
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
    const known = this.wakeMeta.get(key);
    if (known !== undefined) return known;
    const row = this.sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0];
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql.exec(
      `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      key,
      value,
    );
    if (this.wakeMeta.has(key)) this.wakeMeta.set(key, value);
  }

  deleteMeta(keys: readonly string[]): void {
    this.sql.exec(`DELETE FROM meta WHERE key IN (${keys.map(() => "?").join(", ")})`, ...keys);
    for (const k of keys) if (this.wakeMeta.has(k)) this.wakeMeta.set(k, null);
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
