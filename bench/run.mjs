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
import { waymarkWorkerOptions } from "./lib/waymark-worker-options.mjs";
import { startOrigin } from "./lib/start-origin.mjs";
import { startWorkerd } from "./lib/start-workerd.mjs";
import { publishJourneys, prepareReturningVisitors, visitorId } from "./lib/seed.mjs";
import { checkRow } from "./lib/row-check.mjs";
import { runLoad } from "./lib/load.mjs";
import { cpuPerRequest, idleCpuRate } from "./lib/cpu-per-request.mjs";
import { measureSerialLatency } from "./lib/serial-latency.mjs";
import { measureFirstByte } from "./lib/first-byte.mjs";
import { ingest } from "./lib/ingest.mjs";
import { countDoCalls } from "./lib/do-calls.mjs";
import { decideMicro } from "./lib/decide-micro.mjs";
import { beaconSize } from "./lib/beacon-size.mjs";
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
    return undefined;
  }
}

// Durable Object SQLite files on tmpfs when there is one: the shared VM disk's fsync latency (each SQLite commit)
// otherwise dominates and varies with whatever else runs; the figures are about Waymark's own cost.
const persistDir = existsSync("/dev/shm") ? `/dev/shm/waymark-bench-${process.pid}` : undefined;
results.settings.doStorage = persistDir ? "SQLite on tmpfs (/dev/shm)" : "SQLite in Miniflare's temp dir";

let origin;
let workerd;
const cleanup = async () => {
  await workerd?.dispose().catch(() => {});
  await origin?.stop().catch(() => {});
  if (persistDir) rmSync(persistDir, { recursive: true, force: true });
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
  log(`origin ${origin.url}`);
  const configPath = join(ROOT, "wrangler.toml");
  const common = { bundleDir, configPath, originUrl: origin.url };
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
  const U = workerd.urls;
  log(`workerd pid ${workerd.pid}`);

  const returning = visitorId("r", 0);
  const rotating = Array.from({ length: SETTINGS.rotatingVisitors }, (_, i) => visitorId("m", i));
  const seeded = await phase(`seed: 10 journeys, 1 + ${rotating.length} returning visitors`, async () => {
    results.rulesetVersion = await publishJourneys(U["waymark-on"]);
    await publishJourneys(U["waymark-count"]);
    await prepareReturningVisitors(U["waymark-count"], [returning]);
    await prepareReturningVisitors(U["waymark-on"], [returning, ...rotating]);
    return true;
  });

  const returningCookie = `wm_vid=${returning}`;
  const cookies = rotating.map((v) => `wm_vid=${v}`);
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
      url: U["waymark-on"],
      cookies,
      headers: { cookie: cookies[7 % cookies.length] },
      expectBanner: true,
      expectOutcome: "personalized",
    },
    growthbook: { url: U.growthbook, expectBanner: true },
  };

  await phase("row checks", async () => {
    for (const [size] of SIZES) {
      results.checks[size] = {};
      for (const [row] of ROWS) {
        const c = contenders[row];
        results.checks[size][row] = await checkRow({ ...c, url: c.url + PAGE[size] });
      }
    }
  });

  await phase("load rows (alternating)", async () => {
    const acc = {};
    for (const [size] of SIZES)
      for (const [row] of ROWS) {
        const c = contenders[row];
        await runLoad({
          url: c.url + PAGE[size],
          duration: 1,
          headers: c.cookies ? {} : c.headers,
          cookies: c.cookies,
        });
      }
    for (let round = 0; round < SETTINGS.rounds; round++) {
      for (const [size] of SIZES) {
        const order = round % 2 ? [...ROWS].reverse() : ROWS;
        for (const [row] of order) {
          const c = contenders[row];
          const r = await runLoad({
            url: c.url + PAGE[size],
            connections: SETTINGS.connections,
            duration: SETTINGS.seconds,
            headers: c.cookies ? {} : c.headers,
            cookies: c.cookies,
          });
          log(`  ${size} ${row}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms`);
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
        };
      }
    }
  });

  await phase("CPU per request", async () => {
    const idleRate = await idleCpuRate(workerd.pid);
    results.cpuIdleRate = idleRate;
    results.cpu = {};
    for (const [size] of SIZES) {
      const each = {};
      for (const row of ["passthrough", "personalized", "rotating", "passthrough", "personalized", "rotating"]) {
        const c = contenders[row];
        // About 3 s of load (1.5 s quick) at the rate the load rows measured.
        const rps = results.load[size]?.[row]?.rps ?? 100;
        const amount = Math.max(100, Math.round(rps * (quick ? 0.75 : 1.5)));
        const r = await cpuPerRequest({
          pid: workerd.pid,
          idleRate,
          url: c.url + PAGE[size],
          amount,
          headers: c.cookies ? {} : c.headers,
          cookies: c.cookies,
        });
        (each[row] ??= []).push(r);
      }
      results.cpu[size] = Object.fromEntries(
        Object.entries(each).map(([row, runs]) => [
          row,
          { ms: runs.reduce((a, x) => a + x.ms, 0) / runs.length, requests: runs.reduce((a, x) => a + x.requests, 0) },
        ]),
      );
    }
  });

  await phase("latency at 1 connection", async () => {
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
  results.workerdLogTail = workerd.logs.slice(-20);
} finally {
  await cleanup();
}

results.loadAverageAtEnd = os.loadavg()[0];
const targets = evaluateTargets(results);
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
