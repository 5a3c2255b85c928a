import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PUBLISH_REACHES_PAGES_S, publishedText, rolledBackText } from "../src/lib/publish-copy.ts";

// The edge's constant, read from its source (the module itself needs the Workers runtime).
const edgeSource = readFileSync(new URL("../../edge/src/rules/published-ruleset.ts", import.meta.url), "utf8");
const maxStaleMs = Number(/export const LIVE_MAX_STALE_MS = ([\d_]+);/.exec(edgeSource)![1].replaceAll("_", ""));

describe("what the dashboard says after a publish", () => {
  it("never claims the version is live at once", () => {
    expect(publishedText(7)).toBe("Published version 7: pages show it within about 5 seconds.");
    expect(publishedText(7)).not.toMatch(/live now/i);
    expect(rolledBackText(3, 8)).toBe(
      "Rolled back to version 3: live is now version 8; pages show it within about 5 seconds.",
    );
  });

  it("the bound it states covers the edge's hard bound on a stale live version", () => {
    expect(maxStaleMs).toBeGreaterThan(0);
    expect(PUBLISH_REACHES_PAGES_S * 1000).toBeGreaterThanOrEqual(maxStaleMs);
  });
});
