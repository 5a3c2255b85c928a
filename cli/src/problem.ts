import { showPointer } from "./json-pointer.ts";

/** One thing wrong in one file, located by a JSON pointer. */
export interface Problem {
  file: string;
  pointer: string;
  message: string;
}

/** The line format every command prints problems in: `file: /json/pointer: message`. */
export function formatProblem(p: Problem): string {
  return `${p.file}: ${showPointer(p.pointer)}: ${p.message}`;
}
