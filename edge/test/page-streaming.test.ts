import { beforeAll, expect, it } from "vitest";
import { getPage, ORIGIN, originText } from "./support/edge.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

const BANNER = '<div id="wm-stream-banner">Hello from the edge</div>';

beforeAll(async () => {
  await publishJourneys([bannerJourney("stream-banner", BANNER)]);
});

/** Reads the stream until `text` has arrived (or the stream ends); returns everything read so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string, sofar = ""): Promise<string> {
  const dec = new TextDecoder();
  let got = sofar;
  while (!got.includes(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    got += dec.decode(value, { stream: true });
  }
  return got;
}

it("streams: the visitor gets the head and the banner before the origin has sent the rest", async () => {
  const key = `k${crypto.randomUUID()}`;
  const res = await getPage(`/stream/${key}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("x-waymark")).toBe("personalized");
  const reader = res.body!.getReader();
  // The origin is still holding back the second part: this only completes if the edge streams.
  const first = await readUntil(reader, "first part");
  expect(first).toContain(`<body><waymark-slot data-wm-journey="stream-banner"`);
  expect(first).toContain(BANNER);
  expect(first).toContain('id="__waymark"');
  expect(first).not.toContain("second part");
  await fetch(`${ORIGIN}/__release/${key}`);
  const all = await readUntil(reader, "</html>", first);
  expect(all).toContain('<p id="second">second part</p></main></body></html>');
});

it("streams a 1 MB page through intact", async () => {
  const res = await getPage("/html/big?kb=1000");
  const html = await res.text();
  expect(html).toContain(BANNER);
  // Without what the edge added, byte for byte what the origin sent.
  const stripped = html
    .replace(/<script type="application\/json" id="__waymark">.*?<\/script><script async src="[^"]+"><\/script>/s, "")
    .replace(/<waymark-slot [^>]*>.*?<\/waymark-slot>/s, "");
  expect(stripped).toBe(await originText("/html/big?kb=1000"));
  expect(stripped.length).toBeGreaterThan(900_000);
});
