// Source of a wrapper module around the Worker bundle (used only by the "waymark-count" worker, never by the
// measured rows): every Durable Object call the Worker makes through env.VISITOR / env.RULES / env.STATS while
// serving a request is attributed to that request. GET /__bench/do-calls returns the log and clears it.
// Calls a Durable Object makes itself (through its own env) are not counted: only Worker -> DO round trips.
export const COUNTING_WRAPPER = `
import worker from "./index.js";
export * from "./index.js";

const BINDINGS = ["VISITOR", "RULES", "STATS"];
let log = [];

function countingStub(stub, rec, key) {
  return new Proxy(stub, {
    get(target, prop) {
      const value = target[prop];
      if (typeof prop !== "string" || typeof value !== "function") return value;
      return (...args) => {
        rec[key] = (rec[key] ?? 0) + 1;
        rec.calls.push(key + "." + prop);
        return target[prop](...args);
      };
    },
  });
}

function countingNamespace(ns, rec, key) {
  return new Proxy(ns, {
    get(target, prop) {
      const value = target[prop];
      if (prop === "get" || prop === "getByName") return (...args) => countingStub(target[prop](...args), rec, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/__bench/do-calls") {
      const out = log;
      log = [];
      return Response.json(out);
    }
    const rec = { method: request.method, path: url.pathname, calls: [] };
    log.push(rec);
    const counted = new Proxy(env, {
      get(target, prop) {
        return BINDINGS.includes(prop) ? countingNamespace(target[prop], rec, prop) : target[prop];
      },
    });
    return worker.fetch(request, counted, ctx);
  },
};
`;
