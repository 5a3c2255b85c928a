import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { TemplateValues } from "@waymark/shared";
import type { FieldPath } from "../lib/field-key.ts";
import type { PlacedIssues } from "../lib/place-issues.ts";

/** What every editor piece needs: the draft, a way to change one field of it, and the issues placed at fields. */
export interface EditorContextValue {
  draft: Record<string, unknown>;
  set: (path: FieldPath, value: unknown) => void;
  issues: PlacedIssues;
  stageIds: string[];
  branchIds: string[];
  sample: TemplateValues;
  /** The hosts a redirect may name (from GET /journeys); null = unknown (warn), undefined = not known yet. */
  siteHosts?: readonly string[] | null;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error("editor pieces must be inside <EditorContext.Provider>");
  return ctx;
}
