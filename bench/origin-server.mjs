// The bench's origin: a plain node HTTP server on 127.0.0.1 (run as its own process so its CPU does not share
// the load generator's event loop). Prints {"port":N} on stdout once listening.
//   /shop/50k, /shop/1m   listing pages of ~50 KB and ~1 MB (content-length)
//   /shop/split           the 1 MB page in two parts 300 ms apart (chunked), to test streaming
//   /assets/app.css       a non-HTML asset (must never reach a Durable Object)
//   /api/features/<key>   GrowthBook SDK payload for the peer row
import { createServer } from "node:http";
import { buildPages } from "./lib/build-pages.mjs";
import { growthbookPayload } from "./growthbook/payload.mjs";

const SPLIT_DELAY_MS = 300;
const pages = buildPages();
const css = Buffer.from("body{font-family:system-ui}\n.card{border-radius:4px}\n".repeat(200));
const payload = Buffer.from(JSON.stringify(growthbookPayload));
const HTML = "text/html; charset=utf-8";

const server = createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/shop/split") {
    const page = pages[path];
    const half = Math.floor(page.length / 2);
    res.writeHead(200, { "content-type": HTML });
    res.write(page.subarray(0, half));
    const timer = setTimeout(() => res.end(page.subarray(half)), SPLIT_DELAY_MS);
    res.on("close", () => clearTimeout(timer));
    return;
  }
  const page = pages[path];
  if (page) return send(res, 200, HTML, page);
  if (path === "/assets/app.css") return send(res, 200, "text/css; charset=utf-8", css);
  if (path.startsWith("/api/features/")) return send(res, 200, "application/json", payload);
  send(res, 404, "text/plain", Buffer.from("not found"));
});

function send(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "content-length": body.length });
  res.end(body);
}

server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + "\n");
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
