#!/usr/bin/env node
// npm run bench [-- --quick] [-- --no-write] [-- --verbose]
// Measures Waymark against a plain proxy in one run (issue 6) and writes docs/benchmarks.md + docs/benchmarks.svg.
// Prints figures; it is not a test. Bounded to a few minutes on 2 cores (--quick: about one minute).
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeMachine } from "./lib/machine.mjs";
import { bundleWaymark } from "./lib/bundle-waymark.mjs";
import { bundleGrowthbook, growthbookWorkerOptions } from "./lib/bundle-growthbook.mjs";
import { ADMIN_TOKEN, waymarkWorkerOptions } from "./lib/waymark-worker-options.mjs";
import { startOrigin } from "./lib/start-origin.mjs";
import { startWorkerd } from "./lib/start-workerd.mjs";
import { publishJourneys, prepareReturningVisitors, visitorId } from "./lib/seed.mjs";
import { checkRow } from "./lib/row-check.mjs";
import { runLoad } from "./lib/load.mjs";
import { cpuPerRequest, idleCpuRate } from "./lib/cpu-per-request.mjs";
import { waitForIdle } from "./lib/wait-for-idle.mjs";
import { measureSerialLatency } from "./lib/serial-latency.mjs";
import { measureFirstByte } from "./lib/first-byte.mjs";
import { ingest } from "./lib/ingest.mjs";
import { countDoCalls } from "./lib/do-calls.mjs";
import { decideMicro } from "./lib/decide-micro.mjs";
import { beaconSize } from "./lib/beacon-size.mjs";
import { coldObjects } from "./lib/cold-objects.mjs";
import { publishDelay } from "./lib/publish-delay.mjs";
import { evaluateTargets } from "./lib/targets.mjs";
import { headlines, markdownReport, textReport, ROWS, SIZES } from "./lib/report.mjs";
import { ratioChart } from "./lib/ratio-chart.mjs";
import { NOTES } from "./notes.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const SETTINGS = {
  quick,
  connections: 10,
  rounds: 2,
  seconds: quick ? 1.5 : 4,
  rotatingVisitors: quick ? 1_000 : 5_000,
  ingestSeconds: quick ? 2 : 5,
  ingestVisitors: 1_000,
  firstByteRounds: quick ? 5 : 15,
  serialRequests: quick ? 100 : 400,
};
const PAGE = { "50k": "/shop/50k", "1m": "/shop/1m" };
// A workerd process runs out of SQLite memory past ~2,400 live Waymark visitor objects (~3,400 for a one-table
// object): SQLITE_NOMEM. On Cloudflare 5,000 visitors' objects spread over many machines; here the rotating
// visitors are spread over three identical workerd processes (same bundle, same cores), like three machines.
const ROTATING_PARTITIONS = 3;
// A visitor object flushes its stats from an alarm a few seconds after a page view (STATS_DELAY_MS, 5 s, in
// edge/src/visitor/object/visitor-journey.ts): after personalizing, wait at least this long for deferred work.
const DEFERRED_WINDOW_MS = 7_000;

