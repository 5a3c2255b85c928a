import type { AppliedAction, PageManifest } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { rewritePage } from "../src/rewrite/rewrite-page.ts";
import { isEarlyAction } from "../src/rewrite/is-early-action.ts";
import { ORIGIN } from "./support/edge.ts";

const manifest: PageManifest = { version: 1, applied: [], nudges: [], config: {} };
const act = (action: AppliedAction["action"]): AppliedAction => ({
  journey: "j",
  stage: "s",
  branch: "b",
  actionId: "a",
  slot: "a",
  action,
});
const BANNER = act({ type: "insert", selector: "body", position: "prepend", html: "<div id='banner'>hi</div>" });

function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i >= bytes.length) return c.close();
      c.enqueue(bytes.slice(i, (i += size)));
    },
  });
}

async function rewrite(bytes: Uint8Array, size: number, actions: AppliedAction[], headers: HeadersInit = {}) {
  const res = new Response(chunked(bytes, size), { headers });
  return rewritePage(res, { actions, manifest: { ...manifest, applied: actions }, nonce: null }).text();
}

/** The same edits by a rewriter that parses the whole page (the reference). */
async function reference(bytes: Uint8Array, size: number, actions: AppliedAction[]) {
  return rewrite(bytes, size, actions, { "content-length": "1" });
}

describe("stopping the rewriter once every edit is placed", () => {
  it("classifies actions: only edits done by the <body> start tag are early", () => {
    expect(isEarlyAction(BANNER)).toBe(true);
    expect(isEarlyAction(act({ type: "insert", selector: "head", position: "append", html: "x" }))).toBe(true);
    expect(isEarlyAction(act({ type: "set_attribute", selector: "body", name: "class", value: "x" }))).toBe(true);
    expect(isEarlyAction(act({ type: "insert", selector: "body", position: "append", html: "x" }))).toBe(false);
    expect(isEarlyAction(act({ type: "insert", selector: "#hero", position: "prepend", html: "x" }))).toBe(false);
    expect(isEarlyAction(act({ type: "remove", selector: "body" }))).toBe(false);
  });

  it("gives byte-identical output to a full parse for any chunking (1 MB page from the origin)", async () => {
    const bytes = new Uint8Array(await (await fetch(`${ORIGIN}/html/big?kb=1000`)).arrayBuffer());
    for (const size of [1, 7, 4096, 65_536, bytes.length]) {
      // 1-byte chunks of a whole MB would take long: only the first 20 KB for that one.
      const input = size === 1 ? bytes.slice(0, 20_000) : bytes;
      const fast = await rewrite(input, size, [BANNER]);
      // Booleans, not strings: a 1 MB diff would drown the report.
      expect(fast === (await reference(input, size, [BANNER]))).toBe(true);
      expect(fast.includes("<div id='banner'>hi</div></waymark-slot><main id=\"main\">")).toBe(true);
    }
  });

  it("really stops: a later <body> tag is left alone, while a full parse would edit it", async () => {
    const page = new TextEncoder().encode(
      `<html><head><title>t</title></head><body><p>top</p>${"<p>filler</p>".repeat(500)}<body><p>late</p></body></html>`,
    );
    const mark = [act({ type: "set_attribute", selector: "body", name: "data-x", value: "1" })];
    const full = await reference(page, 512, mark);
    expect(full.match(/data-x="1"/g)?.length).toBe(2); // the observable difference exists
    const fast = await rewrite(page, 512, mark);
    expect(fast.match(/data-x="1"/g)?.length).toBe(1);
  });

  it("parses everything when an action may match further down", async () => {
    const page = new TextEncoder().encode(
      `<html><head></head><body><p>top</p>${"<p>filler</p>".repeat(500)}<p id="late">late</p></body></html>`,
    );
    const late = act({ type: "insert", selector: "#late", position: "append", html: "<b>!</b>" });
    const out = await rewrite(page, 512, [BANNER, late]);
    expect(out).toContain(`<p id="late">late<waymark-slot`);
    expect(out).toContain("<div id='banner'>hi</div>");
  });
});
