/** JSON.parse that answers undefined instead of throwing (stored rows are re-validated anyway). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