const started = performance.now();
const log = (msg) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${msg}`);
const results = { settings: SETTINGS, machine: describeMachine(ROOT), load: {}, checks: {}, errors: [] };

/** Runs one phase; a failing phase is recorded and the others still run (the report says what is missing). */
async function phase(name, fn) {
  log(name);
  try {
    return await fn();
  } catch (err) {
    results.errors.push(`${name}: ${err?.message ?? err}`);
    log(`  failed: ${err?.message ?? err}`);
    const said = [workerd, ...rotInstances].flatMap((w) => w?.logs.slice(-10) ?? []);
    if (said.length) log(`  workerd said:\n${said.join("\n")}`);
    return undefined;
  }
}

// Durable Object SQLite files on tmpfs when there is one: the shared VM disk's fsync latency (each SQLite commit)
// otherwise dominates and varies with whatever else runs; the figures are about Waymark's own cost.
const persistDir = existsSync("/dev/shm") ? `/dev/shm/waymark-bench-${process.pid}` : undefined;
results.settings.doStorage = persistDir ? "SQLite on tmpfs (/dev/shm)" : "SQLite in Miniflare's temp dir";

let origin;
let workerd;
const rotInstances = [];
const cleanup = async () => {
  for (const w of [workerd, ...rotInstances]) await w?.dispose().catch(() => {});
  await origin?.stop().catch(() => {});
  if (persistDir)
    for (const suffix of ["", ...rotInstances.map((_, p) => `-rot${p}`)])
      rmSync(persistDir + suffix, { recursive: true, force: true });
};
process.on("SIGINT", () => cleanup().then(() => process.exit(130)));

try {
  // CPU-only phases first, while nothing else of ours is running.
  results.decide = await phase("engine micro-benchmark", () => decideMicro(ROOT, { quick }));
  results.beacon = await phase("beacon size", () => beaconSize(ROOT));

  const bundleDir = join(ROOT, ".bench/bundle");
  const gbDir = join(ROOT, ".bench/growthbook");
  mkdirSync(gbDir, { recursive: true });
  await phase("bundle: wrangler deploy --dry-run --outdir .bench/bundle", () => bundleWaymark(ROOT, bundleDir));
  await phase("bundle: GrowthBook edge app (esbuild)", () => bundleGrowthbook(gbDir));

  origin = await startOrigin();
  results.settings.pages = origin.pages;
  log(`origin ${origin.url}, pages built from ${origin.pages}`);
  const configPath = join(ROOT, "wrangler.toml");
  const common = { bundleDir, configPath, originUrl: origin.url };
  const rotNames = Array.from({ length: ROTATING_PARTITIONS }, (_, i) => `waymark-rot-${i}`);
  workerd = await startWorkerd(
    [
      waymarkWorkerOptions({ ...common, name: "waymark-on", personalization: "on" }),
      waymarkWorkerOptions({ ...common, name: "waymark-off", personalization: "off" }),
      waymarkWorkerOptions({ ...common, name: "waymark-count", personalization: "on", counting: true }),
      growthbookWorkerOptions({
        name: "growthbook",
        bundleDir: gbDir,
        originUrl: origin.url,
        compatibilityDate: "2026-04-20",
      }),
    ],
    { verbose: args.has("--verbose"), persistDir },
  );
  for (const [p, name] of rotNames.entries())
    rotInstances.push(
      await startWorkerd([waymarkWorkerOptions({ ...common, name, personalization: "on" })], {
        verbose: args.has("--verbose"),
        persistDir: persistDir && `${persistDir}-rot${p}`,
      }),
    );
  const U = Object.assign({}, workerd.urls, ...rotInstances.map((w) => w.urls));
  // CPU is summed over every workerd process (the rotating ones sit idle during the other rows).
  const pid = [workerd.pid, ...rotInstances.map((w) => w.pid)];
  log(`workerd pids ${pid.join(", ")}`);

  const returning = visitorId("r", 0);
  // Visitor i lives behind rotating worker i % partitions (see ROTATING_PARTITIONS).
  const rotating = rotNames.map((_, p) =>
    Array.from({ length: SETTINGS.rotatingVisitors }, (_, i) => i).filter((i) => i % ROTATING_PARTITIONS === p),
  );
  const seeded = await phase(`seed: 10 journeys, 1 + ${SETTINGS.rotatingVisitors} returning visitors`, async () => {
    results.rulesetVersion = await publishJourneys(U["waymark-on"]);
    await publishJourneys(U["waymark-count"]);
    await prepareReturningVisitors(U["waymark-on"], [returning]);
    await prepareReturningVisitors(U["waymark-count"], [returning]);
    for (const [p, name] of rotNames.entries()) {
      await publishJourneys(U[name]);
      await prepareReturningVisitors(
        U[name],
        rotating[p].map((i) => visitorId("m", i)),
      );
    }
    return true;
  });

  const returningCookie = `wm_vid=${returning}`;
  const rotatingCookies = Object.fromEntries(
    rotNames.map((name, p) => [new URL(U[name]).port, rotating[p].map((i) => `wm_vid=${visitorId("m", i)}`)]),
  );
  const contenders = {
    origin: { url: origin.url, expectBanner: false },
    passthrough: { url: U["waymark-off"], headers: { cookie: returningCookie }, expectBanner: false },
    personalized: {
      url: U["waymark-on"],
      headers: { cookie: returningCookie },
      expectBanner: true,
      expectOutcome: "personalized",
    },
    rotating: {
      url: U[rotNames[0]],
      urls: rotNames.map((n) => U[n]),
      cookies: rotatingCookies,
      headers: { cookie: `wm_vid=${visitorId("m", rotating[0][7])}` },
      expectBanner: true,
      expectOutcome: "personalized",
    },
    growthbook: { url: U.growthbook, expectBanner: true },
  };
  /** Load options of a contender on a page: every rotating worker with its own visitors, or one URL. */
  const loadOf = (c, page) =>
    c.urls ? { url: c.urls.map((u) => u + page), cookies: c.cookies } : { url: c.url + page, headers: c.headers };

  // Seeding leaves every prepared visitor with a stats flush due in a few seconds: let it all land first.
  const settle = await phase("wait for seeding's deferred work, measure idle CPU", async () => {
    await waitForIdle(pid, 0, { maxMs: 60_000 });
    results.cpuIdleRate = await idleCpuRate(pid);
    log(`  idle CPU ${(results.cpuIdleRate * 100).toFixed(2)}% of a core`);
    return true;
  });
  const idleRate = results.cpuIdleRate ?? 0;
  const personalizing = (row) => row === "personalized" || row === "rotating";
  const drain = (row) =>
    settle
      ? waitForIdle(pid, idleRate, { minMs: row && !personalizing(row) ? 0 : DEFERRED_WINDOW_MS })
      : Promise.resolve({ extraCpuMs: 0, waitedMs: 0 });

  await phase("row checks", async () => {
    for (const [size] of SIZES) {
      results.checks[size] = {};
      for (const [row] of ROWS) {
        const c = contenders[row];
        results.checks[size][row] = await checkRow({ ...c, url: c.url + PAGE[size] });
      }
    }
    await drain();
  });

  await phase("load rows (alternating)", async () => {
    const acc = {};
    for (const [size] of SIZES)
      for (const [row] of ROWS) await runLoad({ ...loadOf(contenders[row], PAGE[size]), duration: 1 });
    await drain();
    for (let round = 0; round < SETTINGS.rounds; round++) {
      for (const [size] of SIZES) {
        const order = round % 2 ? [...ROWS].reverse() : ROWS;
        for (const [row] of order) {
          const r = await runLoad({
            ...loadOf(contenders[row], PAGE[size]),
            connections: SETTINGS.connections,
            duration: SETTINGS.seconds,
          });
          // Deferred work (alarms flushing stats) is part of this row's cost, not the next row's.
          const d = await drain(row);
          log(
            `  ${size} ${row}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms (then ${(d.waitedMs / 1000).toFixed(1)} s to idle)`,
          );
          ((acc[size] ??= {})[row] ??= []).push(r);
        }
      }
    }
    for (const [size, rows] of Object.entries(acc)) {
      results.load[size] = {};
      for (const [row, runs] of Object.entries(rows)) {
        const sum = (k) => runs.reduce((a, x) => a + x[k], 0);
        results.load[size][row] = {
          rps: sum("requests") / sum("seconds"),
          p50: sum("p50") / runs.length,
          p99: sum("p99") / runs.length,
          requests: sum("requests"),
          non2xx: sum("non2xx"),
          errors: sum("errors"),
          bytesPerRequest: sum("bytesPerRequest") / runs.length,
          bannerShare: sum("withBanner") / Math.max(1, sum("requests")),
          outcomes: runs.reduce((a, x) => {
            for (const [k, v] of Object.entries(x.outcomes)) a[k] = (a[k] ?? 0) + v;
            return a;
          }, {}),
          rounds: runs.map((x) => ({ rps: x.rps, p50: x.p50, p99: x.p99 })),
        };
      }
    }
  });

  await phase("CPU per request", async () => {
    results.cpu = {};
    for (const [size] of SIZES) {
      const each = {};
      for (const row of ["passthrough", "personalized", "rotating", "passthrough", "personalized", "rotating"]) {
        // About 2.5 s of load (1 s quick) at the rate the load rows measured.
        const rps = results.load[size]?.[row]?.rps ?? 100;
        const amount = Math.max(100, Math.round(rps * (quick ? 1 : 2.5)));
        const r = await cpuPerRequest({ pid, idleRate, amount, ...loadOf(contenders[row], PAGE[size]) });
        const d = await drain(row);
        (each[row] ??= []).push({ ...r, deferredMs: d.extraCpuMs / r.requests });
      }
      results.cpu[size] = Object.fromEntries(
        Object.entries(each).map(([row, runs]) => [
          row,
          {
            ms: runs.reduce((a, x) => a + x.ms, 0) / runs.length,
            deferredMs: runs.reduce((a, x) => a + x.deferredMs, 0) / runs.length,
            requests: runs.reduce((a, x) => a + x.requests, 0),
          },
        ]),
      );
    }
  });

  await phase("latency at 1 connection", async () => {
    await drain();
    results.serial = {};
    for (const [size] of SIZES) {
      const n = size === "1m" ? Math.round(SETTINGS.serialRequests / 4) : SETTINGS.serialRequests;
      results.serial[size] = await measureSerialLatency(
        ["passthrough", "personalized"].map((name) => ({
          name,
          url: contenders[name].url + PAGE[size],
          headers: contenders[name].headers,
        })),
        { requests: n, block: Math.min(20, n) },
      );
    }
  });

  await phase("first byte on the split 1MB page", async () => {
    await drain();
    results.firstByte = await measureFirstByte(
      ["origin", "passthrough", "personalized", "growthbook"].map((name) => ({
        name,
        url: contenders[name].url + "/shop/split",
        headers: contenders[name].headers,
      })),
      { rounds: SETTINGS.firstByteRounds },
    );
  });

  await phase("event ingestion", async () => {
    await drain();
    results.ingest = {};
    const warmUrl = `${U["waymark-on"]}/shop/50k`;
    results.ingest.one = await ingest({
      baseUrl: U["waymark-on"],
      visitors: [visitorId("e", 0)],
      seconds: SETTINGS.ingestSeconds,
      stopAtLimit: true,
      warmUrl,
    });
    log(`  one visitor: ${results.ingest.one.eventsPerSecond.toFixed(0)} events/s`);
    // The beacon route's 600 events/min per visitor makes that burst short; the server-side route allows
    // 6,000/min into the same object method, a longer window on the same code path.
    results.ingest.oneServer = await ingest({
      baseUrl: U["waymark-on"],
      visitors: [visitorId("e", 1)],
      seconds: SETTINGS.ingestSeconds,
      stopAtLimit: true,
      warmUrl,
      adminToken: ADMIN_TOKEN,
    });
    log(`  one visitor (server-side route): ${results.ingest.oneServer.eventsPerSecond.toFixed(0)} events/s`);
    const many = Array.from({ length: SETTINGS.ingestVisitors }, (_, i) => visitorId("f", i));
    results.ingest.many = await ingest({
      baseUrl: U["waymark-on"],
      visitors: many,
      seconds: SETTINGS.ingestSeconds,
      warmUrl,
    });
    log(`  ${many.length} visitors: ${results.ingest.many.eventsPerSecond.toFixed(0)} events/s`);
  });

  if (seeded)
    results.doCalls = await phase("Durable Object calls per request", () =>
      countDoCalls(U["waymark-count"], { returningCookie }),
    );
  // Last on waymark-on: it publishes new versions.
  if (seeded)
    results.publishDelay = await phase("publish to page delay", () =>
      publishDelay({ baseUrl: U["waymark-on"], page: PAGE["50k"], cookie: returningCookie, trials: quick ? 2 : 5 }),
    );
  // Its own workerd process (restarted to evict every object): the others stop loading meanwhile.
  results.cold = await phase("visitor objects not in memory (wake, memory, capacity)", () =>
    coldObjects({
      bundleDir,
      configPath,
      originUrl: origin.url,
      persistDir: persistDir ? `${persistDir}-cold` : join(os.tmpdir(), `waymark-bench-cold-${process.pid}`),
      page: PAGE["50k"],
      visitors: quick ? 300 : 1_000,
      capacity: quick ? 1_000 : 5_000,
      log,
    }),
  );
  results.workerdLogTail = workerd.logs.slice(-20);
} finally {
  await cleanup();
}

results.loadAverageAtEnd = os.loadavg()[0];
const targets = evaluateTargets(results);
console.log(`Pages: ${results.settings.pages}\n`);
console.log(textReport(results, targets));
if (results.errors.length) console.log(`\nPhases that failed:\n${results.errors.map((e) => `- ${e}`).join("\n")}`);
console.log("");
for (const line of headlines(results, targets)) console.log(line);

if (!args.has("--no-write")) {
  const notes = [
    NOTES,
    results.errors.length
      ? `## Phases that failed in this run\n\n${results.errors.map((e) => `- ${e}`).join("\n")}`
      : "",
  ].join("\n\n");
  writeFileSync(join(ROOT, "docs/benchmarks.md"), markdownReport(results, targets, { notes }));
  writeFileSync(join(ROOT, "docs/benchmarks.svg"), ratioChart(results));
  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  writeFileSync(join(ROOT, ".bench/results.json"), JSON.stringify(results, null, 2));
  log("wrote docs/benchmarks.md, docs/benchmarks.svg, .bench/results.json");
}
log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
