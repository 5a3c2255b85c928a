import { retryDelay } from "../core/retry-delay.ts";
import { guard } from "./guard.ts";
import { postJson } from "./post-json.ts";
import { loadSession, saveSession } from "./session-store.ts";

export interface BeaconEvent {
  type: string;
  data?: Record<string, unknown>;
  at: number;
  id: string;
}

const ENDPOINT = "/__waymark/events";
const PENDING_KEY = "wm_pending";
const MAX_BATCH = 50; // EVENT_LIMITS.maxBatch
const MAX_QUEUE = 200;
const MAX_STORED = 100;
const MAX_ATTEMPTS = 6;

export interface Transport {
  send(event: BeaconEvent, urgent?: boolean): void;
  flush(): void;
  /** Forget everything queued (opt-out). */
  clear(): void;
  lost(): number;
}

/**
 * Batches events and POSTs them to the edge. Failed sends (network, 429, 5xx) are retried with backoff honouring
 * Retry-After; unsent events survive page loads in sessionStorage (bounded), and every event finally given up on is
 * counted and warned about. Each event carries an id, so a retry the edge already saw is not counted twice.
 */
export function createTransport(flushMs: number, onReply: (body: unknown) => void): Transport {
  let queue: BeaconEvent[] = loadSession<BeaconEvent[]>(PENDING_KEY, []);
  if (!Array.isArray(queue)) queue = [];
  let inflight: BeaconEvent[] = [];
  let attempt = 0;
  let retryAt = 0;
  let timer: ReturnType<typeof setTimeout> | 0 = 0;
  let lost = 0;

  const persist = () => {
    const pending = inflight.concat(queue).slice(-MAX_STORED);
    saveSession(PENDING_KEY, pending.length ? pending : null);
  };

  const drop = (events: BeaconEvent[], why: string) => {
    if (!events.length) return;
    lost += events.length;
    console.warn(`waymark: dropped ${events.length} event(s) (${why}); ${lost} lost on this page`);
  };

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, Math.max(ms, retryAt - Date.now(), 0));
  };

  const retry = (batch: BeaconEvent[], retryAfter: string | null, why: string) => {
    inflight = [];
    if (++attempt > MAX_ATTEMPTS) {
      attempt = 0;
      drop(batch, `${why}, gave up after ${MAX_ATTEMPTS} attempts`);
    } else {
      queue = batch.concat(queue);
      retryAt = Date.now() + retryDelay(attempt, retryAfter, Date.now(), Math.random());
    }
    persist();
    if (queue.length) schedule(0);
  };

  const flush = guard(() => {
    if (timer) clearTimeout(timer);
    timer = 0;
    if (inflight.length || !queue.length) return;
    if (Date.now() < retryAt) return schedule(0);
    const batch = (inflight = queue.splice(0, MAX_BATCH));
    persist();
    postJson(ENDPOINT, { events: batch }).then(
      guard((res: Response) => {
        if (res.status === 429 || res.status >= 500)
          return retry(batch, res.headers.get("retry-after"), `HTTP ${res.status}`);
        inflight = [];
        attempt = 0;
        retryAt = 0;
        if (!res.ok) drop(batch, `refused with HTTP ${res.status}`);
        persist();
        if (queue.length) schedule(0);
        if (res.ok) res.json().then(guard(onReply), () => {});
      }),
      guard(() => retry(batch, null, "network error")),
    );
  });

  // Leaving the page: hand what is queued to sendBeacon (it outlives the page). While backing off, keep the events
  // in sessionStorage instead: the next page of the session sends them.
  const onHide = guard(() => {
    if (!queue.length || Date.now() < retryAt) return persist();
    const batch = queue.splice(0, MAX_BATCH);
    // As text/plain (the edge reads JSON whatever the type): no preflight, nothing a browser could refuse.
    if (!navigator.sendBeacon?.(ENDPOINT, JSON.stringify({ events: batch }))) queue = batch.concat(queue);
    persist();
  });
  addEventListener("pagehide", onHide);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && onHide());

  if (queue.length) schedule(0);

  return {
    send(event, urgent) {
      queue.push(event);
      if (queue.length > MAX_QUEUE) drop(queue.splice(0, queue.length - MAX_QUEUE), "queue full");
      persist();
      if (urgent) schedule(0);
      else if (!timer) schedule(flushMs);
    },
    flush: () => schedule(0),
    clear() {
      queue = [];
      persist();
    },
    lost: () => lost,
  };
}
