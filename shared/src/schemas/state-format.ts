/**
 * The format of the VisitorState a visitor object writes: the fingerprint of the schema (FNV-1a of its JSON Schema,
 * shared/test/state-format.test.ts). An object stores it beside its state row; a row stored under the current
 * format was written by this code from a state the engine produced, so waking the object trusts it (JSON.parse,
 * no schema parse: half of a wake's CPU, issue 19). A row of another format (older release, or none recorded) is
 * parsed and repaired once (repairState), then written back under this one.
 *
 * When VisitorState changes, the test fails and names the new fingerprint: put it here.
 */
export const STATE_FORMAT = "a7f1b06b";
