import type { StoreResult } from "../store-result.ts";

class Refused extends Error {}

/** Runs `fn` in one storage transaction, rolled back when it answers a refusal. */
export function refusableTransaction<T>(storage: DurableObjectStorage, fn: () => StoreResult<T>): StoreResult<T> {
  let result: StoreResult<T> | undefined;
  try {
    storage.transactionSync(() => {
      result = fn();
      if (!result.ok) throw new Refused();
    });
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
  }
  return result!;
}
