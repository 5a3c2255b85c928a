import type { ApiError } from "@waymark/shared/schemas/api.ts";

export type Issue = NonNullable<ApiError["issues"]>[number];

/**
 * What a RulesStore method answers. Errors thrown across an RPC boundary lose everything but their message,
 * so refusals travel as values and the Worker turns them into HTTP errors.
 */
export type StoreResult<T> = { ok: true; value: T } | { ok: false; status: number; error: string; issues?: Issue[] };

export const ok = <T>(value: T): StoreResult<T> => ({ ok: true, value });

export const fail = (status: number, error: string, issues?: Issue[]): StoreResult<never> =>
  issues ? { ok: false, status, error, issues } : { ok: false, status, error };
