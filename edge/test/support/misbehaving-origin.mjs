// An origin that misbehaves on purpose, for the reliability tests (edge/test/reliability-*.test.ts): slow first
// byte, stalls and resets mid-body, 5xx, 10 MB+ pages, gzip/brotli, tiny chunks, legacy charsets, the real-page
// corpus (../shared/fixtures/real-pages from the repository root, when it is there) and redirects with any
// Location. Node code, started by misbehaving-origin-setup.mjs; the tests in workerd reach it over loopback.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { createGates, onLoopback } from "./loopback-origin.mjs";

/** The repository root (this file is edge/test/support/misbehaving-origin.mjs). */
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The real-page corpus: `../shared/fixtures/real-pages` next to the repository (CI has it; a plain clone does not,
 * and then the tests that need it are skipped with a notice).
 */
export const REAL_PAGES_DIR = join(REPO_ROOT, "../shared/fixtures/real-pages");

/** The names of the corpus pages (*.html, sorted), or null when the corpus is absent. */
export function realPageNames() {
  if (!existsSync(REAL_PAGES_DIR)) return null;
  return readdirSync(REAL_PAGES_DIR)
    .filter((f) => f.endsWith(".html"))
    .sort();
}

const BASIC =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>misbehaving</title></head>' +
  '<body><main id="main"><h1 id="title">Still here</h1></main></body></html>';

/** The deterministic body of /huge: `mb` MiB of HTML, the same for every request. */
export function hugeParts(mb) {
  const head = '<!doctype html><html><head><meta charset="utf-8"><title>huge</title></head><body><main id="main">';
  const tail = "</main></body></html>";
  const row = (i) =>
    `<p class="row" data-i="${String(i).padStart(8, "0")}">${"waymark streams big pages ".repeat(38)}</p>\n`;
  const rowBytes = Buffer.byteLength(row(0));
  const rows = Math.ceil((mb * 1024 * 1024) / rowBytes);
  return { head, tail, row, rows };
}

const hugeMeta = new Map(); // mb -> { length, sha256 }
function hugeDigest(mb) {
  let meta = hugeMeta.get(mb);
  if (!meta) {
    const { head, tail, row, rows } = hugeParts(mb);
    const h = createHash("sha256");
    let length = 0;
    const add = (s) => {
      const b = Buffer.from(s);
      length += b.length;
      h.update(b);
    };
    add(head);
    for (let i = 0; i < rows; i++) add(row(i));
    add(tail);
    meta = { length, sha256: h.digest("hex") };
    hugeMeta.set(mb, meta);
  }
  return meta;
}

const tick = () => new Promise((r) => setImmediate(r));
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** Writes respecting backpressure; false when the client went away. */
async function write(res, chunk) {
  if (res.destroyed) return false;
  if (!res.write(chunk))
    await new Promise((resolve) => {
      const done = () => {
        res.off("drain", done).off("close", done);
        resolve();
      };
      res.on("drain", done).on("close", done);
    });
  return !res.destroyed;
}

