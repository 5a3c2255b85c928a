import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import type { Problem } from "./problem.ts";

export type DataFile = { ok: true; value: unknown } | { ok: false; problem: Problem };

/** A JSON or YAML file (by extension: .yaml/.yml are YAML, anything else JSON), parsed; never throws. */
export async function readDataFile(file: string, path: string = file): Promise<DataFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : "cannot be read";
    return { ok: false, problem: { file, pointer: "", message: why } };
  }
  if (/\.ya?ml$/i.test(file)) {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length) {
      const e = doc.errors[0];
      const at = e.linePos ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : "";
      return { ok: false, problem: { file, pointer: "", message: `invalid YAML${at}: ${firstLine(e.message)}` } };
    }
    return { ok: true, value: doc.toJS() };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, problem: { file, pointer: "", message: `invalid JSON: ${jsonErrorWhere(text, err)}` } };
  }
}

function firstLine(s: string): string {
  return s.split("\n")[0];
}

/** JSON.parse reports a character offset (when it does); people want a line and column, on one line. */
function jsonErrorWhere(text: string, err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, " ");
  const m = /position (\d+)/.exec(message);
  if (!m) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split("\n").length;
  const col = Number(m[1]) - before.lastIndexOf("\n");
  return `${message.replace(/ in JSON at position \d+.*$/, "")} (line ${line}, column ${col})`;
}
