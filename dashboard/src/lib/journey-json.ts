/** The JSON view's text for a draft: stable two-space JSON, so editing it and switching back round-trips. */
export function journeyToJson(draft: unknown): string {
  return JSON.stringify(draft, null, 2) + "\n";
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses the JSON view into an object; a syntax error names its line so the marketer can find it. */
export function parseJourneyJson(text: string): JsonParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : "not valid JSON";
    const pos = /position (\d+)/.exec(message);
    if (!pos) return { ok: false, message: `Not valid JSON: ${message}` };
    const line = text.slice(0, Number(pos[1])).split("\n").length;
    return { ok: false, message: `Not valid JSON (line ${line}): ${message}` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    return { ok: false, message: 'A journey is a JSON object: { "id": ..., "stages": [...] }' };
  return { ok: true, value };
}
