// One HTTP request with timings (ms since it was sent): response headers, first body byte, last byte.
import http from "node:http";

/**
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string,string>, body?: string, agent?: http.Agent, keepBody?: boolean }} [o]
 */
export function timedRequest(url, o = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(url, { method: o.method ?? "GET", headers: o.headers, agent: o.agent ?? false }, (res) => {
      const tHeaders = performance.now() - t0;
      let tFirstByte = null;
      let bytes = 0;
      const chunks = [];
      res.on("data", (chunk) => {
        if (tFirstByte === null) tFirstByte = performance.now() - t0;
        bytes += chunk.length;
        if (o.keepBody) chunks.push(chunk);
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          tHeaders,
          tFirstByte: tFirstByte ?? tHeaders,
          tEnd: performance.now() - t0,
          bytes,
          body: o.keepBody ? Buffer.concat(chunks).toString("utf8") : "",
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

/** Median of numbers (the mean of the middle two for an even count). */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Percentile (0..100) by nearest rank. */
export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
