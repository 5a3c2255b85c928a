import type { ServerComparison } from "./compare-with-server.ts";
import { showPointer } from "./json-pointer.ts";
import { showValue } from "./journey-changes.ts";

const MARK = { new: "+", changed: "~", unchanged: "=" } as const;

/** A readable diff: one line per journey, then one line per changed field with its old and new value. */
export function formatComparison(c: ServerComparison, url: string): string[] {
  const lines: string[] = [];
  for (const j of c.journeys) {
    const where = j.status ? ` [server: ${j.status}${j.unpublished ? ", unpublished changes" : ""}]` : "";
    lines.push(`${MARK[j.change]} ${j.id} (${j.file}) ${j.change}${where}`);
    for (const f of j.fields)
      lines.push(`    ${showPointer(f.pointer)}: ${showValue(f.before)} -> ${showValue(f.after)}`);
  }
  for (const id of c.serverOnly) lines.push(`  ${id}: only on ${url} (push leaves it alone)`);
  const count = (k: keyof typeof MARK) => c.journeys.filter((j) => j.change === k).length;
  lines.push(`${count("new")} new, ${count("changed")} changed, ${count("unchanged")} unchanged`);
  return lines;
}
