/** A path into the journey, as zod reports it and as the editor addresses its fields. */
export type FieldPath = readonly (string | number)[];

/** "stages.0.id" for ["stages", 0, "id"]; "" for the journey itself. */
export function fieldKey(path: FieldPath): string {
  return path.join(".");
}

/** A DOM id for a field key, so an error summary can link to the field and labels can point at it. */
export function fieldId(key: string): string {
  return "f-" + (key === "" ? "journey" : key.replace(/[^A-Za-z0-9_-]/g, "-"));
}
