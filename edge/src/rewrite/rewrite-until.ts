/**
 * Runs `rewriter` over the page only until `done()` turns true, then passes the rest of the origin body through
 * natively, unparsed (HTMLRewriter costs ~3 ms of CPU per MB it parses). The rewriter reads from a pull stream
 * with no buffering, so `done()` is checked between origin chunks: the chunk that completed the edits is
 * rewritten in full, and the next one is the first passed through. Its output is copied into an
 * IdentityTransformStream (a native stream: no per-chunk JS transform), followed by a native pipe of the rest.
 */
export function rewriteUntil(body: ReadableStream<Uint8Array>, rewriter: HTMLRewriter, done: () => boolean) {
  const origin = body.getReader();
  let cut = false;
  const input = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (done()) {
          cut = true;
          controller.close();
          return;
        }
        const r = await origin.read();
        if (r.done) controller.close();
        else controller.enqueue(r.value);
      },
      cancel(reason) {
        return origin.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  const rewritten = rewriter.transform(new Response(input)).body!;
  const { readable, writable } = new IdentityTransformStream();
  const copy = async () => {
    const writer = writable.getWriter();
    const out = rewritten.getReader();
    try {
      for (;;) {
        const r = await out.read();
        if (r.done) break;
        await writer.write(r.value);
      }
    } catch (err) {
      await writer.abort(err).catch(() => {});
      await origin.cancel(err).catch(() => {});
      return;
    }
    if (!cut) {
      await writer.close();
      return;
    }
    writer.releaseLock();
    origin.releaseLock();
    // The visitor going away cancels the readable side; the origin fetch is then cancelled with it.
    await body.pipeTo(writable).catch(() => {});
  };
  void copy();
  return readable;
}
