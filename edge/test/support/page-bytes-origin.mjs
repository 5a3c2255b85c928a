// An origin serving HTML as exact bytes, for the body-reading tests (edge/test/page-content-encoding.test.ts,
// edge/test/page-meta-charset.test.ts): content codings workerd cannot decode (deflate, zstd), and legacy-charset
// pages whose only charset declaration is a <meta> (delivered in chunks as small as asked, so the prescan must
// read across chunks). Started by global-setup.mjs; the tests in workerd reach it over loopback.
import http from "node:http";
import zlib from "node:zlib";
import { createGates, onLoopback } from "./loopback-origin.mjs";

export const UTF8_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>coded</title></head>' +
  '<body><main id="main"><h1 id="title">Compressed page</h1></main></body></html>';

/**
 * A zstd frame holding `bytes` in one raw (stored) block: valid zstd (RFC 8878) without a compressor, which Node 20
 * lacks. Single segment, 2-byte content size (256..65791 bytes).
 */
export function zstdStored(bytes) {
  if (bytes.length < 256 || bytes.length > 65_791) throw new Error("zstdStored: 256..65791 bytes");
  const size = bytes.length;
  const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x60, (size - 256) & 0xff, (size - 256) >> 8]);
  const block = 1 | (0 << 1) | (size << 3); // last block, raw, size
  return Buffer.concat([header, Buffer.from([block & 0xff, (block >> 8) & 0xff, (block >> 16) & 0xff]), bytes]);
}

/**
 * A latin1 page (café, naïve, 0xE9 0xEF bytes) declaring its charset only in the markup, as `how` says:
 * "meta" (<meta charset>), "http-equiv" (<meta http-equiv=Content-Type>), "late" (the meta after 1024 bytes of
 * comment: browsers do not see it), "utf8" (a UTF-8 page declaring utf-8 in its meta: the control), "jis" (declares
 * iso-2022-jp, an encoding that is not ASCII-compatible; the text is latin1 all the same).
 */
export function metaCharsetPage(how) {
  const declare =
    how === "http-equiv"
      ? '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
      : how === "late"
        ? `<!--${"x".repeat(1100)}--><meta charset="iso-8859-1">`
        : how === "utf8"
          ? '<meta charset="utf-8">'
          : how === "jis"
            ? '<meta charset="iso-2022-jp">'
            : "<META CHARSET='iso-8859-1'>";
  const html =
    `<!doctype html><html lang="fr"><head>${declare}<title>Caf\u00e9 na\u00efve</title></head>` +
    `<body><main id="main"><h1 id="title">Caf\u00e9</h1><p>cr\u00e8me br\u00fbl\u00e9e</p></main></body></html>`;
  return Buffer.from(html, how === "utf8" ? "utf8" : "latin1");
}

/** Creates the server; `start()` listens on 127.0.0.1 on a free port and resolves to its base URL. */
export function createPageBytesOrigin() {
  const gates = createGates();
  const server = http.createServer(async (req, res) => {
    const url = new URL(`http://origin.test${req.url.startsWith("/") ? "" : "/"}${req.url}`);
    const path = url.pathname;
    for await (const _ of req);

    // The UTF-8 page under a content coding: deflate, zstd, or two codings at once (gzip then br).
    if (path === "/coded/deflate" || path === "/coded/zstd" || path === "/coded/gzip-br") {
      const raw = Buffer.from(UTF8_PAGE + "<!--" + "padding ".repeat(40) + "-->");
      const coding = path.slice("/coded/".length);
      const body =
        coding === "deflate"
          ? zlib.deflateSync(raw)
          : coding === "zstd"
            ? zstdStored(raw)
            : zlib.brotliCompressSync(zlib.gzipSync(raw));
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-encoding": coding === "gzip-br" ? "gzip, br" : coding,
        "content-length": body.length,
      });
      return res.end(body);
    }

    if (path.startsWith("/__release/")) {
      gates.release(path.slice("/__release/".length));
      res.writeHead(204);
      return res.end();
    }

    // No charset anywhere: the top of the page at once, the rest only when the test releases the gate.
    if (path.startsWith("/stall-no-charset/")) {
      res.writeHead(200, { "content-type": "text/html" });
      res.write('<!doctype html><html><head><title>stall</title></head><body><p id="first">first</p>');
      await gates.held(path.slice("/stall-no-charset/".length));
      return res.end('<p id="after">after</p></body></html>');
    }

    if (path === "/accept-encoding") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ acceptEncoding: req.headers["accept-encoding"] ?? null }));
    }

    // /meta-charset/<how>?chunk=N&type=<content-type>: the page in N-byte chunks (0: in one piece).
    if (path.startsWith("/meta-charset/")) {
      const bytes = metaCharsetPage(path.slice("/meta-charset/".length));
      const chunk = Number(url.searchParams.get("chunk") ?? "0");
      res.writeHead(200, { "content-type": url.searchParams.get("type") ?? "text/html" });
      if (!chunk) return res.end(bytes);
      for (let i = 0; i < bytes.length; i += chunk) {
        if (res.destroyed) return;
        res.write(bytes.subarray(i, i + chunk));
        await new Promise((r) => setImmediate(r));
      }
      return res.end();
    }

    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not here");
  });
  return onLoopback(server, gates);
}
