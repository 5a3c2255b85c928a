// A real HTTP origin for the edge tests: pages, encodings, redirects, errors, a body that waits for the test
// (streaming), an echo, and a webhook receiver. Started by global-setup.mjs in Node; the tests run in workerd and
// reach it over loopback. Kept in plain JS: it is Node code, outside the Worker's type world.
import http from "node:http";
import zlib from "node:zlib";
import { createGates, onLoopback } from "./loopback-origin.mjs";

const page = (body, head = "<title>Origin page</title>") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

const BASIC = page(
  '<header id="top"><h1 id="title">Hello</h1></header><main id="main"><p class="lead">Welcome</p></main>',
);

// Every element whose content is raw text, RCDATA, inert or endless (rewrite-raw-text.test.ts); one in capitals.
const RAW_TEXT =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title id="ti">Shop</title>' +
  '<style id="st">p{color:red}</style><script id="sc">var shop = 1;</script></head><body><main id="main">' +
  '<h1 id="ok">Hello</h1><TEXTAREA id="ta">note</TEXTAREA><xmp id="xm">x</xmp><iframe id="fr" src="/f"></iframe>' +
  '<noembed id="ne">e</noembed><noframes id="nf">f</noframes><noscript id="ns"><p>no js</p></noscript>' +
  '<template id="tp"><p>t</p></template><p id="last">last</p></main><plaintext id="pt">the rest';

/** Creates the server; `start()` listens on 127.0.0.1 on a free port and resolves to its base URL. */
export function createOriginServer() {
  const gates = createGates();
  const hooks = new Map(); // key -> [{ headers, body, status }]
  const hits = new Map(); // path -> count

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://origin.test");
    const path = url.pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString("utf8");
    const html = (status, text, headers = {}) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8", ...headers });
      res.end(text);
    };

    if (path === "/html/basic") return html(200, BASIC, { etag: '"v1"', "content-length": Buffer.byteLength(BASIC) });
    if (path === "/html/no-charset") return html(200, BASIC, { "content-type": "text/html" });
    if (path === "/html/raw-text") return html(200, RAW_TEXT);
    if (path === "/html/csp") {
      return html(
        200,
        page("<main id='main'>csp</main>", `<title>csp</title><script nonce="pagenonce123">1</script>`),
        {
          "content-security-policy": "default-src 'self'; script-src 'self' 'nonce-headernonce456'",
        },
      );
    }
    if (path === "/html/script-nonce")
      return html(200, page("<main id='main'>n</main>", `<title>n</title><script nonce="pagenonce123">1</script>`));
    if (path === "/html/gzip" || path === "/html/br") {
      const raw = Buffer.from(BASIC);
      const enc = path.endsWith("gzip") ? zlib.gzipSync(raw) : zlib.brotliCompressSync(raw);
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-encoding": path.endsWith("gzip") ? "gzip" : "br",
        "content-length": enc.length,
        vary: "Accept-Encoding",
      });
      return res.end(enc);
    }
    if (path === "/html/latin1") {
      res.writeHead(200, { "content-type": "text/html; charset=iso-8859-1" });
      return res.end(Buffer.from(page("<main id='main'>caf\u00e9</main>"), "latin1"));
    }
    if (path === "/html/fragment") return html(200, "<p id='frag'>just a fragment</p>");
    if (path === "/html/no-head")
      return html(200, "<!doctype html><html><body><main id='main'>no head</main></body></html>");
    if (path === "/html/malformed")
      return html(
        200,
        "<!doctype html><html><head><title>x</head><body><div><p>unclosed <b>bold<main id='main'>m</div>",
      );
    if (path === "/html/big") {
      const kb = Number(url.searchParams.get("kb") ?? "1000");
      const row = "<p class='filler'>" + "lorem ipsum dolor sit amet ".repeat(36) + "</p>\n"; // ~1 KB
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.write(`<!doctype html><html><head><meta charset="utf-8"><title>big</title></head><body><main id="main">`);
      for (let i = 0; i < kb; i++) res.write(row);
      return res.end("</main></body></html>");
    }
    if (path === "/html/no-transform") return html(200, BASIC, { "cache-control": "public, max-age=60, no-transform" });
    if (path.startsWith("/status/")) {
      const code = Number(path.slice("/status/".length));
      return html(code, page(`<h1 id="err">Origin says ${code}</h1>`), { "x-origin": "yes" });
    }
    if (path === "/redirect/abs") {
      res.writeHead(302, { location: `http://${req.headers.host}/html/basic?from=abs` });
      return res.end();
    }
    if (path === "/redirect/rel") {
      res.writeHead(301, { location: "/html/basic?from=rel" });
      return res.end();
    }
    if (path === "/redirect/other") {
      res.writeHead(302, { location: "https://other.example/elsewhere" });
      return res.end();
    }
    if (path === "/echo" || path.startsWith("/echo/")) {
      res.writeHead(200, { "content-type": "application/json", "x-echo": "1" });
      return res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
    }
    if (path === "/asset.css") {
      res.writeHead(200, { "content-type": "text/css", etag: '"css1"' });
      return res.end("body{color:red}");
    }
    if (path === "/data.json") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end('{"ok":true}');
    }
    if (path === "/html-as-json") {
      // An HTML body the origin labels as JSON: never rewritten.
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(BASIC);
    }
    if (path.startsWith("/stream/")) {
      // The head and the top of the body at once; the rest only after the test calls /__release/<key>.
      const key = path.slice("/stream/".length);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.write(
        `<!doctype html><html><head><meta charset="utf-8"><title>stream</title></head><body><main id="main"><p>first part</p>`,
      );
      await gates.held(key);
      return res.end(`<p id="second">second part</p></main></body></html>`);
    }
    if (path.startsWith("/__release/")) {
      gates.release(path.slice("/__release/".length));
      res.writeHead(204);
      return res.end();
    }
    if (path === "/reset") {
      req.socket.destroy();
      return;
    }
    if (path === "/reset-mid-body") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.write("<!doctype html><html><head><title>r</title></head><body><main id='main'>start");
      setTimeout(() => req.socket.destroy(), 20);
      return;
    }
    if (path.startsWith("/hook/")) {
      const key = path.slice("/hook/".length);
      const list = hooks.get(key) ?? [];
      // hold=<gate>: the answer waits until the test calls /__release/<gate> (a delivery kept in flight).
      const hold = url.searchParams.get("hold");
      if (hold) await gates.held(hold);
      const failFirst = Number(url.searchParams.get("fail") ?? "0");
      const status = list.length < failFirst ? 500 : 200;
      list.push({ headers: req.headers, body, status });
      hooks.set(key, list);
      res.writeHead(status, { "content-type": "text/plain" });
      return res.end(status === 200 ? "ok" : "fail");
    }
    if (path.startsWith("/__hooks/")) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(hooks.get(path.slice("/__hooks/".length)) ?? []));
    }
    if (path.startsWith("/__hits")) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(Object.fromEntries(hits)));
    }
    return html(404, page("<h1>not found</h1>"));
  });
  return onLoopback(server, gates);
}
