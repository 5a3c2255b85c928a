/** How far browsers look for a <meta> charset (WHATWG HTML: the first 1024 bytes). */
export const PRESCAN_BYTES = 1024;

/**
 * Reads the first bytes of a body without buffering the page: chunks until `limit` bytes, the end of the body, or
 * the end of the <head> (a "<body" or "</head" tag: no meta that matters can follow, so a page that then stalls is
 * not held back). Returns those bytes and a stream of the whole body (the peeked chunks, then the rest, pulled
 * as it is read).
 */
export async function peekHead(
  body: ReadableStream<Uint8Array>,
  limit = PRESCAN_BYTES,
): Promise<{ head: Uint8Array; body: ReadableStream<Uint8Array> }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let text = ""; // the peeked bytes as latin1, to look for the end of the head
  let ended = false;
  let failed: { error: unknown } | null = null;
  while (size < limit) {
    let r: ReadableStreamReadResult<Uint8Array>;
    try {
      r = await reader.read();
    } catch (error) {
      // The origin failed early: the bytes so far are still the page's; the stream ends with the same error.
      failed = { error };
      break;
    }
    if (r.done) {
      ended = true;
      break;
    }
    chunks.push(r.value);
    size += r.value.byteLength;
    for (const b of r.value.subarray(0, Math.max(0, limit - text.length))) text += String.fromCharCode(b);
    if (/<body|<\/head/i.test(text)) break;
  }
  const head = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const c of chunks) {
    if (at >= head.length) break;
    const part = c.subarray(0, head.length - at);
    head.set(part, at);
    at += part.length;
  }

  // The peeked chunks again, then the rest of the origin body, pulled as the reader asks (no buffering).
  let next = 0;
  const readable = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (next < chunks.length) return controller.enqueue(chunks[next++]);
        if (failed) return controller.error(failed.error);
        if (ended) return controller.close();
        const r = await reader.read();
        if (r.done) controller.close();
        else controller.enqueue(r.value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { head, body: readable };
}
