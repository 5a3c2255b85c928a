// Event ingestion: POST /__waymark/events with batches as the beacon sends them ({"events":[...]}, each event with
// an idempotency id), 10 requests in flight, into one visitor or rotating across many; then the stored totals
// (GET /__waymark/me eventCount, after minus before) are compared with what the edge said it accepted.
// Visitors first load a page (warmUrl), as a browser running the beacon would have: their object exists.
// A 429 is the per-visitor flood limit (the beacon retries after Retry-After): refused, not lost. With
// stopAtLimit, sending stops at the first 429 and the rate is taken over the accepted burst only.
import http from "node:http";
import { timedRequest } from "./timed-request.mjs";

const TYPES = ["view_item", "scroll_depth", "click", "view_item", "hover_product", "hesitation"];

function batch(visitor, seq, size) {
  const events = [];
  for (let i = 0; i < size; i++) {
    const n = seq * size + i;
    events.push({
      type: TYPES[n % TYPES.length],
      data: { item: `sku-${n % 97}`, depth: n % 100 },
      at: Date.now(),
      id: `${visitor.slice(-10)}-${n}`,
    });
  }
  return JSON.stringify({ events });
}

/**
 * @param {{ baseUrl: string, visitors: string[], seconds: number, batchSize?: number, concurrency?: number,
 *           stopAtLimit?: boolean, warmUrl?: string, adminToken?: string }} o
 *   adminToken: send through the server-side route POST /__waymark/api/visitors/:id/events instead (6,000/min).
 */
export async function ingest(o) {
  const size = o.batchSize ?? 5;
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency ?? 10 });
  const before = await eventCounts(o.baseUrl, o.visitors, agent, o.warmUrl);
  const seqByVisitor = new Map(o.visitors.map((v) => [v, 0]));
  const touched = new Set();
  let sent = 0;
  let accepted = 0;
  let refusedByLimit = 0;
  let failed = 0;
  let networkRetries = 0;
  let next = 0;
  let limitHit = false;
  let lastAcceptedAt = 0;
  const statuses = {};
  const deadline = performance.now() + o.seconds * 1000;
  const started = performance.now();
  async function loop() {
    while (performance.now() < deadline && !(o.stopAtLimit && limitHit)) {
      const visitor = o.visitors[next++ % o.visitors.length];
      const seq = seqByVisitor.get(visitor);
      seqByVisitor.set(visitor, seq + 1);
      touched.add(visitor);
      const body = batch(visitor, seq, size);
      const send = () =>
        timedRequest(
          o.adminToken ? `${o.baseUrl}/__waymark/api/visitors/${visitor}/events` : `${o.baseUrl}/__waymark/events`,
          {
            method: "POST",
            agent,
            keepBody: true,
            body,
            headers: o.adminToken
              ? { "content-type": "application/json", authorization: `Bearer ${o.adminToken}` }
              : { "content-type": "application/json", cookie: `wm_vid=${visitor}` },
          },
        );
      // A reset keep-alive connection is retried with the same event ids, as the beacon does (ids make it safe).
      const r = await send().catch(() => (networkRetries++, send()));
      sent += size;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 429) {
        limitHit = true;
        refusedByLimit += size;
        continue;
      }
      let n = NaN;
      try {
        n = r.status === 200 ? Number(JSON.parse(r.body).accepted) : NaN;
      } catch {
        // counted as failed below
      }
      if (Number.isFinite(n)) {
        accepted += n;
        lastAcceptedAt = performance.now();
      } else failed += size;
    }
  }
  await Promise.all(Array.from({ length: o.concurrency ?? 10 }, loop));
  const seconds = ((o.stopAtLimit && limitHit ? lastAcceptedAt : performance.now()) - started) / 1000;

  const after = await eventCounts(o.baseUrl, [...touched], agent);
  let stored = 0;
  let unreadable = 0;
  for (const v of touched) {
    const n = after.get(v) - before.get(v);
    if (Number.isFinite(n)) stored += n;
    else unreadable++;
  }
  agent.destroy();
  return {
    route: o.adminToken ? "server-side" : "beacon",
    visitors: touched.size,
    batchSize: size,
    seconds,
    sent,
    accepted,
    refusedByLimit,
    failed,
    networkRetries,
    stored,
    unreadable,
    statuses,
    eventsPerSecond: accepted / seconds,
    lost: accepted - stored,
  };
}

/** eventCount of each visitor (NaN when unreadable), after loading warmUrl as that visitor if given; 10 in flight. */
async function eventCounts(baseUrl, visitors, agent, warmUrl) {
  const counts = new Map();
  const queue = [...visitors];
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let v = queue.pop(); v; v = queue.pop()) {
        const cookie = `wm_vid=${v}`;
        if (warmUrl) await timedRequest(warmUrl, { agent, headers: { cookie, accept: "text/html" } });
        const r = await timedRequest(`${baseUrl}/__waymark/me`, { agent, keepBody: true, headers: { cookie } });
        let count = NaN;
        try {
          count = r.status === 200 ? Number(JSON.parse(r.body).eventCount) : NaN;
        } catch {
          // unreadable
        }
        counts.set(v, count);
      }
    }),
  );
  return counts;
}
