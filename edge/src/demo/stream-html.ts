const encoder = new TextEncoder();

/**
 * An HTML response streamed one part per pull, the head first, the way a real origin flushes early.
 * The edge is expected to rewrite it as it streams, so the demo must not hand it one finished string.
 */
export function streamHtml(parts: string[], init: { status?: number; headers?: HeadersInit } = {}): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < parts.length) controller.enqueue(encoder.encode(parts[i++]));
      if (i >= parts.length) controller.close();
    },
  });
  const headers = new Headers(init.headers);
  headers.set("content-type", "text/html; charset=utf-8");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-cache");
  return new Response(body, { status: init.status ?? 200, headers });
}
