// Findings written after reading runs, profiles (bench/profile.mjs) and A/Bs (bench/ab.mjs): appended to
// docs/benchmarks.md under the generated tables. Figures here are from runs on the same machine: 2026-11-24 (the
// first round) and 2026-12-05 (issue 19's round, marked as such).
export const NOTES = `## How to read these figures

- The two cores are shared with the rest of the team: req/s moves by 10-30% between rounds of the same row
  (\`rounds\` in \`.bench/results.json\`). Rows alternate (1-5, then 5-1) so drift hits every row alike; ratios are
  steadier than absolute figures. Compare runs by their ratios and CPU deltas, and look at the load average above.
- CPU is the whole workerd process: the Worker, the visitor Durable Object (billed to the object on Cloudflare, not
  to the Worker's 10 ms) and workerd's HTTP work. "Deferred" is CPU spent after the last response until the process
  is idle again (the visitor object's alarm delivering stats ~5 s later), per request. Rows wait for it to finish so
  it never lands in the next row.
- The 5,000-visitor row runs over three workerd processes: workerd caps SQLite at 512 MiB of heap per process, for
  all its objects together, and one process stops near 2,400 live Waymark visitor objects (the "live visitor
  objects at once" rows). The autogate that raises the cap turns on every other autogate too, so the speed rows
  run without it. On Cloudflare the objects spread over machines; here the three processes share the same two
  cores.
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
   SQL and commit. Measured and not adopted (third session): one commit for many visitors' flushes (the shard
   queued the rows of calls arriving together, wrote them in one timer turn and answered each after the shared
   commit, a failing call refused alone). \`bench/ab.mjs\` with 1,000 rotating visitors, 4 alternating rounds:
   deferred CPU 0.468 (old) vs 0.685 ms per page (new), worse in 3 of 4 rounds. The timer turn and the
   batch's savepoint cost more than the commits saved; why, exactly, was not profiled.
   Found in the second session: after a delivery, the alarm was set for the next row's due time, so a visitor
   loading pages faster than the 5 s batching delay got one alarm and one shard call per page. A delivery now takes
   every first-try stats and export row still in its delay (edge/src/visitor/object/outbox.ts): returning visitor,
   50 KB, \`bench/ab.mjs\` (4 alternating rounds): deferred CPU 0.269 -> 0.022 ms per page. Measured and not adopted:
   delivering right after each page (no alarm unless one went less than 5 s before), which would save the alarm,
   a billed request on Cloudflare. Old vs new, rotating visitors, CPU per page with deferred work: 1,000 visitors
   2.32 vs 2.36 ms, 2,500 3.19 vs 3.49, 5,000 4.77 vs 4.90, and 26% fewer req/s under load in each run, the
   delivery then competing with pages. An erasure now waits for a delivery in flight: an opt-out during one
   counted the enrolment twice (a workerd test shows it).
3. **The visitor state grows with exposures.** \`recordExposures\` kept up to 500 exposure times per journey
   without caps. Now it keeps the last day's times only for journeys with \`perSession\`/\`perDay\` caps (their only
   reader) and the count for the rest; \`lastExposedAt\` (no reader) is gone. The bench's returning visitor:
   11,368 -> 3,940 bytes after 1,000 pages. Offers the same (second session): \`recordOfferShows\` kept up to 100
   show times per offer per day, capped or not; now only a capped offer keeps its last max(perSession, perDay)
   shows, which the caps decide on exactly as on all of them (shared/test/nba/offer-action.test.ts).
4. **decide() with 100 journeys: 59 -> 20-21 us** (\`bench/decide-bench.ts\`, this machine; the target is 25).
   Slots numbered per ruleset (an array, not a Map, per decision), templates parsed at compile time, equal
   request/visitor conditions evaluated once per decision, visitor values escaped once per decision, fewer
   allocations. Then (second session, 24-26 -> 20-21 us, 0.85-0.87x in paired rounds): schedule and cap checks only
   for journeys that have them (V8 had spent its inlining budget on them), plain loops for stage and branch
   lookups, a fast path for text-only templates, journeys appending to the decision's own lists (no outcome object
   per journey). Output byte-identical (case tables, and differential runs of the old and new engines on 6,000 and
   5,000 random decisions). The 20-offer decision point: 15-16 us (target 50). Not adopted: one pass over the
   state's journeys by id (its speed depends on whether V8 holds \`state.journeys\` as a dictionary), caching
   rendered templates across decisions (only the bench replays one state).
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
7. **How many objects fit in one process.** Counted at once (waves of new visitors, each followed by a pass over
   all so none is evicted; live = the visitor objects' open SQLite databases): SQLITE_NOMEM at a \`prepare\`
   between 2,000 and 2,500 live objects, with 6,173 of 20,000 open files, ~2,260 of 65,530 memory maps and ~840 MB
   resident of 24 GB. The limit is workerd's own: \`SqliteDatabase::setupSecurity()\` in
   src/workerd/util/sqlite.c++ sets \`sqlite3_hard_heap_limit64(512 MiB)\` (and a 128 MiB soft limit) for the whole
   process, every object's database counting against it. Read from the running process with gdb: 536,870,912
   bytes; ~217 KB of SQLite heap per Waymark visitor object (157 KB for a one-table object: its ceiling ~3,300,
   measured 3,254-3,282), +1.5 KB per distinct statement an object ran (workerd keeps each prepared), +2.6 KB per
   table, nothing for row size. So no change to the objects reaches 5,000 under that cap (PRAGMA cache_size and
   shrink_memory are refused in Durable Objects). workerd's \`increase-sqlite-hard-heap-limit\` autogate raises it
   to 8 GiB: with it (turned on through \`WORKERD_ALL_AUTOGATES\`, for this count only) one process holds 5,000 of
   5,000 visitor objects live at once, the bench's second capacity row, at ~360 KB of resident memory each (SQLite
   connection, JS heap ~12 KB, file buffers). On Cloudflare the cap is per process and shared by every object on
   the machine, so SQLITE_NOMEM can hit one of ours because of others: the visitor API answers it 503 with
   Retry-After and pages are served unpersonalized. What bounds how many of our objects share an isolate is its
   128 MB of JS heap (~12 KB each: about 10,000), and an object idle for ~10 s is evicted (its SQLite stays).
8. **Found along the way.** When SQLite runs out of memory, \`POST /__waymark/api/visitors/:id/events\` answers
   503 \`visitor temporarily unavailable, retry later\` with Retry-After (pages fail open). GrowthBook's edge app treats every GET as a page (it
   appended the banner to the CSS asset) and buffers the whole body: its first byte on the split page comes after
   the second half.
`;
