/**
 * What the toolbar badge says while previewing: four characters at most, so the branch (or stage) abbreviated.
 * The branch named "default" (a journey without an experiment) says nothing ("DEFA"): the stage is shown instead,
 * or "ON".
 */
export function badgeText(preview: { branch?: string; stage?: string } | null): string {
  if (!preview) return "";
  const branch = preview.branch === "default" ? undefined : preview.branch;
  const name = branch ?? preview.stage ?? "on";
  return name.slice(0, 4).toUpperCase();
}

/** The toolbar tooltip: the full description of what is forced, and where. */
export function badgeTitle(
  preview: { origin: string; journey: string; stage?: string; branch?: string; version: "draft" | number } | null,
): string {
  if (!preview) return "Waymark QA";
  const what = [preview.journey, preview.stage, preview.branch].filter(Boolean).join(" / ");
  const version = preview.version === "draft" ? "draft" : `v${preview.version}`;
  return `Waymark QA: previewing ${what} (${version}) on ${preview.origin}`;
}
