import { readableAcceptEncoding } from "./unreadable-coding.ts";

// Hop-by-hop headers (RFC 9110 7.6.1) describe one connection, not the message: never forwarded.
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
];

/**
 * Is this a protocol upgrade (a WebSocket handshake)? Upgrade and Connection are hop-by-hop, but a proxy in the
 * middle of an upgrade must forward them, or the site's WebSocket endpoint answers 426 Upgrade Required.
 */
export function isUpgrade(request: Request): boolean {
  return request.headers.get("upgrade")?.trim().toLowerCase() === "websocket";
}

/** Removes hop-by-hop headers, including any the Connection header names. */
export function dropHopByHop(headers: Headers): void {
  const named = headers.get("connection");
  if (named) for (const n of named.split(",")) headers.delete(n.trim());
  for (const h of HOP_BY_HOP) headers.delete(h);
}

/** The origin URL for a request: the origin's scheme/host (and path prefix, if any) + the request's path and query. */
export function originUrlFor(requestUrl: URL, origin: URL): URL {
  const prefix = origin.pathname.replace(/\/+$/, "");
  return new URL(`${origin.protocol}//${origin.host}${prefix}${requestUrl.pathname}${requestUrl.search}`);
}

/**
 * The request to send to the origin, built explicitly from method, headers and (streamed) body: the incoming
 * request may be a router-proxied object, and Host must name the origin (fetch derives it from the URL).
 */
export function originRequest(request: Request, requestUrl: URL, origin: URL): Request {
  const headers = new Headers(request.headers);
  dropHopByHop(headers);
  if (isUpgrade(request)) {
    headers.set("upgrade", "websocket");
    headers.set("connection", "Upgrade");
  } else {
    const accept = readableAcceptEncoding(request.headers.get("accept-encoding"));
    if (accept !== null) headers.set("accept-encoding", accept);
  }
  headers.delete("host");
  const clientIp = request.headers.get("cf-connecting-ip");
  const prior = request.headers.get("x-forwarded-for");
  if (clientIp) headers.set("x-forwarded-for", prior ? `${prior}, ${clientIp}` : clientIp);
  headers.set("x-forwarded-proto", requestUrl.protocol.replace(":", ""));
  headers.set("x-forwarded-host", requestUrl.host);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(originUrlFor(requestUrl, origin), {
    method: request.method,
    headers,
    body: hasBody ? request.body : null,
    redirect: "manual",
  });
}
