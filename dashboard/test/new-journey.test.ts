import { Slug } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../../edge/src/demo/catalog.ts";
import { slugify } from "../src/lib/slugify.ts";
import { sampleTimeline } from "../src/lib/timeline.ts";
import rows from "./cases/slugify.json";

describe("a new journey's id follows its name", () => {
  it.each(rows as [string, string][])("%j -> %j", (name, id) => {
    expect(slugify(name)).toBe(id);
    if (id) expect(Slug.safeParse(id).success).toBe(true);
  });
});

describe("the simulator's sample timeline", () => {
  it("visits a product the demo shop has, and adds that product to the cart", () => {
    const steps = sampleTimeline();
    const product = steps.find((s) => s.kind === "page" && s.path.startsWith("/products/"));
    const slug = product?.kind === "page" ? product.path.slice("/products/".length) : "";
    const item = CATALOG.find((p) => p.slug === slug);
    expect(item, `no demo product "${slug}"`).toBeDefined();
    const add = steps.find((s) => s.kind === "event");
    expect(add?.kind === "event" && JSON.parse(add.data)).toMatchObject({ id: slug, name: item!.name });
  });
});
