const chains = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call with the same key has settled: storage read-modify-write cycles (a QA run
 * updating its cells while the marketer marks one) must not interleave and lose a write.
 */
export function serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = chains.get(key) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  const settled = next.catch(() => undefined);
  chains.set(key, settled);
  void settled.then(() => {
    if (chains.get(key) === settled) chains.delete(key);
  });
  return next;
}
