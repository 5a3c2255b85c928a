#!/usr/bin/env node
// `npm run bench:scaling`: the capacity model of docs/scaling.md, printed for 1M and 100M page views a day, and a
// simulation that checks the model's one non-obvious formula (how often isolates re-check the live ruleset).
//
// Everything here is arithmetic on stated assumptions (ASSUME below, each explained in docs/scaling.md); nothing is
// measured on Cloudflare. The simulation is seeded, so every run prints the same figures. `--json` prints the rows as
// JSON instead (docs/scaling.md's tables are made from it).
//
// The re-check formula: an isolate keeps the live ruleset and asks the rules object again on the first request
// after `ttl` seconds (stale-while-revalidate). With Poisson requests at rate r, the time between two checks is
// ttl plus the wait for the next request (exponential, mean 1/r), so the isolate checks r / (1 + r * ttl) times a
// second: r when quiet, 1/ttl when busy. Summed over every isolate, that is the rules object's load.

const ASSUME = {
  /** Peak-hour rate over the daily average (retail traffic: evenings, campaigns). */
  peakFactor: 3,
  /** Page views per visitor per day (a session and a bit). */
  pagesPerVisitor: 4,
  /** Beacon POSTs per page view (batched events; most pages send one, bounces none). */
  eventPostsPerPage: 0.6,
  /** Share of page views whose visitor object has facts to flush to the stats shards (exposures, enrolments). */
  flushShare: 0.8,
  /** Export records per page view (events, exposures, stage changes) when the warehouse export is on. */
  exportRecordsPerPage: 3,
  /** Records per queue message: the export sends one message per row (edge/src/export/send-records.ts). */
  recordsPerMessage: 1,
  /** Cloudflare data centres serving the site, and machines (each its own isolate of the Worker) per busy one. */
  dataCentres: 300,
  machinesPerDc: 40,
  /** Requests per second one isolate takes before the centre spreads the Worker over another machine. */
  requestsPerIsolate: 1,
  /** How traffic spreads over data centres: Zipf exponent (1 = the biggest gets ~16% with 300 centres). */
  zipf: 1,
  /**
   * Live-ruleset re-check interval per isolate (edge/src/rules/published-ruleset.ts LIVE_TTL_MS), seconds, and how
   * much earlier it may fall at random (LIVE_TTL_JITTER_MS): an isolate re-checks 3-4 s after its last check.
   */
  ttl: 4,
  ttlJitter: 1,
  /** Stats shards per journey (edge/src/stats/stats-shards.ts STATS_SHARDS). */
  statsShards: 4,
  /** Visitor objects awake at once: visitors active in the last minute, and how long an idle object stays. */
  objectIdleSeconds: 70,
  /** Stored bytes per visitor object (state row + bounded events log + tables), and its JS heap while awake. */
  storedBytesPerVisitor: 24_000,
  heapBytesPerObject: 60_000,
  /** Share of a day's visitors left with a pending timer ("after" transitions: idle cart, follow-ups): one alarm each. */
  alarmShare: 0.2,
  /**
   * Share of the pages that flush facts which come less than 5 s after an earlier one of the same visitor: they
   * share its alarm (edge/src/visitor/object/outbox.ts STATS_BATCH_DELAY_MS); every other one costs an alarm.
   */
  batchedShare: 0.15,
  /** Visitors kept for RETENTION_DAYS (default 30), of whom this share are distinct over the month. */
  retentionDays: 30,
  monthlyDistinctShare: 0.5,
};

/** Cloudflare's published limits used by the model (docs/scaling.md links each). */
const LIMITS = {
  durableObjectSoftRps: 1_000,
  queueMessagesPerSecond: 5_000,
  isolateMemoryBytes: 128 * 1024 * 1024,
  storagePerObjectBytes: 10 * 1024 ** 3,
};

