#!/usr/bin/env node
// Where the Worker's CPU goes: a V8 CPU profile of the Waymark isolate (Worker and Durable Objects share it
// locally) while one bench scenario runs, through workerd's inspector. Prints the top functions by self time
// and writes .bench/profile-<scenario>.cpuprofile (open it in Chrome DevTools > Performance, or speedscope).
//   node bench/profile.mjs [personalized-50k|personalized-1m|rotating-50k|rotating-1m|passthrough-1m|events|cold-50k]
//                          [seconds]
// cold-50k: 1,000 prepared visitors left idle for 60 s (their objects evicted), then each loads one page: the
// cost of waking a visitor's object, which is what most real page views pay (visitors come back after minutes).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { bundleWaymark } from "./lib/bundle-waymark.mjs";
import { waymarkWorkerOptions } from "./lib/waymark-worker-options.mjs";
import { startOrigin } from "./lib/start-origin.mjs";
import { startWorkerd } from "./lib/start-workerd.mjs";
import { publishJourneys, prepareReturningVisitors, visitorId } from "./lib/seed.mjs";
import { runLoad } from "./lib/load.mjs";
import { ingest } from "./lib/ingest.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const scenario = process.argv[2] ?? "personalized-50k";
const seconds = Number(process.argv[3] ?? 5);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Minimal Chrome DevTools Protocol client over the inspector's WebSocket. */
async function cdp(url) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => (ws.once("open", resolve), ws.once("error", reject)));
  let id = 0;
  const pending = new Map();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    }
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve) => {
        pending.set(++id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

const frameKey = (f) => `${f.functionName || "(anonymous)"} ${f.url ? f.url.split("/").pop() : ""}:${f.lineNumber + 1}`;

/** Self and inclusive time per function (ms), from a V8 .cpuprofile. Inlined callees count as their caller. */
function times(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const total = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (dt[i] ?? 0) / 1000;
    const key = frameKey(byId.get(profile.samples[i]).callFrame);
    self.set(key, (self.get(key) ?? 0) + ms);
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const k = frameKey(byId.get(id).callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  }
  const sort = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { self: sort(self), total: sort(total) };
}

const bundleDir = join(ROOT, ".bench/bundle");
bundleWaymark(ROOT, bundleDir);
const origin = await startOrigin();
const inspectorPort = await freePort();
const persistDir = `/dev/shm/waymark-profile-${process.pid}`;
const worker = waymarkWorkerOptions({
  name: "waymark-on",
  bundleDir,
  configPath: join(ROOT, "wrangler.toml"),
  originUrl: origin.url,
  personalization: scenario.startsWith("passthrough") ? "off" : "on",
});
const workerd = await startWorkerd([worker], { persistDir, inspectorPort });
try {
  const base = workerd.urls["waymark-on"];
  await publishJourneys(base);
  const returning = visitorId("r", 0);
  // One workerd process holds at most ~2,400 live visitor objects (SQLite memory); npm run bench spreads 5,000
  // over three processes, a profile needs one: 1,600 visitors, the share of one of those processes.
  const rotating = Array.from({ length: 1_600 }, (_, i) => visitorId("m", i));
  const cold = Array.from({ length: 1_000 }, (_, i) => visitorId("c", i));
  await prepareReturningVisitors(
    base,
    scenario.startsWith("rotating")
      ? [returning, ...rotating]
      : scenario.startsWith("cold")
        ? [returning, ...cold]
        : [returning],
  );
  const page = scenario.endsWith("1m") ? "/shop/1m" : "/shop/50k";
  const run = () =>
    scenario.startsWith("cold")
      ? runLoad({ url: base + page, amount: cold.length, cookies: cold.map((v) => `wm_vid=${v}`) })
      : scenario === "events"
        ? ingest({ baseUrl: base, visitors: Array.from({ length: 1_000 }, (_, i) => visitorId("f", i)), seconds })
        : runLoad({
            url: base + page,
            duration: seconds,
            headers: scenario.startsWith("rotating") ? {} : { cookie: `wm_vid=${returning}` },
            cookies: scenario.startsWith("rotating") ? rotating.map((v) => `wm_vid=${v}`) : undefined,
          });
  await runLoad({ url: base + page, duration: 1, headers: { cookie: `wm_vid=${returning}` } }); // warm-up
  if (scenario.startsWith("cold")) await new Promise((r) => setTimeout(r, 60_000)); // idle objects get evicted

  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const target = targets.find((t) => t.title?.includes("waymark-on")) ?? targets[0];
  const session = await cdp(target.webSocketDebuggerUrl);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 100 });
  await session.send("Profiler.start");
  const result = await run();
  const { result: stop } = await session.send("Profiler.stop");
  session.close();

  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  const file = join(ROOT, `.bench/profile-${scenario}.cpuprofile`);
  writeFileSync(file, JSON.stringify(stop.profile));
  const { self, total: inclusive } = times(stop.profile);
  const total = self.reduce((a, [, ms]) => a + ms, 0);
  const requests = result.requests ?? result.sent / result.batchSize;
  const line = ([key, ms]) =>
    `${((100 * ms) / total).toFixed(1).padStart(5)}%  ${(ms / requests).toFixed(4)} ms/req  ${key}`;
  console.log(`${scenario}: ${requests} requests in ${seconds} s; profile ${file}`);
  console.log(`sampled isolate time ${total.toFixed(0)} ms (${(total / requests).toFixed(3)} ms per request)`);
  console.log("\nby self time:");
  for (const row of self.slice(0, 30)) console.log(line(row));
  console.log("\nby inclusive time:");
  for (const row of inclusive.slice(0, 30)) console.log(line(row));
} catch (err) {
  console.error(workerd.logs.slice(-30).join("\n"));
  throw err;
} finally {
  await workerd.dispose();
  await origin.stop();
  rmSync(persistDir, { recursive: true, force: true });
}