/** Creates the server; `start()` listens on 127.0.0.1 on a free port and resolves to its base URL. */
export function createMisbehavingOrigin() {
  const gates = createGates();
  const pages = new Map((realPageNames() ?? []).map((f) => [f, null]));
  const page = (name) => {
    if (!pages.has(name)) return null;
    let bytes = pages.get(name);
    if (!bytes) pages.set(name, (bytes = readFileSync(join(REAL_PAGES_DIR, name))));
    return bytes;
  };

  const server = http.createServer(async (req, res) => {
    // Not new URL(req.url, base): a path like "//x" would be read as a host.
    const url = new URL(`http://origin.test${req.url.startsWith("/") ? "" : "/"}${req.url}`);
    const path = url.pathname;
    const q = (name, dflt) => url.searchParams.get(name) ?? dflt;
    for await (const _ of req); // drain any request body

    if (path.startsWith("/__release/")) {
      gates.release(path.slice("/__release/".length));
      res.writeHead(204);
      return res.end();
    }

    // The real-page corpus (404 for every page when it is absent), with the Content-Type its <meta> declares (or
    // as asked), encoded and chunked as asked.
    if (path.startsWith("/fixture/")) {
      const name = decodeURIComponent(path.slice("/fixture/".length));
      const bytes = page(name);
      if (!bytes) return res.writeHead(404).end();
      const charset = q("charset", name.startsWith("10-") ? "iso-8859-1" : "utf-8");
      const headers = { "content-type": charset === "none" ? "text/html" : `text/html; charset=${charset}` };
      const enc = q("enc", "identity");
      let body = bytes;
      if (enc === "gzip") body = zlib.gzipSync(bytes);
      if (enc === "br") body = zlib.brotliCompressSync(bytes);
      if (enc !== "identity") headers["content-encoding"] = enc;
      const chunk = Number(q("chunk", "0"));
      if (!chunk) {
        headers["content-length"] = body.length;
        res.writeHead(200, headers);
        return res.end(body);
      }
      res.writeHead(200, headers); // no length: chunked transfer encoding
      for (let i = 0; i < body.length; i += chunk) {
        if (!(await write(res, body.subarray(i, i + chunk)))) return;
        await tick();
      }
      return res.end();
    }

    if (path === "/slow-first-byte") {
      await wait(Number(q("ms", "300")));
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(BASIC);
    }

    // The head and the top of the body at once; the rest only after the test releases the gate (or never).
    if (path.startsWith("/stall/")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.write(
        '<!doctype html><html><head><meta charset="utf-8"><title>stall</title></head><body><p id="first">first</p>',
      );
      await gates.held(path.slice("/stall/".length));
      return res.end('<p id="after">after the stall</p></body></html>');
    }

    // Sends `bytes` of a page, then kills the connection (no terminating chunk).
    if (path === "/reset-after") {
      const n = Number(q("bytes", "2000"));
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      const start =
        '<!doctype html><html><head><meta charset="utf-8"><title>reset</title></head><body><p id="first">first</p>';
      const body = start + "<p>filler</p>".repeat(Math.ceil(n / 13));
      res.write(body.slice(0, Math.max(n, start.length)));
      await wait(Number(q("ms", "20")));
      return req.socket.destroy();
    }

    // Promises more bytes than it sends, then closes.
    if (path === "/short-body") {
      const body = Buffer.from(BASIC.slice(0, 60));
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": 10_000 });
      res.write(body);
      await wait(10);
      return req.socket.destroy();
    }

    // `mb` MiB, streamed with backpressure; ?hold=key pauses after the first ~256 KB until released.
    if (path === "/huge") {
      const mb = Number(q("mb", "12"));
      const { head, tail, row, rows } = hugeParts(mb);
      const meta = hugeDigest(mb);
      const hold = q("hold", null);
      const enc = q("enc", "identity");
      const headers = {
        "content-type": "text/html; charset=utf-8",
        "x-body-sha256": meta.sha256,
        "x-body-length": String(meta.length),
      };
      let sink = res;
      if (enc === "gzip") {
        headers["content-encoding"] = "gzip";
        sink = zlib.createGzip();
        sink.pipe(res);
      }
      res.writeHead(200, headers);
      let buf = head;
      let sent = 0;
      let waited = false;
      for (let i = 0; i < rows; i++) {
        buf += row(i);
        if (buf.length >= 64 * 1024) {
          if (!(await write(sink, buf))) return;
          sent += buf.length;
          buf = "";
          if (hold && !waited && sent >= 256 * 1024) {
            waited = true;
            if (enc === "gzip") sink.flush();
            await gates.held(hold);
          }
        }
      }
      await write(sink, buf + tail);
      return sink.end();
    }

    if (path.startsWith("/status/")) {
      const code = Number(path.slice("/status/".length));
      const body = `<!doctype html><html><head><title>${code}</title></head><body><h1 id="err">origin ${code}</h1></body></html>`;
      res.writeHead(code, {
        "content-type": "text/html; charset=utf-8",
        "retry-after": "7",
        "x-origin-status": String(code),
        "set-cookie": "origin_session=abc; Path=/; HttpOnly",
      });
      return res.end(body);
    }

    if (path === "/redirect") {
      res.writeHead(Number(q("status", "302")), { location: q("to", "/"), "x-origin": "redirect" });
      return res.end();
    }

    // A page with an optional CSP header and an optional <script nonce> of its own.
    if (path === "/csp") {
      const csp = q("csp", "");
      const nonce = q("pageNonce", "");
      const headers = { "content-type": "text/html; charset=utf-8" };
      if (csp) headers["content-security-policy"] = csp;
      const esc = (v) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
      const script = nonce ? `<script nonce="${esc(nonce)}">window.x=1</script>` : "";
      res.writeHead(200, headers);
      return res.end(BASIC.replace("</head>", `${script}</head>`));
    }

    if (path === "/no-content-type") {
      res.writeHead(200);
      return res.end(BASIC);
    }

    if (path === "/basic") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(BASIC);
    }

    if (path === "/asset.js") {
      res.writeHead(200, { "content-type": "application/javascript", "cache-control": "public, max-age=60" });
      return res.end("console.log('asset')");
    }

    if (path === "/echo-headers") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ url: req.url, headers: req.headers }));
    }

    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    return res.end("<!doctype html><title>404</title><h1>not here</h1>");
  });
  return onLoopback(server, gates);
}
