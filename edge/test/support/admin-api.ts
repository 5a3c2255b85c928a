import { SELF } from "cloudflare:test";
import type { JourneyInput } from "@waymark/shared/schemas/journey.ts";

/** The admin token the test config binds (edge/vitest.config.ts). */
export const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
export const SITE = "https://shop.example";

export interface ApiAnswer {
  status: number;
  // Tests inspect arbitrary JSON shapes.
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  res: Response;
}

/** Calls the Worker as a client would: bearer token (unless `token: null`), JSON body. */
export async function api(
  method: string,
  path: string,
  body?: unknown,
  opts: { token?: string | null; headers?: Record<string, string>; fetcher?: (r: Request) => Promise<Response> } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const url = path.startsWith("http") ? path : `${SITE}${path.startsWith("/__waymark") ? "" : "/__waymark/api"}${path}`;
  const req = new Request(url, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    redirect: "manual",
  });
  const res = await (opts.fetcher ? opts.fetcher(req) : SELF.fetch(req));
  const text = await res.clone().text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, res };
}

/** A small valid journey with a unique id. */
export function makeJourney(id: string, extra: Partial<JourneyInput> = {}): JourneyInput {
  return {
    id,
    name: `Journey ${id}`,
    stages: [{ id: "start" }, { id: "later" }, { id: "done", exit: true }],
    start: "start",
    transitions: [
      { from: "start", to: "later", on: "add_to_cart" },
      { from: "later", to: "done", after: "30m" },
    ],
    branches: [
      { id: "a", weight: 1 },
      { id: "b", weight: 1 },
    ],
    actions: [
      { type: "insert", selector: "body", position: "prepend", html: "<p>hi</p>", stage: "later", branch: "a" },
    ],
    ...extra,
  };
}
