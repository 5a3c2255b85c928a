import type { ApiError } from "../schemas/api.ts";

/** A non-2xx answer from Waymark's API, with the zod issue paths of a 400. */
export class WaymarkApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(`${status}: ${body.error}`);
    this.name = "WaymarkApiError";
  }
  get issues(): NonNullable<ApiError["issues"]> {
    return this.body.issues ?? [];
  }
}
