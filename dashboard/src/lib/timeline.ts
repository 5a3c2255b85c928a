import { DeviceClass, Duration, VisitorEvent, parseDuration, type RequestContext } from "@waymark/shared";

/** One step of a simulated visitor's timeline, as the simulator's rows edit it (event data as JSON text). */
export type TimelineStep =
  | { kind: "page"; path: string; device: DeviceClass; country: string; referrer: string }
  | { kind: "event"; type: string; data: string }
  | { kind: "wait"; duration: string };

export type StepKind = TimelineStep["kind"];

export function newStep(kind: StepKind): TimelineStep {
  if (kind === "page") return { kind, path: "/", device: "desktop", country: "US", referrer: "" };
  if (kind === "event")
    return {
      kind,
      type: "add_to_cart",
      data: '{"id": "trail-compass", "name": "Brass Trail Compass", "price": 39, "quantity": 1}',
    };
  return { kind, duration: "31m" };
}

/** A first timeline that shows something: browse, add to cart, leave for half an hour, come back. */
export function sampleTimeline(): TimelineStep[] {
  return [
    // A product page of the demo shop (edge/src/demo/catalog.ts), so the timeline also runs against the demo.
    { kind: "page", path: "/products/trail-compass", device: "desktop", country: "US", referrer: "" },
    newStep("event"),
    { kind: "wait", duration: "31m" },
    { kind: "page", path: "/", device: "desktop", country: "US", referrer: "" },
  ];
}

export type StepIssues = Partial<Record<string, string>>;

const parseData = (text: string): { ok: true; value: unknown } | { ok: false } => {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** Problems with a step, by its field name, in the shared schemas' words. */
export function stepIssues(step: TimelineStep): StepIssues {
  const out: StepIssues = {};
  if (step.kind === "page") {
    if (!step.path.startsWith("/")) out.path = 'must start with "/"';
    if (!DeviceClass.safeParse(step.device).success) out.device = "must be mobile, tablet or desktop";
    if (step.country && !/^[A-Za-z]{2}$/.test(step.country)) out.country = "must be a 2-letter country code";
  } else if (step.kind === "event") {
    const data = parseData(step.data);
    if (!data.ok) out.data = "must be a JSON object";
    else {
      const r = VisitorEvent.safeParse({ type: step.type, ...(data.value === undefined ? {} : { data: data.value }) });
      if (!r.success) for (const i of r.error.issues) out[i.path[0] === "type" ? "type" : "data"] ??= i.message;
    }
  } else {
    const r = Duration.safeParse(step.duration);
    if (!r.success) out.duration = r.error.issues[0]?.message ?? "invalid duration";
  }
  return out;
}

/** The event a step sends (undefined for non-event steps or invalid data). */
export function stepEvent(step: TimelineStep): VisitorEvent | undefined {
  if (step.kind !== "event") return undefined;
  const data = parseData(step.data);
  if (!data.ok) return undefined;
  const r = VisitorEvent.safeParse({ type: step.type, ...(data.value === undefined ? {} : { data: data.value }) });
  return r.success ? r.data : undefined;
}

export function waitMs(step: TimelineStep): number {
  return step.kind === "wait" ? parseDuration(step.duration) : 0;
}

/** The request a page step makes, as the edge would describe it to the engine. */
export function pageContext(step: Extract<TimelineStep, { kind: "page" }>, host: string): RequestContext {
  const url = new URL(step.path, `https://${host}`);
  return {
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    referrer: step.referrer.trim() || null,
    device: step.device,
    country: step.country ? step.country.toUpperCase() : null,
    cookies: {},
    host,
  };
}

/** "page /cart (mobile, DE)", "event add_to_cart", "wait 31m". */
export function describeStep(step: TimelineStep): string {
  if (step.kind === "page")
    return `page ${step.path} (${step.device}${step.country ? `, ${step.country.toUpperCase()}` : ""})`;
  if (step.kind === "event") return `event ${step.type}`;
  return `wait ${step.duration}`;
}
