// Minimal admin API calls for seeding (bearer token), with clear errors when an endpoint is missing or refuses.
import http from "node:http";
import { timedRequest } from "./timed-request.mjs";
import { ADMIN_TOKEN } from "./waymark-worker-options.mjs";

const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });

/** One admin call; a connection reset (keep-alive race) is retried, an HTTP error is not. */
export async function adminCall(baseUrl, method, path, body, attempt = 1) {
  let r;
  try {
    r = await timedRequest(`${baseUrl}/__waymark/api${path}`, {
      method,
      agent,
      keepBody: true,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        "content-type": "application/json",
        accept: "application/json",
      },
    });
  } catch (err) {
    if (attempt >= 3) throw err;
    return adminCall(baseUrl, method, path, body, attempt + 1);
  }
  if (r.status < 200 || r.status > 299)
    throw new Error(`bench: ${method} /__waymark/api${path} -> ${r.status} ${r.body.slice(0, 300)}`);
  return r.body ? JSON.parse(r.body) : null;
}

/** Runs `fn` over `items` with `limit` in flight. */
export async function pool(items, limit, fn) {
  let i = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (i < items.length) {
        const item = items[i++];
        await fn(item);
      }
    }),
  );
}
