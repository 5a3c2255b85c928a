import { expect, it } from "vitest";
import { alarmTime, alarmToSet } from "../src/visitor/object/scheduled-work.ts";

// The visitor object's one alarm (scheduled-work.ts): which time it is set to, from what is set now and the
// earliest work waiting. Pages call this on every visit, so "leave it" (null) is the common answer.
const NOW = 1_000_000;

it.each([
  // [case, current alarm, earliest work, set to]
  ["no alarm yet: set for the work", null, NOW + 5_000, NOW + 5_000],
  ["no alarm yet, work already due: set for now", null, NOW - 10, NOW],
  ["earlier work: moved earlier", NOW + 60_000, NOW + 5_000, NOW + 5_000],
  ["later work (a retention time pushed back by a page): left", NOW + 5_000, NOW + 60_000, null],
  ["same time: left", NOW + 5_000, NOW + 5_000, null],
  // A webhook sent at once: its alarm (set for now) is spent once the delivery took the row; the retry's time,
  // or the next transition's, replaces it.
  ["a past alarm, nothing due any more: replaced by the next work", NOW - 1, NOW + 30_000, NOW + 30_000],
  ["an alarm set for now, nothing due: replaced", NOW, NOW + 30_000, NOW + 30_000],
  // Moving a due alarm to a later "now" would only delay the work it is about to run.
  ["a past alarm, work still due: left", NOW - 1, NOW - 1, null],
  ["a past alarm, work due earlier still: left", NOW - 1, NOW - 500, null],
] as const)("%s", (_case, current, at, expected) => {
  expect(alarmToSet(current, at, NOW)).toBe(expected);
});

it.each([
  ["retention only", [NOW + 9e6, null, null, null], NOW + 9e6],
  ["a due transition first", [NOW + 9e6, NOW + 1_800_000, NOW + 5_000_000, null], NOW + 1_800_000],
  ["an outbox delivery first", [NOW + 9e6, NOW + 1_800_000, NOW + 5_000, null], NOW + 5_000],
  ["a refused erasure row's retry first", [NOW + 9e6, NOW + 1_800_000, NOW + 5_000, NOW - 1], NOW - 1],
] as const)("alarmTime: %s", (_case, [expires, wakeAt, outbox, pendingExport], expected) => {
  expect(alarmTime(expires, wakeAt, outbox, pendingExport)).toBe(expected);
});
