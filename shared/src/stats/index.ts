// The statistics of the results page (issue 14): pure functions of per-visitor moments, no I/O. See the
// "Statistics" section of docs/concepts.md for the methods and their validation (npm run bench:stats).
export * from "./moments.ts";
export * from "./gamma.ts";
export * from "./normal.ts";
export * from "./student-t.ts";
export * from "./confidence-sequence.ts";
export * from "./compare-means.ts";
export * from "./mean-interval.ts";
export * from "./srm-test.ts";
export * from "./multiple-comparisons.ts";
export * from "./verdict.ts";
export * from "./visitors-needed.ts";
