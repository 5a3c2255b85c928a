import { cleanEventData, EVENT_TYPE_RE } from "../core/clean-event-data.ts";
import type { Emit } from "./emit.ts";
import { eventId } from "./event-id.ts";
import { guard } from "./guard.ts";
import { postJson } from "./post-json.ts";
import type { Nudges } from "./nudges.ts";
import type { Transport } from "./transport.ts";

/** The public API, window.waymark. Every method is guarded: calling it wrong never throws into the site's code. */
export interface WaymarkApi {
  track(type: string, data?: Record<string, unknown>): void;
  /**
   * Links this browser to a customer, proven by `token`: signed by the site's backend with IDENTITY_SECRET
   * (docs/events-and-beacon.md). `identify(null)` unlinks (logout).
   */
  identify(customerId: string | null, token?: string): void;
  dismiss(journey: string): void;
  optOut(): void;
  optIn(): void;
  flush(): void;
  /** Events given up on (after retries, or refused), on this page. */
  readonly lost: number;
}

const METHODS = ["track", "identify", "dismiss", "optOut", "optIn", "flush"] as const;

function post(path: string, body?: unknown): void {
  postJson(path, body || {}).then(
    (r) => r.ok || console.warn("waymark:", path, r.status),
    () => console.warn("waymark:", path, "failed"),
  );
}

/** wm_optout=1 (set by the edge on opt-out, readable by scripts): the beacon sends nothing and shows nothing. */
export const isOptedOut = () => /(?:^|;\s*)wm_optout=1/.test(document.cookie);

export function createApi(transport: Transport, nudges: Nudges): { api: WaymarkApi; emit: Emit } {
  let optedOut = isOptedOut();
  const emit: Emit = (type, data, urgent, id) => {
    if (optedOut) return;
    if (!EVENT_TYPE_RE.test(type)) return void console.warn("waymark: bad event type", type);
    transport.send({ type, data: cleanEventData(data), at: Date.now(), id: id || eventId() }, urgent);
  };
  const api = {
    track: guard((type: string, data?: Record<string, unknown>) => emit(String(type), data, type === "purchase")),
    identify: guard((customerId: string | null, token?: string) => {
      if (optedOut) return;
      if (customerId === null) return post("/__waymark/identify", { customerId: null });
      if (!customerId) return;
      if (typeof token !== "string" || !token) return console.warn("waymark: identify needs a token");
      post("/__waymark/identify", { customerId: String(customerId).slice(0, 128), token: token.slice(0, 512) });
    }),
    dismiss: guard((journey: string | { journey?: string }) => {
      const j = String(typeof journey === "object" && journey ? journey.journey : journey);
      nudges.remove(j);
      emit("dismiss", { journey: j }, true);
    }),
    optOut: guard(() => {
      optedOut = true;
      transport.clear();
      post("/__waymark/opt-out");
    }),
    optIn: guard(() => {
      optedOut = false;
      post("/__waymark/opt-in");
    }),
    flush: guard(() => transport.flush()),
    get lost() {
      return transport.lost();
    },
  };
  return { api: api as WaymarkApi, emit };
}

/**
 * Replay calls a stub made before the beacon loaded. Entries are [method, ...args] (the documented stub) or
 * [eventType, data] (a stub that only queues track calls).
 */
export function drainQueue(api: WaymarkApi, queue: unknown): void {
  if (!Array.isArray(queue)) return;
  for (const entry of queue.slice(0, 200)) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string") continue;
    const [name, ...args] = entry as [string, ...unknown[]];
    if ((METHODS as readonly string[]).includes(name))
      (api[name as (typeof METHODS)[number]] as (...a: unknown[]) => void)(...args);
    else api.track(name, args[0] as Record<string, unknown>);
  }
}
