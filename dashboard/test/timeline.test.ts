import { describe, expect, it } from "vitest";
import { describeStep, pageContext, stepEvent, stepIssues, type TimelineStep } from "../src/lib/timeline.ts";
import rows from "./cases/timeline-steps.json";

describe("timeline step checks (the shared schemas' messages)", () => {
  it.each(rows as [string, TimelineStep, Record<string, string>][])("%s", (_n, step, expected) => {
    const issues = stepIssues(step);
    expect(Object.keys(issues).sort()).toEqual(Object.keys(expected).sort());
    for (const [field, fragment] of Object.entries(expected)) expect(issues[field]).toContain(fragment);
  });
});

describe("steps as the engine sees them", () => {
  it("a page step becomes the request context the edge would build", () => {
    const ctx = pageContext(
      {
        kind: "page",
        path: "/products?utm_source=mail&x=1",
        device: "mobile",
        country: "de",
        referrer: " https://g.co/ ",
      },
      "shop.example",
    );
    expect(ctx).toEqual({
      path: "/products",
      query: { utm_source: "mail", x: "1" },
      referrer: "https://g.co/",
      device: "mobile",
      country: "DE",
      cookies: {},
      host: "shop.example",
    });
  });
  it("an event step becomes a VisitorEvent, or nothing when its data is invalid", () => {
    expect(stepEvent({ kind: "event", type: "add_to_cart", data: '{"price": 3}' })).toEqual({
      type: "add_to_cart",
      data: { price: 3 },
    });
    expect(stepEvent({ kind: "event", type: "add_to_cart", data: "{" })).toBeUndefined();
  });
  it("labels steps", () => {
    expect(describeStep({ kind: "page", path: "/cart", device: "mobile", country: "de", referrer: "" })).toBe(
      "page /cart (mobile, DE)",
    );
    expect(describeStep({ kind: "wait", duration: "31m" })).toBe("wait 31m");
  });
});
