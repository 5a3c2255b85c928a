// What the test origins share (origin-server.mjs, misbehaving-origin.mjs): gates a test opens over HTTP, and
// listening on loopback with a stop() that never hangs on open connections or responses waiting on a gate.

/** Named gates: a response waits on one (`held`) until the test calls /__release/<key> (`release`). */
export function createGates() {
  const gates = new Map(); // key -> { released: boolean, waiters: Function[] }
  const gate = (key) => {
    let g = gates.get(key);
    if (!g) gates.set(key, (g = { released: false, waiters: [] }));
    return g;
  };
  return {
    held: (key) => {
      const g = gate(key);
      return g.released ? Promise.resolve() : new Promise((r) => g.waiters.push(r));
    },
    release: (key) => {
      const g = gate(key);
      g.released = true;
      for (const w of g.waiters.splice(0)) w();
    },
    /** Lets every waiting response go, without opening the gates (on stop). */
    wakeAll: () => {
      for (const g of gates.values()) for (const w of g.waiters.splice(0)) w();
    },
  };
}

/** `start()` listens on 127.0.0.1 on a free port and resolves to its base URL; `stop()` closes it at once. */
export function onLoopback(server, gates) {
  const sockets = new Set();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return {
    start: () =>
      new Promise((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)),
      ),
    stop: () =>
      new Promise((resolve) => {
        gates.wakeAll();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
