// Turns one run's results into the printed report (plain text) and docs/benchmarks.md (markdown).
import { ratio } from "./targets.mjs";

export const ROWS = [
  ["origin", "1. origin direct"],
  ["passthrough", "2. Worker pass-through (PERSONALIZATION=off)"],
  ["personalized", "3. Worker personalizing (returning visitor)"],
  ["rotating", "4. Worker personalizing (5,000 visitors rotating)"],
  ["growthbook", "5. GrowthBook edge app (peer)"],
];
export const SIZES = [
  ["50k", "50KB"],
  ["1m", "1MB"],
];

const f = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");

/** Table as rows of cells: the same content for the console and for markdown. */
function sections(r, targets) {
  const out = [];
  const load = [
    ["page", "row", "req/s", "p50 ms", "p99 ms", "x pass-through", "errors", "banner", "X-Waymark", "pre-check"],
  ];
  for (const [size, label] of SIZES) {
    for (const [row, name] of ROWS) {
      const x = r.load?.[size]?.[row];
      if (!x) continue;
      const c = r.checks?.[size]?.[row];
      const outcomes = Object.entries(x.outcomes ?? {})
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${((100 * v) / Math.max(1, x.requests)).toFixed(0)}%`)
        .join(", ");
      load.push([
        label,
        name,
        f(x.rps, 1),
        f(x.p50, 1),
        f(x.p99, 1),
        row === "passthrough" ? "1.00" : f(ratio(r, size, row), row === "growthbook" ? 3 : 2),
        String(x.non2xx + x.errors),
        `${(100 * (x.bannerShare ?? 0)).toFixed(0)}%`,
        outcomes,
        c ? (c.ok ? "ok" : `UNEXPECTED: ${c.note}`) : "",
      ]);
    }
  }
  out.push({
    title: `Load: ${r.settings.connections} connections, ${r.settings.rounds} x ${r.settings.seconds} s per row, rows alternating`,
    rows: load,
  });

  if (r.firstByte) {
    const fb = [["contender", "first byte ms", "headers ms", "last byte ms"]];
    for (const [name, v] of Object.entries(r.firstByte)) fb.push([name, f(v.firstByte), f(v.headers), f(v.lastByte)]);
    out.push({ title: "Streaming: split 1MB page (second half 300 ms later), median of fresh connections", rows: fb });
  }
  if (r.serial) {
    const s = [["page", "contender", "p50 ms", "p99 ms", "requests"]];
    for (const [size, label] of SIZES)
      for (const [name, v] of Object.entries(r.serial[size] ?? {}))
        s.push([label, name, f(v.p50, 3), f(v.p99, 3), String(v.n)]);
    out.push({ title: "Latency at 1 connection (keep-alive, sequential)", rows: s });
  }
  if (r.cpu) {
    const c = [
      [
        "page",
        "pass-through ms",
        "personalized ms",
        "extra ms",
        "5,000 visitors ms",
        "extra ms",
        "deferred ms (pers. / 5,000)",
        "requests",
      ],
    ];
    for (const [size, label] of SIZES) {
      const v = r.cpu[size];
      if (v)
        c.push([
          label,
          f(v.passthrough.ms, 3),
          f(v.personalized.ms, 3),
          f(v.personalized.ms - v.passthrough.ms, 3),
          f(v.rotating?.ms, 3),
          f(v.rotating?.ms - v.passthrough.ms, 3),
          `${f(v.personalized.deferredMs, 3)} / ${f(v.rotating?.deferredMs, 3)}`,
          `${v.passthrough.requests} / ${v.personalized.requests} / ${v.rotating?.requests ?? 0}`,
        ]);
    }
    out.push({
      title:
        "CPU per request: workerd process CPU while serving (incl. the visitor DO), minus idle; deferred = CPU after the last response until idle (alarms flushing stats), per request; free plan limit 10 ms",
      rows: c,
    });
  }
  if (r.ingest) {
    const e = [
      ["target", "batch", "seconds", "sent", "accepted", "429 (limit)", "failed", "stored", "lost", "events/s"],
    ];
    for (const [name, v] of Object.entries(r.ingest))
      e.push([
        name === "one" ? "1 visitor" : `${int(v.visitors)} visitors`,
        String(v.batchSize),
        f(v.seconds, 2),
        int(v.sent),
        int(v.accepted),
        int(v.refusedByLimit),
        int(v.failed),
        int(v.stored),
        int(v.lost),
        int(v.eventsPerSecond),
      ]);
    out.push({
      title: "Event ingestion: POST /__waymark/events, 10 in flight; stored = sum of GET /__waymark/me eventCount",
      rows: e,
    });
  }
  if (r.decide) {
    const d = [["active journeys", "us per decide()", "actions decided"]];
    if (r.decide.rows)
      for (const v of r.decide.rows) d.push([String(v.journeys), f(v.microseconds, 2), String(v.actionsDecided)]);
    else d.push(["-", `not measured: ${r.decide.error}`, ""]);
    if (r.decide.offers20) d.push(["1, a 20-offer decision point (learned model)", f(r.decide.offers20, 2), "1 offer"]);
    out.push({ title: "Engine micro-benchmark (shared/ engine, node)", rows: d });
  }
  if (r.beacon) {
    const b = r.beacon.error
      ? [
          ["beacon", "not measured"],
          ["", r.beacon.error],
        ]
      : [
          ["as shipped B", "gzip -9 B", "re-minified B", "re-minified gzip B"],
          [int(r.beacon.bytes), int(r.beacon.gzip), int(r.beacon.reminifiedBytes), int(r.beacon.reminifiedGzip)],
        ];
    out.push({ title: "Beacon size (BEACON_JS)", rows: b });
  }
  if (r.cold) {
    const c = r.cold;
    const rows = [["figure", "measured", "how"]];
    if (c.error) rows.push(["visitor objects not in memory", "not measured", c.error]);
    else {
      rows.push([
        "CPU per page, object evicted (wake + decide)",
        `${f(c.cold.ms, 3)} ms`,
        `${int(c.visitors)} prepared visitors after a workerd restart, one page each (50KB)`,
      ]);
      rows.push(["CPU per page, object in memory", `${f(c.warm.ms, 3)} ms`, "the same visitors again"]);
      rows.push(["extra CPU to wake an object", `+${f(c.cold.ms - c.warm.ms, 3)} ms`, "cold - warm"]);
      const cap = c.capacity;
      rows.push([
        "bytes per live visitor object",
        int(bytesPerLiveObject(c)),
        cap?.bytesPerObject
          ? `workerd resident memory ${int(cap.rssStartMb)} -> ${int(cap.rssMb)} MB over ${int(cap.peakLive)} live objects` +
            ` (SQLite connection, JS heap, file buffers); over the cold pass alone (objects evicted meanwhile` +
            ` give memory back): ${int(c.bytesPerObject)}`
          : `workerd resident memory ${int(c.rssBefore / 1048576)} -> ${int(c.rssAfter / 1048576)} MB over the cold pass`,
      ]);
      for (const run of [c.capacityDefault, cap].filter(Boolean))
        rows.push([
          `live visitor objects at once in one workerd process (SQLite heap limit ${run.sqliteHeapLimit ?? "512 MiB"})`,
          `${int(run.peakLive)} of ${int(run.target)}`,
          (run.failed
            ? `failed ${run.failed.during} at ${int(run.failed.visitors)} visitors: ${JSON.stringify(run.failed.outcomes)}`
            : `no failure (${int(run.timeouts)} decisions over budget)`) +
            `; waves of new visitors (a page each), each followed by a pass over all (GET /__waymark/me, last` +
            ` ${f(run.passSeconds, 1)} s; workerd evicts after ~10 s idle); live = visitor objects' open SQLite databases;` +
            ` ${int(run.rssMb)} MB resident`,
        ]);
    }
    out.push({ title: "Visitor objects not in memory, and how many fit in one process", rows });
  }
  if (r.publishDelay) {
    const p = r.publishDelay;
    out.push({
      title: "Publish to page: a publish, then pages back to back until their manifest names the new version",
      rows: p.error
        ? [
            ["publish to page", "not measured"],
            ["", p.error],
          ]
        : [
            ["trials", "delays ms", "median ms", "max ms"],
            [String(p.delaysMs.length), p.delaysMs.map((x) => f(x, 0)).join(" "), f(p.medianMs, 0), f(p.maxMs, 0)],
          ],
    });
  }
  if (r.doCalls) {
    const d = [["requests", "count", "visitor DO calls (max/request)", "all DO calls", "methods"]];
    for (const [kind, v] of Object.entries(r.doCalls))
      d.push([kind, String(v.requests), String(v.maxVisitorCalls), String(v.totalDoCalls), v.calls.join(" ") || "-"]);
    out.push({ title: "Durable Object calls made by the Worker (counting wrapper around the same bundle)", rows: d });
  }
  const t = [["target", "measured", "wanted", "result"]];
  for (const x of targets) t.push([x.name, x.value, x.target, x.pass === null ? "n/a" : x.pass ? "PASS" : "FAIL"]);
  out.push({ title: "Targets", rows: t });
  return out;
}

function textTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => String(c ?? "").padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function mdTable(rows) {
  const esc = (c) => String(c ?? "").replace(/\|/g, "\\|");
  return [rows[0], rows[0].map(() => "---"), ...rows.slice(1)].map((r) => `| ${r.map(esc).join(" | ")} |`).join("\n");
}

/** One line per headline figure. */
export function headlines(r, targets) {
  const lines = [];
  for (const [size, label] of SIZES) {
    lines.push(`ratio personalized/passthrough rps (${label}): ${f(ratio(r, size, "personalized"))}`);
    lines.push(`ratio rotating-5000/passthrough rps (${label}): ${f(ratio(r, size, "rotating"))}`);
    lines.push(`ratio growthbook/passthrough rps (${label}): ${f(ratio(r, size, "growthbook"), 3)}`);
  }
  for (const [size, label] of SIZES) {
    const c = r.cpu?.[size];
    if (c)
      lines.push(
        `cpu per request passthrough/personalized (${label}): ${f(c.passthrough.ms, 3)} / ${f(c.personalized.ms, 3)} ms`,
      );
  }
  const s = r.serial?.["50k"];
  if (s)
    lines.push(
      `p50 at 1 connection passthrough/personalized (50KB): ${f(s.passthrough.p50, 3)} / ${f(s.personalized.p50, 3)} ms`,
    );
  if (r.firstByte)
    lines.push(
      `first byte split 1MB passthrough/personalized: ${f(r.firstByte.passthrough.firstByte)} / ${f(r.firstByte.personalized.firstByte)} ms`,
    );
  if (r.ingest?.many)
    lines.push(
      `events/s one visitor (beacon burst / server-side) / 1,000 visitors: ${int(r.ingest.one?.eventsPerSecond)} / ${int(r.ingest.oneServer?.eventsPerSecond)} / ${int(r.ingest.many.eventsPerSecond)}`,
    );
  const d = r.decide?.rows;
  if (d) lines.push(`decide us (1/10/100 journeys): ${d.map((x) => f(x.microseconds, 2)).join(" / ")}`);
  if (r.decide?.offers20) lines.push(`decide us (20-offer decision point): ${f(r.decide.offers20, 2)}`);
  if (r.beacon?.gzip) lines.push(`beacon bytes / gzip: ${r.beacon.bytes} / ${r.beacon.gzip}`);
  if (r.cold?.cold) {
    lines.push(
      `cpu per page waking an evicted visitor object / in memory (50KB): ${f(r.cold.cold.ms, 3)} / ${f(r.cold.warm.ms, 3)} ms`,
    );
    lines.push(`bytes per live visitor object: ${int(bytesPerLiveObject(r.cold))}`);
    const dflt = r.cold.capacityDefault;
    lines.push(
      `live visitor objects in one workerd process: ${int(r.cold.capacity.peakLive)} of ${int(r.cold.capacity.target)}` +
        (dflt ? ` (SQLite heap limit 8 GiB; ${int(dflt.peakLive)} at workerd's default 512 MiB)` : ""),
    );
  }
  if (r.publishDelay?.delaysMs) lines.push(`publish to page delay (max): ${f(r.publishDelay.maxMs, 0)} ms`);
  const passed = targets.filter((x) => x.pass === true).length;
  const measured = targets.filter((x) => x.pass !== null).length;
  lines.push(`targets passed: ${passed}/${measured} measured (${targets.length} total)`);
  return lines;
}

