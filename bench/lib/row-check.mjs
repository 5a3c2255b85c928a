// Before a row is loaded, one request proves it measures what its name says: the banner is in the page where it
// should be and nowhere else, and the Worker's X-Waymark header says what it did.
import { BANNER_CLASS } from "./banner.mjs";
import { timedRequest } from "./timed-request.mjs";

export async function checkRow({ url, headers, expectBanner, expectOutcome }) {
  const r = await timedRequest(url, { keepBody: true, headers: { accept: "text/html", ...headers } });
  const banner = r.body.includes(BANNER_CLASS);
  const outcome = r.headers["x-waymark"] ?? null;
  const problems = [];
  if (r.status !== 200) problems.push(`status ${r.status}`);
  if (banner !== expectBanner) problems.push(expectBanner ? "no banner" : "banner present");
  if (expectOutcome && outcome !== expectOutcome) problems.push(`X-Waymark: ${outcome ?? "absent"}`);
  return { ok: problems.length === 0, note: problems.join(", "), outcome, bytes: r.bytes, status: r.status };
}
