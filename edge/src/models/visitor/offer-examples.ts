import type { OfferChoice, VisitorState } from "@waymark/shared";
import type { LabelledExample } from "../model-rpc.ts";

/** Outbox kind of an offer example: due when its attribution window ends, or soon after it converts. */
export const OFFER_EXAMPLE_KIND = "offer_example";
/** A converted example leaves with the next batch, a few seconds later (as stats do). */
const LABEL_DELAY_MS = 5_000;
/** Delivery attempts before an example is given up (the model misses one example; nothing else depends on it). */
const MAX_ATTEMPTS = 8;

interface ExampleRow {
  id: string;
  journey: string;
  model: string;
  offer: string;
  objective: string;
  base: number;
  idx: string;
  val: string;
  segment: string;
  shown_at: number;
  until: number;
  label: number | null;
  outbox_id: number | null;
}

/** The objective's value for the visitor in the journey (0 when not enrolled or not reached). */
function objectiveValue(state: VisitorState, journey: string, objective: string): number {
  return state.journeys[journey]?.enrolment?.values?.[objective] ?? 0;
}

/**
 * The learning half of a visit, in the visit's transaction (issue 18): open examples whose objective went up since
 * they were shown (within their window) are labelled 1 and made due; each newly chosen offer (not one kept from
 * before) opens an example, due with label 0 when its attribution window ends. One open example per decision point.
 */
export function writeOfferExamples(
  sql: SqlStorage,
  state: VisitorState,
  offers: readonly OfferChoice[],
  now: number,
): void {
  const open = sql
    .exec<Pick<ExampleRow, "id" | "journey" | "model" | "objective" | "base" | "until" | "outbox_id">>(
      `SELECT id, journey, model, objective, base, until, outbox_id FROM offer_examples WHERE label IS NULL`,
    )
    .toArray();
  const openModels = new Set<string>();
  for (const ex of open) {
    if (now <= ex.until && objectiveValue(state, ex.journey, ex.objective) > ex.base) {
      sql.exec(`UPDATE offer_examples SET label = 1 WHERE id = ?`, ex.id);
      if (ex.outbox_id !== null)
        sql.exec(`UPDATE outbox SET next_at = ? WHERE id = ?`, now + LABEL_DELAY_MS, ex.outbox_id);
    } else openModels.add(ex.model);
  }
  for (const c of offers) {
    if (c.kept || openModels.has(c.model) || !state.journeys[c.journey]) continue;
    const id = `${state.visitorId}:${c.model}:${now}`;
    const outbox = sql
      .exec<{ id: number }>(
        `INSERT INTO outbox (kind, payload, next_at) VALUES (?, ?, ?) RETURNING id`,
        OFFER_EXAMPLE_KIND,
        JSON.stringify({ id }),
        c.until,
      )
      .one().id;
    sql.exec(
      `INSERT OR IGNORE INTO offer_examples (id, journey, model, offer, objective, base, idx, val, segment, shown_at,
         until, label, outbox_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
      id,
      c.journey,
      c.model,
      c.offer,
      c.objective,
      objectiveValue(state, c.journey, c.objective),
      JSON.stringify(c.idx),
      JSON.stringify(c.val),
      JSON.stringify(c.segment),
      now,
      c.until,
      outbox,
    );
    openModels.add(c.model);
  }
}

interface DueRow {
  id: number;
  payload: string;
  attempts: number;
}

/**
 * Delivers the due examples to their decision points' model objects, one call per model: labelled 1 if they
 * converted, else 0 (their window has ended). Delivered ones are deleted; on failure they are retried with the
 * same ids (the model takes each id in once), and given up after MAX_ATTEMPTS.
 */
export async function flushOfferExamples(
  sql: SqlStorage,
  env: Env,
  rows: readonly DueRow[],
  retry: (row: DueRow, error: string) => void,
): Promise<void> {
  if (!rows.length) return;
  const byModel = new Map<string, { rows: DueRow[]; examples: LabelledExample[] }>();
  for (const r of rows) {
    const { id } = JSON.parse(r.payload) as { id: string };
    const ex = sql
      .exec<ExampleRow & Record<string, SqlStorageValue>>(`SELECT * FROM offer_examples WHERE id = ?`, id)
      .toArray()[0];
    if (!ex) {
      sql.exec(`DELETE FROM outbox WHERE id = ?`, r.id);
      continue;
    }
    let group = byModel.get(ex.model);
    if (!group) byModel.set(ex.model, (group = { rows: [], examples: [] }));
    group.rows.push(r);
    group.examples.push({
      id: ex.id,
      offer: ex.offer,
      idx: JSON.parse(ex.idx) as number[],
      val: JSON.parse(ex.val) as number[],
      label: ex.label === 1 ? 1 : 0,
      segment: JSON.parse(ex.segment) as LabelledExample["segment"],
      at: ex.shown_at,
    });
  }
  await Promise.all(
    [...byModel].map(async ([model, g]) => {
      try {
        await env.MODELS.getByName(model).learn({ key: model, examples: g.examples });
        g.rows.forEach((r, k) => done(sql, r.id, g.examples[k].id));
      } catch (err) {
        const message = err instanceof Error ? err.message : "model write failed";
        g.rows.forEach((r, k) => {
          if (r.attempts + 1 >= MAX_ATTEMPTS) done(sql, r.id, g.examples[k].id);
          else retry(r, message);
        });
      }
    }),
  );
}

function done(sql: SqlStorage, outboxId: number, exampleId: string): void {
  sql.exec(`DELETE FROM outbox WHERE id = ?`, outboxId);
  sql.exec(`DELETE FROM offer_examples WHERE id = ?`, exampleId);
}