/** Zipf shares over n centres. */
function zipfShares(n, s) {
  const w = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

/** Re-checks per second of one isolate with Poisson requests at `rate`: rate / (1 + rate * ttl). */
const checksPerSecond = (rate, ttl) => rate / (1 + rate * ttl);

/**
 * Load of the rules object: every isolate of every centre re-checking on its own, or once per centre (the shared
 * answer in the centre's Cache API, edge/src/rules/colo-live-check.ts: the first isolate due asks, after 3 s at the
 * earliest, and the others of the centre take its answer for COLO_FRESH_MS).
 */
function rulesLoad(pageRps, a) {
  let perIsolate = 0;
  let perCentre = 0;
  for (const share of zipfShares(a.dataCentres, a.zipf)) {
    const dcRate = pageRps * share;
    // Machines in a centre share its traffic; a quiet centre keeps fewer machines busy with this Worker.
    const machines = Math.max(1, Math.min(a.machinesPerDc, Math.ceil(dcRate / a.requestsPerIsolate)));
    perIsolate += machines * checksPerSecond(dcRate / machines, a.ttl - a.ttlJitter / 2);
    perCentre += checksPerSecond(dcRate, a.ttl - a.ttlJitter);
  }
  // Worst case: every machine of every centre holds a busy isolate of the Worker.
  const everyIsolate = (a.dataCentres * a.machinesPerDc) / (a.ttl - a.ttlJitter / 2);
  return { perIsolate, perCentre, everyIsolate };
}

export function capacity(pageViewsPerDay, a = ASSUME) {
  const avgRps = pageViewsPerDay / 86_400;
  const pageRps = avgRps * a.peakFactor;
  const visitorsPerDay = pageViewsPerDay / a.pagesPerVisitor;
  const visitorObjectRps = pageRps * (1 + a.eventPostsPerPage);
  const rules = rulesLoad(pageRps, a);
  // A site-wide journey gets a flush from (nearly) every visitor object; its shards share them.
  const statsShardRps = (pageRps * a.flushShare) / a.statsShards;
  const shardsNeeded = Math.ceil((pageRps * a.flushShare) / (LIMITS.durableObjectSoftRps / 4));
  const exportMessagesRps = (pageRps * a.exportRecordsPerPage) / a.recordsPerMessage;
  const liveObjects = (pageRps / a.pagesPerVisitor) * a.objectIdleSeconds;
  const storedVisitors = visitorsPerDay * a.retentionDays * a.monthlyDistinctShare;
  return {
    pageViewsPerDay,
    peakPageRps: pageRps,
    visitorObjectRps,
    perVisitorObjectRps: 1 / 60, // a visitor's own object: a page every ~15 s at most while browsing
    rulesObjectRps: rules.perIsolate,
    rulesObjectRpsWithCentreCache: rules.perCentre,
    rulesObjectRpsWorstCase: rules.everyIsolate,
    statsShardRps,
    statsShardsNeeded: Math.max(a.statsShards, shardsNeeded),
    exportMessagesRps,
    exportQueuesNeeded: Math.ceil(exportMessagesRps / (LIMITS.queueMessagesPerSecond * 0.5)),
    alarmsRps: (visitorsPerDay * a.alarmShare) / 86_400,
    // One per page with facts, but pages within 5 s of an earlier one of the same visitor share its alarm.
    statsAlarmsRps: (pageViewsPerDay / 86_400) * a.flushShare * (1 - a.batchedShare),
    liveVisitorObjects: liveObjects,
    liveObjectHeapBytes: liveObjects * a.heapBytesPerObject,
    storedVisitorObjects: storedVisitors,
    storedBytes: storedVisitors * a.storedBytesPerVisitor,
  };
}

/** Seeded uniform random (mulberry32). */
function rng(seed) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Simulates isolates with Poisson requests and the live cache's rule (re-check on the first request at least `ttl`
 * after the last check) and counts checks per second, to compare with checksPerSecond.
 */
function simulateChecks(rate, ttl, seconds, random) {
  let t = 0;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checks = 0;
  for (;;) {
    t += -Math.log(1 - random()) / rate;
    if (t > seconds) return checks / seconds;
    if (t - checkedAt >= ttl) {
      checks++;
      checkedAt = t;
    }
  }
}

const fmt = (n) =>
  n >= 100 ? Math.round(n).toLocaleString("en-US") : n >= 1 ? n.toFixed(1) : n.toPrecision(2).replace(/0+$/, "");
const bytes = (n) =>
  n >= 1024 ** 4
    ? `${(n / 1024 ** 4).toFixed(1)} TB`
    : n >= 1024 ** 3
      ? `${(n / 1024 ** 3).toFixed(1)} GB`
      : `${(n / 1024 ** 2).toFixed(0)} MB`;

function main() {
  const rows = [1e6, 1e8].map((p) => capacity(p));
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ assume: ASSUME, limits: LIMITS, rows }, null, 2));
    return;
  }
  for (const r of rows) {
    const tag = `${r.pageViewsPerDay / 1e6}M page views/day`;
    console.log(`${tag}: peak pages/s ${fmt(r.peakPageRps)}`);
    console.log(`  visitor objects, all together: ${fmt(r.visitorObjectRps)} req/s (each one: < 1 req/s)`);
    console.log(
      `  rules object: ${fmt(r.rulesObjectRps)} req/s re-checking per isolate (${fmt(r.rulesObjectRpsWorstCase)} if every machine of every centre re-checks); ${fmt(r.rulesObjectRpsWithCentreCache)} req/s with the per-centre cache (soft limit ${LIMITS.durableObjectSoftRps})`,
    );
    console.log(
      `  stats shard of a site-wide journey: ${fmt(r.statsShardRps)} req/s with ${ASSUME.statsShards} shards; ${r.statsShardsNeeded} shards keep each under ${LIMITS.durableObjectSoftRps / 4} req/s`,
    );
    console.log(
      `  export queue: ${fmt(r.exportMessagesRps)} messages/s (limit ${LIMITS.queueMessagesPerSecond}/queue): ${r.exportQueuesNeeded} queue(s) at half the limit`,
    );
    console.log(
      `  alarms: ${fmt(r.alarmsRps)} a second on average for timers, ${fmt(r.statsAlarmsRps)} delivering stats, each a request to one visitor object`,
    );
    console.log(
      `  live visitor objects: ${fmt(r.liveVisitorObjects)} (${bytes(r.liveObjectHeapBytes)} of heap in all); stored: ${fmt(r.storedVisitorObjects)} objects, ${bytes(r.storedBytes)}`,
    );
  }
  const random = rng(19);
  const checks = [];
  for (const rate of [0.05, 0.5, 2, 20, 200]) {
    const sim = simulateChecks(rate, ASSUME.ttl, 200_000 / Math.max(1, rate), random);
    const model = checksPerSecond(rate, ASSUME.ttl);
    checks.push(Math.abs(sim - model) / model);
    console.log(
      `re-checks per isolate at ${rate} req/s, model vs simulation: ${model.toFixed(4)} vs ${sim.toFixed(4)}`,
    );
  }
  const worst = Math.max(...checks);
  console.log(`model vs simulation, largest relative gap: ${(worst * 100).toFixed(2)}%`);
  if (worst > 0.03) {
    console.error("the re-check formula does not match the simulation");
    process.exitCode = 1;
  }
}

main();
