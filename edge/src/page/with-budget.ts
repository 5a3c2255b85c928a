export type Budgeted<T> =
  { kind: "ok"; value: T; ms: number } | { kind: "timeout"; ms: number } | { kind: "error"; ms: number };

/** The promise's value if it settles before `deadline` (epoch ms), else "timeout"; a rejection is "error". */
export async function withBudget<T>(p: Promise<T>, startedAt: number, budgetMs: number): Promise<Budgeted<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const remaining = Math.max(0, startedAt + budgetMs - Date.now());
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), remaining);
  });
  try {
    const r = await Promise.race([p.then((value) => ({ value })), timeout]);
    const ms = Date.now() - startedAt;
    return r === "timeout" ? { kind: "timeout", ms } : { kind: "ok", value: r.value, ms };
  } catch {
    return { kind: "error", ms: Date.now() - startedAt };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
