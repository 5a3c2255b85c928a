import { describe, expect, it } from "vitest";
import { beaconConfig } from "../src/config.ts";
import { getPage } from "./support/edge.ts";

// [name, BEACON_CONFIG value, expected config]
const cases: [string, string | undefined, object][] = [
  ["unset -> defaults", undefined, {}],
  ["empty -> defaults", "", {}],
  ["valid thresholds kept", '{"rageClicks":4,"hesitationMs":30000}', { rageClicks: 4, hesitationMs: 30000 }],
  ["not JSON -> defaults", "{rageClicks:4", {}],
  ["out of range -> defaults", '{"rageClicks":1}', {}],
  ["unknown key -> defaults", '{"rage":4}', {}],
  ["exports switched on", '{"dataLayer":true,"segment":true}', { dataLayer: true, segment: true }],
  ["exports: not a boolean -> defaults", '{"dataLayer":"yes"}', {}],
  // Issue 17: the site's own events (read by default), more names mapped, exposures exported on request.
  [
    "dataLayer: names mapped, exposures on",
    '{"dataLayer":{"events":{"my_add":"add_to_cart"},"exposures":true},"segment":false}',
    { dataLayer: { events: { my_add: "add_to_cart" }, exposures: true }, segment: false },
  ],
  ["dataLayer: reading off", '{"dataLayer":false}', { dataLayer: false }],
  ["dataLayer: a name mapped to a backend-only type -> defaults", '{"dataLayer":{"events":{"x":"identify"}}}', {}],
  ["dataLayer: not an event type -> defaults", '{"dataLayer":{"events":{"x":"Add To Cart"}}}', {}],
  ["dataLayer: an unknown key -> defaults", '{"dataLayer":{"names":{}}}', {}],
];

describe("BEACON_CONFIG", () => {
  it.each(cases)("%s", (_name, raw, expected) => {
    expect(beaconConfig({ BEACON_CONFIG: raw })).toEqual(expected);
  });

  it("reaches the page's manifest", async () => {
    const manifestConfig = async (raw: string) => {
      const html = await (await getPage("/html/basic", { env: { BEACON_CONFIG: raw } })).text();
      const m = /<script type="application\/json" id="__waymark">(.*?)<\/script>/s.exec(html);
      expect(m).not.toBeNull();
      return JSON.parse(m![1]).config;
    };
    expect(await manifestConfig('{"rageClicks":5}')).toEqual({ rageClicks: 5 });
    expect(await manifestConfig("")).toEqual({});
  });
});
