import { DurableObject } from "cloudflare:workers";
import { FEATURE_DIM, learnBatch, sigmoid, type ModelSnapshot, type OfferExample } from "@waymark/shared";
import { z } from "zod";
import { migrateSql } from "../../storage/sql-migrations.ts";
import { LabelledExample, type ModelReport, type SegmentFigures } from "../model-rpc.ts";
import { MODEL_MIGRATIONS } from "./model-schema.ts";

/** Examples per batch at most; a batch is learned once this many are pending, or BATCH_DELAY_MS after the first. */
export const MODEL_BATCH = 200;
export const BATCH_DELAY_MS = 60_000;
/** How long an example id is remembered (longer than any retry of the visitor object's outbox). */
const SEEN_FOR_MS = 7 * 86_400_000;

const Examples = z.array(LabelledExample).max(500);

interface PendingRow {
  id: string;
  offer: string;
  idx: string;
  val: string;
  label: number;
  device: string;
  source: string;
  interest: string;
}

/**
 * The model of one offer decision point (named "<journey>/<action id>"): takes in labelled examples from visitor
 * objects (idempotent by example id), learns them in batches (one Laplace update per offer and batch), and hands
 * out snapshots that isolates and visitor objects cache for a few seconds. Never on a page's path.
 */
export class OfferModel extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private model: ModelSnapshot | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => migrateSql(this.sql, MODEL_MIGRATIONS));
  }

  /** Takes in labelled examples; ids seen before are skipped. Learns a batch once enough are pending. */
  async learn(args: {
    key: string;
    examples: unknown;
  }): Promise<{ accepted: number; duplicates: number; refused: number }> {
    const parsed = Examples.safeParse(args.examples);
    // A malformed batch is refused whole and answered (a throw would only make the visitor object retry it).
    if (!parsed.success)
      return { accepted: 0, duplicates: 0, refused: Array.isArray(args.examples) ? args.examples.length : 1 };
    const now = Date.now();
    let accepted = 0;
    let refused = 0;
    this.ctx.storage.transactionSync(() => {
      for (const ex of parsed.data) {
        if (ex.idx.length !== ex.val.length || ex.idx.some((i) => i >= FEATURE_DIM)) {
          refused++;
          continue;
        }
        const fresh = this.sql.exec(`INSERT OR IGNORE INTO seen (id, at) VALUES (?, ?)`, ex.id, now).rowsWritten > 0;
        if (!fresh) continue;
        accepted++;
        this.sql.exec(
          `INSERT INTO pending (id, offer, idx, val, label, device, source, interest, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ex.id,
          ex.offer,
          JSON.stringify(ex.idx),
          JSON.stringify(ex.val),
          ex.label,
          ex.segment.device,
          ex.segment.source,
          ex.segment.interest,
          now,
        );
      }
    });
    this.keyOf(args.key);
    const pending = this.pendingCount();
    if (pending >= MODEL_BATCH) this.learnPending();
    else if (pending > 0 && (await this.ctx.storage.getAlarm()) === null)
      await this.ctx.storage.setAlarm(now + BATCH_DELAY_MS);
    return { accepted, duplicates: parsed.data.length - accepted - refused, refused };
  }

  /** The model as deciders use it (the prior for every offer until its first batch). */
  snapshot(key: string): ModelSnapshot {
    return this.current(key);
  }

  /** Per offer: what it learned from, its base propensity, and the figures per segment (the dashboard's panel). */
  report(key: string): ModelReport {
    const m = this.current(key);
    const rows = this.sql
      .exec<SegmentFigures & { offer: string } & Record<string, SqlStorageValue>>(
        `SELECT offer, dim, value, exposures, conversions, propensity / exposures AS propensity FROM segments
         ORDER BY offer, dim, exposures DESC`,
      )
      .toArray();
    const ids = new Set([...Object.keys(m.offers), ...rows.map((r) => r.offer)]);
    return {
      key: m.key,
      version: m.version,
      pending: this.pendingCount(),
      offers: [...ids].sort().map((id) => {
        const o = m.offers[id];
        return {
          id,
          exposures: o?.exposures ?? 0,
          conversions: o?.conversions ?? 0,
          base: o ? sigmoid(o.m[0]) : 0,
          segments: rows
            .filter((r) => r.offer === id)
            .map(({ dim, value, exposures, conversions, propensity }) => ({
              dim,
              value,
              exposures,
              conversions,
              propensity,
            })),
        };
      }),
    };
  }

  override async alarm(): Promise<void> {
    this.learnPending();
    this.sql.exec(`DELETE FROM seen WHERE at < ?`, Date.now() - SEEN_FOR_MS);
    if (this.pendingCount() > 0) await this.ctx.storage.setAlarm(Date.now() + BATCH_DELAY_MS);
  }

  /** Learns everything pending, MODEL_BATCH at a time, each batch in one transaction with its segment figures. */
  private learnPending(): void {
    for (;;) {
      const rows = this.sql
        .exec<PendingRow & Record<string, SqlStorageValue>>(
          `SELECT id, offer, idx, val, label, device, source, interest FROM pending ORDER BY at, id LIMIT ?`,
          MODEL_BATCH,
        )
        .toArray();
      if (!rows.length) return;
      const before = this.current(this.model?.key ?? "");
      const examples: OfferExample[] = rows.map((r) => ({
        offer: r.offer,
        idx: JSON.parse(r.idx) as number[],
        val: JSON.parse(r.val) as number[],
        label: r.label === 1 ? 1 : 0,
      }));
      const after = learnBatch(before, examples);
      this.ctx.storage.transactionSync(() => {
        rows.forEach((r, k) => {
          const post = after.offers[r.offer];
          let s = 0;
          for (let i = 0; i < examples[k].idx.length; i++) s += post.m[examples[k].idx[i]] * examples[k].val[i];
          const p = sigmoid(s);
          for (const [dim, value] of [
            ["device", r.device],
            ["source", r.source],
            ["interest", r.interest],
          ])
            this.sql.exec(
              `INSERT INTO segments (offer, dim, value, exposures, conversions, propensity) VALUES (?, ?, ?, 1, ?, ?)
               ON CONFLICT (offer, dim, value) DO UPDATE SET exposures = exposures + 1,
                 conversions = conversions + excluded.conversions, propensity = propensity + excluded.propensity`,
              r.offer,
              dim,
              value,
              r.label,
              p,
            );
          this.sql.exec(`DELETE FROM pending WHERE id = ?`, r.id);
        });
        this.sql.exec(
          `INSERT INTO model (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json`,
          JSON.stringify(after),
        );
      });
      this.model = after;
    }
  }

  /** The stored model (read once per activation), or an empty one named `key`. */
  private current(key: string): ModelSnapshot {
    if (this.model) return this.model;
    const row = this.sql.exec<{ json: string }>(`SELECT json FROM model WHERE id = 1`).toArray()[0];
    this.model = row ? (JSON.parse(row.json) as ModelSnapshot) : { key, version: 0, offers: {} };
    return this.model;
  }

  /** The object cannot read its own name: the first caller's key names an empty model. */
  private keyOf(key: string): void {
    const m = this.current(key);
    if (m.version === 0 && m.key !== key) this.model = { ...m, key };
  }

  private pendingCount(): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM pending`).one().n;
  }
}
