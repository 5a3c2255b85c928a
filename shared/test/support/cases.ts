/** One row of a case table: what goes in, what must come out. */
export interface Case<I = unknown, E = unknown> {
  name: string;
  input: I;
  expected: E;
}

/** Types the rows of an imported cases/*.json table, refusing duplicate names (it.each would hide one). */
export function rows<I = any, E = any>(table: unknown): Case<I, E>[] {
  const list = table as Case<I, E>[];
  const names = new Set<string>();
  for (const r of list) {
    if (names.has(r.name)) throw new Error(`duplicate case name "${r.name}"`);
    names.add(r.name);
  }
  return list;
}
