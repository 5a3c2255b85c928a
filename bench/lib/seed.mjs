// Seeds a Waymark worker: the ten bench journeys published through the admin API, and returning visitors whose
// state makes the banner show (an add_to_cart, then the clock moved past the journey's 30-minute idle window).
import { adminCall, pool } from "./admin-api.mjs";
import { BENCH_JOURNEYS } from "./bench-journeys.mjs";

/** Replaces whatever the store holds (a fresh store starts with the seed journeys) with the ten bench journeys. */
export async function publishJourneys(baseUrl) {
  const { journeys } = await adminCall(baseUrl, "GET", "/journeys");
  const keep = new Set(BENCH_JOURNEYS.map((j) => j.id));
  for (const { id } of journeys) if (!keep.has(id)) await adminCall(baseUrl, "DELETE", `/journeys/${id}`);
  for (const j of BENCH_JOURNEYS) await adminCall(baseUrl, "PUT", `/journeys/${j.id}`, j);
  const { version } = await adminCall(baseUrl, "POST", "/publish", { note: "bench" });
  return version;
}

/** A valid wm_vid (22-32 chars of [A-Za-z0-9_-]), distinct per index and per run tag. */
export const visitorId = (tag, i) => `bench_${tag}_${String(i).padStart(16, "0")}`;

const CART_ITEM = { id: "sku-42", name: "Trail running shoes", price: 89, quantity: 1 };

/** Gives each visitor a cart left idle past 30 minutes. */
export async function prepareReturningVisitors(baseUrl, ids, { concurrency = 10 } = {}) {
  await pool(ids, concurrency, async (id) => {
    // The event id makes a retried call harmless.
    const event = { type: "add_to_cart", data: CART_ITEM, id: `seed-${id}` };
    await adminCall(baseUrl, "POST", `/visitors/${id}/events`, { events: [event] });
    await adminCall(baseUrl, "POST", `/visitors/${id}/advance-time`, { by: "31m" });
  });
}
