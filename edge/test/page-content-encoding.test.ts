// Issue 12 item 10: workerd decodes only gzip and br. A page under any other content coding (deflate, zstd, or
// several codings) cannot be read, so it must pass through byte for byte (labelled), never with tags appended to the
// compressed stream. And the origin is asked only for codings Waymark can read.
import { beforeAll, expect, inject, it } from "vitest";
import { freshVisitorId, getPage, manifestOf } from "./support/edge.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pageBytesOriginUrl: string;
  }
}

const BYTES_ORIGIN = inject("pageBytesOriginUrl");
const BANNER = '<div id="wm-coding-banner">hello</div>';

beforeAll(async () => {
  await publishJourneys([bannerJourney("coding-banner", BANNER)]);
});

const page = (path: string, headers: Record<string, string> = {}) =>
  getPage(path, { cookie: `wm_vid=${freshVisitorId()}`, headers, env: { ORIGIN_URL: BYTES_ORIGIN } });

/** The bytes the origin sends, as sent (workerd's fetch leaves codings other than gzip and br encoded). */
async function originRaw(path: string): Promise<Uint8Array> {
  const res = await fetch(BYTES_ORIGIN + path);
  return new Uint8Array(await res.arrayBuffer());
}

it.each(["deflate", "zstd", "gzip-br"])("passes a %s-coded page through byte for byte, labelled", async (coding) => {
  const res = await page(`/coded/${coding}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("x-waymark")).toBe("unsupported");
  expect(res.headers.get("server-timing")).toMatch(/^waymark;desc="unsupported: content-encoding [a-z, ]+"$/);
  expect(res.headers.get("content-encoding")).toBe(coding === "gzip-br" ? "gzip, br" : coding);
  expect(new Uint8Array(await res.arrayBuffer())).toEqual(await originRaw(`/coded/${coding}`));
});

it("still personalizes a page with no content coding from the same origin (the control)", async () => {
  const res = await getPage("/meta-charset/utf8", {
    cookie: `wm_vid=${freshVisitorId()}`,
    env: { ORIGIN_URL: BYTES_ORIGIN },
  });
  expect(res.headers.get("x-waymark")).toBe("personalized");
  const html = await res.text();
  expect(html).toContain(BANNER);
  expect(manifestOf(html)).not.toBeNull();
});

it("asks the origin only for codings it can read (gzip, br), keeping the client's preferences", async () => {
  const asked = async (acceptEncoding: string | null) => {
    const res = await page("/accept-encoding", acceptEncoding === null ? {} : { "accept-encoding": acceptEncoding });
    return ((await res.json()) as { acceptEncoding: string | null }).acceptEncoding;
  };
  expect(await asked("zstd, gzip, deflate, br")).toBe("gzip, br");
  expect(await asked("br;q=1.0, zstd;q=0.9, gzip;q=0.5, *;q=0.1")).toBe("br;q=1.0, gzip;q=0.5");
  expect(await asked("zstd")).toBe("identity");
  expect(await asked("deflate, identity")).toBe("identity");
});
