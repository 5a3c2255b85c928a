// Streaming: time to first body byte of the split page (origin sends two halves 300 ms apart), alternating the
// contenders request by request so drift hits them alike. Fresh connection per request, as a new page view.
import { median, timedRequest } from "./timed-request.mjs";

/** @param {{ name: string, url: string, headers?: Record<string,string> }[]} contenders */
export async function measureFirstByte(contenders, { rounds = 10 } = {}) {
  const samples = Object.fromEntries(contenders.map((c) => [c.name, { first: [], headers: [], end: [] }]));
  for (let i = 0; i < rounds + 1; i++) {
    for (const c of contenders) {
      const r = await timedRequest(c.url, { headers: { accept: "text/html", ...c.headers } });
      if (i === 0) continue; // warm-up
      samples[c.name].first.push(r.tFirstByte);
      samples[c.name].headers.push(r.tHeaders);
      samples[c.name].end.push(r.tEnd);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, s]) => [
      name,
      { firstByte: median(s.first), headers: median(s.headers), lastByte: median(s.end) },
    ]),
  );
}
