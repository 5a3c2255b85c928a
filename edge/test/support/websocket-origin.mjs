// A site with a WebSocket endpoint, for the upgrade pass-through tests (edge/test/security-page-path.test.ts).
// Node 20 has no WebSocket server built in and the `ws` package is not a dependency, so this is a minimal RFC 6455
// server by hand: the handshake, then every text frame echoed back as "echo:<text>" (plus the request headers it
// saw, as the first message, so tests can check what the origin received). Started by global-setup.mjs.
import { createHash } from "node:crypto";
import http from "node:http";
import { createGates, onLoopback } from "./loopback-origin.mjs";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** One unmasked server frame (FIN set) with a payload of any size up to 64 KiB. */
function frame(opcode, payload) {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff]);
  return Buffer.concat([head, payload]);
}

/** Parses complete client frames (masked) off the front of `buf`; returns them and the unparsed rest. */
function parseFrames(buf) {
  const frames = [];
  for (;;) {
    if (buf.length < 2) break;
    const opcode = buf[0] & 0x0f;
    const masked = (buf[1] & 0x80) !== 0;
    let len = buf[1] & 0x7f;
    let at = 2;
    if (len === 126) {
      if (buf.length < 4) break;
      len = buf.readUInt16BE(2);
      at = 4;
    } else if (len === 127) {
      if (buf.length < 10) break;
      len = Number(buf.readBigUInt64BE(2));
      at = 10;
    }
    const maskAt = at;
    if (masked) at += 4;
    if (buf.length < at + len) break;
    const payload = Buffer.from(buf.subarray(at, at + len));
    if (masked) for (let i = 0; i < len; i++) payload[i] ^= buf[maskAt + (i % 4)];
    frames.push({ opcode, payload });
    buf = buf.subarray(at + len);
  }
  return { frames, rest: buf };
}

/** Creates the server; `start()` listens on 127.0.0.1 on a free port and resolves to its base URL. */
export function createWebSocketOrigin() {
  const server = http.createServer((req, res) => {
    // What a real WebSocket endpoint answers to a request that lost its Upgrade header.
    if (req.url.startsWith("/ws")) {
      res.writeHead(426, { "content-type": "text/plain", upgrade: "websocket", connection: "Upgrade" });
      return res.end("426 Upgrade Required");
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end('<!doctype html><html><head><meta charset="utf-8"><title>ws site</title></head><body>ok</body></html>');
  });

  server.on("upgrade", (req, socket) => {
    const key = req.headers["sec-websocket-key"];
    if (!req.url.startsWith("/ws") || String(req.headers.upgrade).toLowerCase() !== "websocket" || !key) {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      return;
    }
    const accept = createHash("sha1")
      .update(key + GUID)
      .digest("base64");
    socket.write(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.write(frame(1, Buffer.from(JSON.stringify({ url: req.url, headers: req.headers }))));
    let buf = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      const parsed = parseFrames(Buffer.concat([buf, chunk]));
      buf = parsed.rest;
      for (const f of parsed.frames) {
        if (f.opcode === 1) socket.write(frame(1, Buffer.concat([Buffer.from("echo:"), f.payload])));
        else if (f.opcode === 9)
          socket.write(frame(10, f.payload)); // ping -> pong
        else if (f.opcode === 8) {
          socket.end(frame(8, f.payload.subarray(0, 2)));
          return;
        }
      }
    });
    socket.on("error", () => {});
  });
  return onLoopback(server, createGates());
}
