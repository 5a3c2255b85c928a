import { StatusError, ValidationError } from "../../http/errors.ts";
import type { StoreResult } from "../../rules/store-result.ts";

/** The value of a rules store answer, or the refusal as an HTTP error (400s keep their issue paths). */
export function unwrap<T>(r: StoreResult<T>): T {
  if (r.ok) return r.value;
  if (r.status === 400) throw new ValidationError(r.error, r.issues ?? []);
  throw new StatusError(r.status, r.error);
}
