import { StatusError } from "itty-router";

/** Largest JSON body any Waymark endpoint accepts. */
export const MAX_JSON_BYTES = 256 * 1024;

/**
 * Read a request body as JSON, refusing oversize bodies with 413 (checked on the declared length and
 * while reading, so a lying Content-Length cannot get past it) and bad JSON with 400.
 */
export async function readJson(request: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new StatusError(413, `body larger than ${limit} bytes`);
  if (!request.body) throw new StatusError(400, "body required");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new StatusError(413, `body larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    bytes.set(c, off);
    off += c.byteLength;
  }
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) throw new StatusError(400, "body required");
  try {
    return JSON.parse(text);
  } catch {
    throw new StatusError(400, "body is not valid JSON");
  }
}

/** A JSON body that may be absent (e.g. POST /publish with no note): {} then. */
export async function readOptionalJson(request: Request): Promise<unknown> {
  if (!request.body || request.headers.get("content-length") === "0") return {};
  return readJson(request);
}

/** A JSON answer that is never cached (every API answer is about live state). */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
