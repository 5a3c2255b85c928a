import { QaResultInput, type QaResult } from "@waymark/shared/schemas/qa.ts";
import { zodIssues } from "../http/errors.ts";
import { appendAudit } from "./audit-log.ts";
import { insertQa } from "./qa-table.ts";
import { fail, ok, type StoreResult } from "./store-result.ts";

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
