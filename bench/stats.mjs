#!/usr/bin/env node
// `npm run bench:stats`: simulates experiments (seeded, so every run prints the same figures) and prints how the
// results page's statistics behave, one figure a line:
//   aa false positive rate (daily peeking, N runs): X (naive fixed-horizon: Y)
//       A/A tests (both groups convert at 10%), 300 new visitors per group per day, read every day for 30 days; a
//       false positive is a run where any day's verdict is `better` or `worse`. The default (sequential) method must
//       stay <= 0.05; the fixed-horizon interval read the same way shows why peeking needs it.
//   power (B 12% vs A 10%, N visitors/branch): X (fixed-horizon: Y)
//       share of runs whose verdict at the end is `better`, default method (and the fixed-horizon one).
//   srm detection rate (48/52 split, 10000 visitors): X (false alarms at 50/50: Y)
//       share of runs where srmTest gives p < 0.001, the results page's threshold.
// Daily counts are binomial draws, not per-visitor loops. RUNS=... overrides the number of runs (default 5,000; about
// 30 s). `--more` adds A/A lines for other settings (1% and 30% conversion, 50 visitors a day, a skewed revenue
// metric), as quoted in docs/concepts.md.
import { register } from "tsx/esm/api";

register();
const { compareMeans, srmTest, verdictOf } = await import("../shared/src/stats/index.ts");
const { seededRandom } = await import("../shared/src/engine/seeded-random.ts");
const { sampleGamma } = await import("../shared/src/engine/sample-beta.ts");

const RUNS = Number(process.env.RUNS ?? 5000);
const DAYS = 30;
const DAILY = 300; // new visitors per group per day
const POWER_N = 10_000;
const SRM_N = 10_000;
const SRM_THRESHOLD = 0.001;
const random = seededRandom(14);

/** A Binomial(n, p) draw: counts successes by geometric jumps between them (expected n * min(p, 1-p) steps). */
function binomial(n, p) {
  if (p > 0.5) return n - binomial(n, 1 - p);
  if (p <= 0) return 0;
  const logQ = Math.log(1 - p);
  let successes = 0;
  let position = 0;
  for (;;) {
    position += Math.floor(Math.log(1 - random()) / logQ) + 1;
    if (position > n) return successes;
    successes++;
  }
}

const called = (t, c, method, binary = true) => {
  const comparison = compareMeans(t, c, { method, binary });
  const v = verdictOf({ treatment: t, control: c, comparison, binary });
  return v === "better" || v === "worse" ? v : null;
};
const conv = (sum, n) => ({ n, sum, sumSq: sum });

/**
 * Share of A/A runs (both groups drawn alike) where any of the daily looks gets a verdict, per method. `day()` adds
 * one day of visitors to a group's moments.
 */
function aaRate({ daily, day, binary, runs = RUNS }) {
  let falseSequential = 0;
  let falseFixed = 0;
  for (let run = 0; run < runs; run++) {
    const a = { n: 0, sum: 0, sumSq: 0 };
    const b = { n: 0, sum: 0, sumSq: 0 };
    let hitSequential = false;
    let hitFixed = false;
    for (let d = 1; d <= DAYS; d++) {
      day(a, daily);
      day(b, daily);
      hitSequential ||= called(b, a, "sequential", binary) !== null;
      hitFixed ||= called(b, a, "fixed", binary) !== null;
    }
    if (hitSequential) falseSequential++;
    if (hitFixed) falseFixed++;
  }
  return `${fmt(falseSequential / runs)} (naive fixed-horizon: ${fmt(falseFixed / runs)})`;
}

/** One day of a conversion metric: `daily` visitors converting at `rate`. */
const conversions = (rate) => (m, daily) => {
  const k = binomial(daily, rate);
  m.n += daily;
  m.sum += k;
  m.sumSq += k;
};

// A/A with daily peeking.
console.log(
  `aa false positive rate (daily peeking, ${RUNS} runs): ${aaRate({ daily: DAILY, day: conversions(0.1), binary: true })}`,
);

// Power at the end of a 10,000-visitor-per-branch test.
let winsSequential = 0;
let winsFixed = 0;
for (let run = 0; run < RUNS; run++) {
  const a = conv(binomial(POWER_N, 0.1), POWER_N);
  const b = conv(binomial(POWER_N, 0.12), POWER_N);
  if (called(b, a, "sequential") === "better") winsSequential++;
  if (called(b, a, "fixed") === "better") winsFixed++;
}
console.log(
  `power (B 12% vs A 10%, ${POWER_N} visitors/branch): ${fmt(winsSequential / RUNS)} (fixed-horizon: ${fmt(winsFixed / RUNS)})`,
);

// Sample-ratio mismatch: a 48/52 split against a configured 50/50, and a true 50/50 split for the false alarms.
let detected = 0;
let falseAlarms = 0;
for (let run = 0; run < RUNS; run++) {
  const skewed = binomial(SRM_N, 0.48);
  if (srmTest([skewed, SRM_N - skewed], [0.5, 0.5]).pValue < SRM_THRESHOLD) detected++;
  const fair = binomial(SRM_N, 0.5);
  if (srmTest([fair, SRM_N - fair], [0.5, 0.5]).pValue < SRM_THRESHOLD) falseAlarms++;
}
console.log(
  `srm detection rate (48/52 split, ${SRM_N} visitors): ${fmt(detected / RUNS)} (false alarms at 50/50: ${fmt(falseAlarms / RUNS)})`,
);

if (process.argv.includes("--more")) {
  const runs = Math.min(RUNS, 2000);
  const settings = [
    ["1% conversion, 300/day", { daily: 300, day: conversions(0.01), binary: true }],
    ["2% conversion, 50/day", { daily: 50, day: conversions(0.02), binary: true }],
    ["30% conversion, 3000/day", { daily: 3000, day: conversions(0.3), binary: true }],
    // Revenue: 5% of visitors buy, order values Gamma(1.2) x 50 (skewed, mean 60).
    ["revenue, 5% buy, gamma order values, 300/day", { daily: 300, day: revenueDay, binary: false }],
  ];
  for (const [name, setting] of settings)
    console.log(`aa false positive rate, ${name} (daily peeking, ${runs} runs): ${aaRate({ ...setting, runs })}`);
}

function revenueDay(m, daily) {
  const buyers = binomial(daily, 0.05);
  m.n += daily;
  for (let i = 0; i < buyers; i++) {
    const value = sampleGamma(1.2, random) * 50;
    m.sum += value;
    m.sumSq += value * value;
  }
}

function fmt(x) {
  return x.toFixed(3);
}
