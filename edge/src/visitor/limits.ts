/** Events per visitor per minute from browsers: far above what a person produces, low enough to stop a flood. */
export const BEACON_EVENTS_PER_MINUTE = 600;
/** Server-side ingestion (backends replaying history) may go faster. */
export const INGEST_EVENTS_PER_MINUTE = 6_000;
