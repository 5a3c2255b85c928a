import { describe, expect, it } from "vitest";
import { fixture, runWaymark } from "./support/run-waymark.ts";

interface Step {
  kind: string;
  what: string;
  changes: { journey: string; from: string | null; to: string; reason: string }[];
  shows: { journey: string; stage: string; branch: string; action: { html?: string } }[];
  standing: { journey: string; stage: string; branch: string | null; exited: boolean }[];
  trace: { journey: string; status: string }[];
}

const timeline = fixture("abandoned-cart.timeline.json");
const journey = fixture("abandoned-cart.json");

describe("waymark simulate", () => {
  it("walks the abandoned-cart journey: browsing, carting, abandoned after 31m (banner), purchased", async () => {
    const r = await runWaymark(["simulate", "--json", timeline, journey]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const { steps } = JSON.parse(r.stdout) as { steps: Step[] };
    const stage = (s: Step) => s.standing.find((x) => x.journey === "abandoned-cart")?.stage;
    expect(steps.map((s) => `${s.kind} ${s.what} -> ${stage(s)}`)).toEqual([
      "page /products/mug -> browsing",
      "event add_to_cart -> carting",
      "wait 31m -> abandoned",
      "page / -> abandoned",
      "event purchase -> purchased",
      "page / -> purchased",
    ]);
    expect(steps[2].changes).toMatchObject([
      { journey: "abandoned-cart", from: "carting", to: "abandoned", reason: "after:30m" },
    ]);
    // Only the page after the idle cart shows the banner, with the visitor's value escaped.
    expect(steps.map((s) => s.shows.length)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(steps[3].shows[0]).toMatchObject({ journey: "abandoned-cart", stage: "abandoned", branch: "discount" });
    expect(steps[3].shows[0].action.html).toContain("You left 1 item(s), like Mug &lt;Deluxe&gt;.");
    expect(steps[3].trace).toMatchObject([{ journey: "abandoned-cart", status: "applied" }]);
    expect(steps[5].trace).toMatchObject([{ journey: "abandoned-cart", status: "exited" }]);
  });

  it("prints the steps, what the visitor sees and the trace for people", async () => {
    const r = await runWaymark(["simulate", timeline, journey]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("abandoned-cart: enters at browsing (branch discount)");
    expect(r.stdout).toContain("abandoned-cart: browsing -> carting (on:add_to_cart)");
    expect(r.stdout).toMatch(/\[3\] \+31m {2}wait 31m.*\n {4}abandoned-cart: carting -> abandoned \(after:30m\)/);
    expect(r.stdout).toMatch(
      /\[4\] \+31m {2}page \/\n {4}sees abandoned-cart\/abandoned\/discount a0: insert prepend body <div/,
    );
    expect(r.stdout).toContain("action a0 (insert): wrong_stage");
    expect(r.stdout).toContain("abandoned-cart: purchased (exited), branch discount");
    const brief = await runWaymark(["simulate", "--brief", timeline, journey]);
    expect(brief.stdout).not.toContain("why:");
  });

  it("uses the seed journeys when no journey file is given", async () => {
    const r = await runWaymark(["simulate", "--json", timeline]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.journeys).toEqual(expect.arrayContaining(["abandoned-cart", "confusion-help", "welcome-back"]));
  });

  it("reports an invalid timeline with pointers and exit 1", async () => {
    const r = await runWaymark(["simulate", fixture("bad-journeys.json"), journey]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${fixture("bad-journeys.json")}: /steps: `);
  });
});
