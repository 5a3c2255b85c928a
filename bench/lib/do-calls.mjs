// Counts Worker -> Durable Object calls per request on the "waymark-count" worker (the bundle wrapped by
// counting-wrapper.mjs): HTML pages as a returning visitor and as new visitors, and a non-HTML asset.
import { timedRequest } from "./timed-request.mjs";

export async function countDoCalls(baseUrl, { returningCookie, requests = 20 }) {
  await timedRequest(`${baseUrl}/__bench/do-calls`); // clear what seeding logged
  const kinds = [
    { kind: "html-returning", path: "/shop/50k", headers: { cookie: returningCookie } },
    { kind: "html-new", path: "/shop/50k", headers: {} },
    { kind: "asset", path: "/assets/app.css", headers: { cookie: returningCookie } },
  ];
  const byPath = {};
  for (const k of kinds) {
    for (let i = 0; i < requests; i++) {
      const r = await timedRequest(baseUrl + k.path, {
        headers: { accept: k.kind === "asset" ? "text/css" : "text/html", ...k.headers },
      });
      if (r.status !== 200) throw new Error(`bench: ${k.path} -> ${r.status}`);
    }
    // Let deferred work (ctx.waitUntil) land before reading the log.
    await new Promise((r) => setTimeout(r, 200));
    const log = JSON.parse((await timedRequest(`${baseUrl}/__bench/do-calls`, { keepBody: true })).body);
    const pages = log.filter((rec) => rec.path === k.path);
    const visitor = pages.map((rec) => rec.VISITOR ?? 0);
    const any = pages.map((rec) => (rec.VISITOR ?? 0) + (rec.RULES ?? 0) + (rec.STATS ?? 0));
    byPath[k.kind] = {
      requests: pages.length,
      maxVisitorCalls: Math.max(0, ...visitor),
      totalVisitorCalls: visitor.reduce((a, b) => a + b, 0),
      totalDoCalls: any.reduce((a, b) => a + b, 0),
      calls: [...new Set(pages.flatMap((rec) => rec.calls))],
    };
  }
  return byPath;
}
