// Issue 12 item 9: a site's WebSocket endpoint behind Waymark. The upgrade must reach the origin untouched (Upgrade
// and Connection kept) and the socket must pass through the Worker, with personalization on or off, and without
// any decision or visitor state for it.
import { expect, inject, it } from "vitest";
import { BROWSER, freshVisitorId, SITE, viaWorker, visitorObjectExists } from "./support/edge.ts";

declare module "vitest" {
  export interface ProvidedContext {
    websocketOriginUrl: string;
  }
}

const WS_ORIGIN = inject("websocketOriginUrl");

/** Opens a WebSocket to `path` through the Worker; resolves to the socket and its messages as they arrive. */
async function connect(path: string, opts: { headers?: Record<string, string>; env?: Partial<Env> } = {}) {
  const res = await viaWorker(new Request(SITE + path, { headers: { upgrade: "websocket", ...opts.headers } }), {
    ORIGIN_URL: WS_ORIGIN,
    ...opts.env,
  });
  const ws = res.webSocket;
  if (!ws) return { res, ws: null, next: async () => null as string | null };
  const queue: string[] = [];
  const waiting: ((m: string) => void)[] = [];
  ws.addEventListener("message", (e) => {
    const m = typeof e.data === "string" ? e.data : new TextDecoder().decode(e.data as ArrayBuffer);
    const w = waiting.shift();
    if (w) w(m);
    else queue.push(m);
  });
  ws.accept();
  const next = () =>
    queue.length ? Promise.resolve(queue.shift()!) : new Promise<string>((resolve) => waiting.push(resolve));
  return { res, ws, next };
}

it("passes a WebSocket upgrade through to the origin and back (echo)", async () => {
  const { res, ws, next } = await connect("/ws/chat?room=1");
  expect(res.status).toBe(101);
  expect(ws).not.toBeNull();
  const hello = JSON.parse((await next())!) as { url: string; headers: Record<string, string> };
  expect(hello.url).toBe("/ws/chat?room=1");
  expect(hello.headers.upgrade?.toLowerCase()).toBe("websocket");
  ws!.send("hi there");
  expect(await next()).toBe("echo:hi there");
  ws!.close(1000, "done");
});

it("passes the upgrade through with PERSONALIZATION=off", async () => {
  const { res, ws, next } = await connect("/ws", { env: { PERSONALIZATION: "off" } });
  expect(res.status).toBe(101);
  await next(); // the origin's hello
  ws!.send("off");
  expect(await next()).toBe("echo:off");
  ws!.close(1000, "done");
});

it("passes a browser's upgrade through without touching the visitor's object or setting a cookie", async () => {
  const id = freshVisitorId();
  const { res, ws, next } = await connect("/ws", {
    headers: { ...BROWSER, "sec-fetch-dest": "websocket", cookie: `wm_vid=${id}` },
  });
  expect(res.status).toBe(101);
  expect(res.headers.get("set-cookie")).toBeNull();
  expect(res.headers.get("x-waymark")).toBeNull();
  await next();
  ws!.send("browser");
  expect(await next()).toBe("echo:browser");
  ws!.close(1000, "done");
  expect(await visitorObjectExists(id)).toBe(false);
});

it("still drops Upgrade from ordinary requests that do not ask for one (the origin's 426 passes through)", async () => {
  const res = await viaWorker(new Request(SITE + "/ws", { headers: BROWSER }), { ORIGIN_URL: WS_ORIGIN });
  expect(res.status).toBe(426);
  expect(res.webSocket).toBeNull();
  await res.body?.cancel();
});
