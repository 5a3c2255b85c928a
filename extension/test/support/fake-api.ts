export interface ApiCall {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Route = (call: ApiCall) => { status?: number; body: unknown } | undefined;

/**
 * A fetch that answers like a Waymark site, from a table of "METHOD /path" (or "METHOD /prefix*") handlers, and records every call so a
 * test can check what the extension sent (and to whom).
 */
export function fakeApi(routes: Record<string, Route | { status?: number; body: unknown }>) {
  const calls: ApiCall[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    const call: ApiCall = {
      method: init?.method ?? "GET",
      url: url.href,
      path: url.pathname + url.search,
      headers,
      body,
    };
    calls.push(call);
    const key = `${call.method} ${url.pathname}`;
    // Exact "METHOD /path" first, then the longest "METHOD /prefix*" that matches.
    const prefix = Object.keys(routes)
      .filter((k) => k.endsWith("*") && key.startsWith(k.slice(0, -1)))
      .sort((a, b) => b.length - a.length)[0];
    const route = routes[key] ?? (prefix ? routes[prefix] : undefined);
    const answer = typeof route === "function" ? route(call) : route;
    if (!answer) return Response.json({ error: "not found" }, { status: 404 });
    return Response.json(answer.body, { status: answer.status ?? 200 });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}