export function textReport(r, targets) {
  return sections(r, targets)
    .map((s) => `${s.title}\n${textTable(s.rows)}`)
    .join("\n\n");
}

export function markdownReport(r, targets, { notes = "" } = {}) {
  const m = r.machine;
  const parts = [
    "# Benchmarks",
    "",
    "Generated by `npm run bench` (bench/run.mjs); do not edit by hand. The Worker bundle is the one",
    "`wrangler deploy --dry-run` produces, run under workerd through the Miniflare API (not `wrangler dev`), each",
    "worker on its own direct socket, against a node origin on 127.0.0.1 serving a shop product listing grown to",
    "~50 KB and ~1 MB. See bench/README.md for what each figure means and how it is measured.",
    "",
    `Pages: ${r.settings.pages ?? "real shop template (fixture 01)"}.`,
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}; node ${m.node}, workerd ${m.workerd},`,
    `miniflare ${m.miniflare}, wrangler ${m.wrangler}, autocannon ${m.autocannon}, @growthbook/edge-cloudflare ${m.growthbookEdge}.`,
    `Run: ${m.date}${r.settings.quick ? " (--quick)" : ""}; Durable Object storage: ${r.settings.doStorage}; load average at start ${f(m.loadAverageAtStart)}, at end ${f(r.loadAverageAtEnd)} (the cores are shared).`,
    "",
    "![ratios against targets](benchmarks.svg)",
    "",
  ];
  for (const s of sections(r, targets)) parts.push(`## ${s.title}`, "", mdTable(s.rows), "");
  parts.push("## Headline figures", "", "```", ...headlines(r, targets), "```", "");
  if (notes) parts.push(notes.trim(), "");
  return parts.join("\n");
}

/** Bytes per live visitor object: over the largest capacity run when there is one, else over the cold pass. */
export function bytesPerLiveObject(cold) {
  return cold.capacity?.bytesPerObject ?? cold.bytesPerObject;
}
