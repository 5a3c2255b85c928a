// Findings written after reading runs, profiles (bench/profile.mjs) and A/Bs (bench/ab.mjs): appended to
// docs/benchmarks.md under the generated tables. Figures here are from 2026-11-24 runs on the same machine.
export const NOTES = `## How to read these figures

- The two cores are shared with the rest of the team: req/s moves by 10-30% between rounds of the same row
  (\`rounds\` in \`.bench/results.json\`). Rows alternate (1-5, then 5-1) so drift hits every row alike; ratios are
  steadier than absolute figures. Compare runs by their ratios and CPU deltas, and look at the load average above.
- CPU is the whole workerd process: the Worker, the visitor Durable Object (billed to the object on Cloudflare, not
  to the Worker's 10 ms) and workerd's HTTP work. "Deferred" is CPU spent after the last response until the process
  is idle again (the visitor object's alarm flushing stats ~5 s later), per request. Rows wait for it to finish so
  it never lands in the next row.
- The 5,000-visitor row runs over three workerd processes: one process fails SQLite allocations (SQLITE_NOMEM) past
  ~2,400 live Waymark visitor objects (~3,400 for a one-table object). On Cloudflare the objects spread over
  machines; here the three processes share the same two cores.
- Durable Object SQLite files are on tmpfs. On the VM disk every SQLite commit is an fsync (strace: 3 per page view,
  ~19 for a new visitor): events for new visitors went at 50-160 events/s there versus ~1,000 on tmpfs.
- One visitor's events: the beacon route accepts 600 events/min per visitor (a flood limit, 429 + Retry-After, the
  beacon retries), so that row measures the accepted burst only; the server-side route (6,000/min) gives a longer
  window on the same object method.

## Where the cost goes (hot spots, measured)

1. **Waking a visitor's object is the biggest cost for real traffic.** Visitors come back after minutes, so most
   page views find their object evicted. \`bench/profile.mjs cold-50k\` and a cold/warm pass over 1,000 prepared
   visitors: 1.52 ms CPU per page view cold vs 0.67 warm (+0.85 ms). A one-table SQLite object costs +0.20 ms
   (0.33 vs 0.13) for the same, so ~0.65 ms is ours. Profile of the cold pass, per request: the Worker's
   \`startDecision\` 0.40 ms self (the RPC reaching a cold object: opening its SQLite database), \`read()\` 0.14 ms
   (\`VisitorState.safeParse\` 0.07 of it), \`hasTables\` 0.05, \`meta\` 0.03. Proposals (EDGE): store a format
   version beside the state row and skip zod when it is the current one (the object wrote that JSON itself); one
   activation query instead of \`hasTables\` + \`ensureSchema\` + meta reads + the state read (select the state and
   create the schema only on "no such table").
2. **Stats cost one alarm and one shard RPC per visitor.** Deferred CPU is 0.12 ms per page view for the returning
   visitor (its pages batch within the 5 s window) but 0.41-0.50 ms for distinct visitors. Profile (1,600 visitors):
   alarm -> \`flushOutbox\` -> \`recordStats\` 0.34 ms, \`StatsShard.record\` 0.42 ms per page view. Proposals
   (EDGE/ADMIN): drop the zod parse of \`StatsEvent[]\` in \`recordStats\` for in-process callers; one RPC per shard
   per flush (not per journey); a longer flush delay (e.g. 60 s) so a visitor's next pages batch; when Analytics
   Engine is bound, count exposures there and keep shards for exact daily totals.
3. **The visitor state grows with exposures and with the number of journeys.** \`recordExposures\` keeps up to 500
   exposure timestamps per journey even when the journey has no caps: the returning visitor's state is 10-11 KB
   instead of 3.4 KB, rewritten on every page view (\`JSON.stringify\` alone 38 us in node). A/B in workerd (an object
   writing that state per request): 0.19 vs 0.12 ms CPU per request, ~0.06 ms per page view. Proposal (ENGINE,
   \`shared/src/engine/record-exposures.ts\`): keep timestamps only for journeys with \`perSession\`/\`perDay\` caps, at
   most the larger cap. Also every published journey gets a JourneyState on the first event (~250 bytes each): with
   100 journeys ~25 KB is rewritten per page view; storing only journeys that left their start stage (or were
   exposed) keeps it to what the visitor did.
4. **Early stop of the rewriter pays only on large pages (changed).** \`bench/ab.mjs\` on the shop listing page, early
   stop vs a full parse, CPU per personalized request: +0.25 ms at 50 KB, +0.17-0.22 ms at 100 KB (-18% req/s),
   even at 200-400 KB, -0.5 ms at 1 MB. HTMLRewriter parses this page at ~0.8 ms/MB; the early stop's streams cost
   ~0.25 ms. \`EARLY_STOP_MIN_BYTES\` went from 64 KB to 256 KB (edge/src/rewrite/rewrite-page.ts, commit by BENCH):
   100 KB 0.93 -> 0.71 ms, +21% req/s. Pages without a Content-Length still stop early.
5. **decide() with 100 journeys is 50-68 us** (every journey applying a templated insert, worst case). Profile:
   per-action template work (\`templateValues\` rebuilt per action, \`renderTemplate\`, \`renderAction\`), the trace
   built for every journey, GC. Proposals (ENGINE): template values once per decide; build traces only when asked
   (the page RPC drops them). With the bench's 10 journeys a page decision is ~2 us in node: not a page hot spot.
6. **First byte.** The personalized first byte is max(origin headers, decision): the one Durable Object round trip
   (including its SQLite write) is on the critical path. Across runs +0.9 to +3.6 ms over pass-through on this
   shared machine (target +2 ms); the floor of an empty DO RPC here is ~0.12 ms at p50.
7. **Found along the way.** When SQLite runs out of memory, \`POST /__waymark/api/visitors/:id/events\` answers a
   generic 500 \`internal error\` (pages fail open correctly). GrowthBook's edge app treats every GET as a page (it
   appended the banner to the CSS asset) and buffers the whole body: its first byte on the split page comes after
   the second half.
`;
