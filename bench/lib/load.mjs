// One load row with autocannon: fixed connections and duration (or a fixed number of requests). Every response
// is tallied by its X-Waymark outcome and by whether the bench banner is in it, so a "personalized" row that
// quietly timed out into pass-through under load shows up as such.
import autocannon from "autocannon";
import { BANNER_CLASS } from "./banner.mjs";

/**
 * @param {{ url: string | string[], connections?: number, duration?: number, amount?: number,
 *           headers?: Record<string,string>, cookies?: string[] | Record<string, string[]> }} o
 *   url: several URLs split the connections between them (autocannon assigns connection i to url i % n).
 *   cookies: rotate through these Cookie headers, one per request (distinct visitors); keyed by port when each
 *   URL has its own visitors.
 */
export async function runLoad(o) {
  const next = {};
  const outcomes = {};
  let withBanner = 0;
  const request = {
    onResponse: (status, body, _ctx, headers) => {
      const outcome = headers["x-waymark"] ?? headers["X-Waymark"] ?? "none";
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (body.includes(BANNER_CLASS)) withBanner++;
    },
  };
  if (o.cookies)
    request.setupRequest = (req) => {
      const key = Array.isArray(o.cookies) ? "all" : String(req.port);
      const list = Array.isArray(o.cookies) ? o.cookies : o.cookies[key];
      const i = (next[key] = (next[key] ?? -1) + 1);
      return { ...req, headers: { ...req.headers, cookie: list[i % list.length] } };
    };
  const started = performance.now();
  const result = await autocannon({
    url: o.url,
    connections: o.connections ?? 10,
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 8 }),
    headers: { accept: "text/html", ...(o.headers ?? {}) },
    requests: [request],
    timeout: 30,
  });
  const seconds = (performance.now() - started) / 1000;
  const total = result.requests.total;
  return {
    requests: total,
    seconds,
    rps: total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    bytesPerRequest: total ? result.throughput.total / total : 0,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    outcomes,
    withBanner,
  };
}
