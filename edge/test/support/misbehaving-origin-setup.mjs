// Global setup for the reliability tests: starts the misbehaving origin (misbehaving-origin.mjs) for the whole run
// and provides its URL, the names of the real-page corpus files (null when ../shared/fixtures/real-pages is absent:
// the test isolate cannot look at the disk itself), plus how many runs each fuzz property gets (FUZZ_RUNS, set by
// `npm run fuzz`).
import { createMisbehavingOrigin, realPageNames } from "./misbehaving-origin.mjs";

export default async function setup(project) {
  const origin = createMisbehavingOrigin();
  project.provide("misbehavingOriginUrl", await origin.start());
  project.provide("realPages", realPageNames());
  const runs = Number(process.env.FUZZ_RUNS);
  project.provide("fuzzRuns", Number.isInteger(runs) && runs > 0 ? runs : 0);
  return () => origin.stop();
}
