import { QaResult } from "@waymark/shared/schemas/qa.ts";
import { parseJson } from "./parse-json.ts";

/** Most QA results a list returns (screenshots make rows large). */
const MAX_LIST = 200;

export function insertQa(sql: SqlStorage, result: QaResult): void {
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
