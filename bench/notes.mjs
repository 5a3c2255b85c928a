// Findings written after reading runs, profiles (bench/profile.mjs) and A/Bs (bench/ab.mjs): appended to
// docs/benchmarks.md under the generated tables. Figures here are from runs on the same machine: 2026-11-24 (the
// first round) and 2026-12-05 (issue 19's round, marked as such).
export const NOTES = `## How to read these figures

- The two cores are shared with the rest of the team: req/s moves by 10-30% between rounds of the same row
  (\`rounds\` in \`.bench/results.json\`). Rows alternate (1-5, then 5-1) so drift hits every row alike; ratios are
  steadier than absolute figures. Compare runs by their ratios and CPU deltas, and look at the load average above.
- CPU is the whole workerd process: the Worker, the visitor Durable Object (billed to the object on Cloudflare, not
  to the Worker's 10 ms) and workerd's HTTP work. "Deferred" is CPU spent after the last response until the process
  is idle again (the visitor object's alarm flushing stats ~5 s later), per request. Rows wait for it to finish so
  it never lands in the next row.
- The 5,000-visitor row runs over three workerd processes: one process fails SQLite allocations (SQLITE_NOMEM) past
  about 2,000-2,500 live Waymark visitor objects (the "live visitor objects at once" row; ~3,400 for a one-table
  object). On Cloudflare the objects spread over machines; here the three processes share the same two cores.
- Load rows of personalized pages swing most: in the 2026-12-05 run the 50 KB personalized row gave 1,161 and then
  664 req/s in its two rounds. For a change on the hot path, \`node bench/ab.mjs\` (two bundles in one process,
  alternating, six rounds) is the better yardstick; the notes below say which figure came from which.
- Durable Object SQLite files are on tmpfs. On the VM disk every SQLite commit is an fsync (strace: 3 per page view,
  ~19 for a new visitor): events for new visitors went at 50-160 events/s there versus ~1,000 on tmpfs.
- One visitor's events: the beacon route accepts 600 events/min per visitor (a flood limit, 429 + Retry-After, the
  beacon retries), so that row measures the accepted burst only; the server-side route (6,000/min) gives a longer
  window on the same object method.

## Where the cost goes (hot spots, measured)

Issue 19's round (2026-12-05): what changed, what it measured, and what is left.

1. **Waking a visitor's object.** Was 1.52 ms CPU per page cold vs 0.67 warm (quiet machine, 2026-11-24): the
   RPC reaching a cold object, then \`hasTables\`, the migration's meta reads, a tombstone check and the state
   read (nine statements), \`VisitorState.safeParse\` of a row the object wrote itself. Now two statements: one
   asks which of meta/tombstone/export_pending exist, one reads the schema version, the state row and every meta
   value a call needs (edge/src/visitor/object/state-store.ts \`WAKE_SQL\`); a new object runs its whole migration
   in one multi-statement call. The state is still parsed and repaired once per activation (skipping the parse by
   a schema fingerprint broke the repair of a corrupted row, so it stays). Standalone cold-objects runs, quiet
   machine, 3 alternating runs each (cold / warm ms): before 1.32/1.00, 1.56/1.13, 1.39/1.15; after 1.34/0.91,
   1.43/0.98. No measurable CPU saving from the fewer statements: the remaining wake cost (0.25-0.45 ms over warm)
   is workerd opening the object and its SQLite file. Events into 1,000 distinct visitors (each a wake): 1,375 ->
   3,100 events/s between the two runs of record. The ≤ 1.0 ms target (wake and decide, the Worker's page work
   included) is missed: the warm page alone is 0.9-1.1 ms.
2. **Stats cost one alarm and one shard RPC per visitor.** The shard no longer parses in-process facts with zod,
   writes an enrolment's four dimension rows in one statement (5 upserts -> 2), and skips the transaction for a
   lone counter row (the usual one-exposure flush). Old vs new \`recordStats\` -> real \`StatsShard\` in one workerd,
   alternating: 0.89-0.98x CPU for the one-exposure flush, 0.76-0.87x for enrolment and metric flushes; deferred
   CPU per page for 400 rotating visitors 0.647 -> 0.594 ms. About 60% of a flush's shard cost is the shard's own
   SQL and commit: the next step is one commit for many visitors' flushes (the shard queues rows from concurrent
   calls for a few ms and answers each caller after the shared commit), not done yet.
3. **The visitor state grows with exposures.** \`recordExposures\` kept up to 500 exposure times per journey
   without caps. Now it keeps the last day's times only for journeys with \`perSession\`/\`perDay\` caps (their only
   reader) and the count for the rest; \`lastExposedAt\` (no reader) is gone. The bench's returning visitor:
   11,368 -> 3,940 bytes after 1,000 pages. Left: \`shared/src/nba/record-offer-shows.ts\` keeps up to 100 shows
   per offer per day whether or not the offer has a cap.
4. **decide() with 100 journeys: 59 -> 24-27 us** (\`bench/decide-bench.ts\`, this machine; the target is 25).
   Slots numbered per ruleset (an array, not a Map, per decision), templates parsed at compile time, equal
   request/visitor conditions evaluated once per decision, visitor values escaped once per decision, fewer
   allocations. Output byte-identical (case tables, and a differential run of the old and new engines on 6,000
   random decisions). The 20-offer decision point: 15-16 us (target 50). Left: stage and branch set lookups (~8%).
5. **The rules object.** Each isolate re-checked the live version itself; now a check first reads the answer
   another isolate of the same data centre got less than 2 s ago from a named Cache API cache
   (edge/src/rules/colo-live-check.ts), keeping the store's answer time so the 5 s publish bound holds. Simulated
   (workerd test, 20 isolates, 60 s, three publishes): 59 checks instead of 213, no page older than the bound.
   Publish to page delay in the bench (one isolate): max 3.6 s over 5 trials.
6. **The hot path, page by page (A/B).** \`bench/ab.mjs\`, the bundle at the start of the round (8d13ccf) vs its
   end, returning visitor, 50 KB, quiet machine: 1.084 -> 1.024 ms CPU per request, 929 -> 1,082 req/s. Profile of
   a personalized 50 KB page (\`bench/profile.mjs personalized-50k\`, per request, profiler overhead included): the
   visitor object's \`onPage\` 0.58 ms (its SQLite commit 0.30, of which the state upsert 0.18; the engine's
   \`pageView\` 0.22), the Worker's page 0.56 ms (origin fetch 0.17, rewrite 0.14), the deferred stats alarm
   0.12. The CPU target (pass-through + 0.30 ms, deferred included) would need the object's commit and the engine
   both cut several-fold; measured ideas not adopted: one regex pass in \`scriptSafeJson\` (slower than the five
   replaces in node), \`keep_names = false\` for esbuild (removes the \`__name\` helper, ~1% of self time; not
   measurable against the noise).
7. **How many objects fit in one process.** Counted at once now (waves of new visitors, each followed by a pass
   over all, so none is evicted; live = open SQLite files / 3): SQLITE_NOMEM at a \`prepare\` between 2,044 and
   2,500 live objects, with 6,173 of 20,000 open files, 2,263 of 65,530 memory maps and ~840 MB resident of 24 GB.
   So neither the file nor the map limit, nor the machine's memory: an allocation ceiling of workerd's SQLite,
   reached by each object's connection (schema, page cache, and every distinct statement it ran, which workerd
   caches per object: src/workerd/api/sql.c++, up to 1 MB of SQL text). A one-table object stops near 3,400, so
   5,000 in one local process is out of reach for any object with a schema like ours; the target is missed. On
   Cloudflare an object class spreads over many machines, and what bounds how many share one isolate is its
   128 MB: at ~26-140 KB of heap per live object (the \`bytes per live visitor object\` row; the spread is the
   cold pass's GC timing), one isolate holds roughly 900-5,000 visitors' objects, and an object idle for ~10 s is
   evicted (its SQLite stays), so only visitors active in the last seconds count.
8. **Found along the way.** When SQLite runs out of memory, \`POST /__waymark/api/visitors/:id/events\` answers a
   generic 500 \`internal error\` (pages fail open correctly). GrowthBook's edge app treats every GET as a page (it
   appended the banner to the CSS asset) and buffers the whole body: its first byte on the split page comes after
   the second half.
`;
