import { QaResult, QaResultInput } from "@waymark/shared/schemas/qa.ts";
import { zodIssues } from "../../http/errors.ts";
import { fail, ok, type StoreResult } from "../store-result.ts";
import { appendAudit } from "./audit-log.ts";
import { parseJson } from "./parse-json.ts";

/** Most QA results a list returns (screenshots make rows large). */
const MAX_LIST = 200;

function insertQa(sql: SqlStorage, result: QaResult): void {
  sql.exec(
    `INSERT INTO qa (id, journey, at, json) VALUES (?, ?, ?, ?)`,
    result.id,
    result.journey,
    result.at,
    JSON.stringify(result),
  );
}

/** Newest first; rows that no longer parse are skipped rather than failing the list. */
export function listQa(sql: SqlStorage, journey: string | null): QaResult[] {
  const rows = journey
    ? sql.exec<{ json: string }>(`SELECT json FROM qa WHERE journey = ? ORDER BY at DESC LIMIT ?`, journey, MAX_LIST)
    : sql.exec<{ json: string }>(`SELECT json FROM qa ORDER BY at DESC LIMIT ?`, MAX_LIST);
  const out: QaResult[] = [];
  for (const r of rows) {
    const parsed = QaResult.safeParse(parseJson(r.json));
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** Stores one QA result (validated here: it comes straight from the admin API) and notes it in the audit log. */
export function recordQa(storage: DurableObjectStorage, input: unknown, actor: string): StoreResult<QaResult> {
  const parsed = QaResultInput.safeParse(input);
  if (!parsed.success) return fail(400, "invalid QA result", zodIssues(parsed.error));
  const result: QaResult = { ...parsed.data, id: crypto.randomUUID(), by: actor, at: Date.now() };
  storage.transactionSync(() => {
    insertQa(storage.sql, result);
    const what = `${result.stage}/${result.branch}: ${result.status}`;
    appendAudit(storage.sql, { at: result.at, actor, action: "qa.record", target: result.journey, detail: what });
  });
  return ok(result);
}
