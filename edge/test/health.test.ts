import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("answers health checks without touching the origin", async () => {
  const res = await SELF.fetch("https://shop.example/__waymark/health");
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true });
});

it("answers unknown reserved paths with a JSON 404", async () => {
  const res = await SELF.fetch("https://shop.example/__waymark/nope");
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ error: "not found" });
});
