import { StatusError } from "itty-router";
import { z } from "zod";
import type { ApiError } from "@waymark/shared";

export { StatusError };

/** A JSON response with Waymark's error shape. */
export function errorResponse(
  status: number,
  error: string,
  issues?: ApiError["issues"],
  headers?: HeadersInit,
): Response {
  const body: ApiError = issues ? { error, issues } : { error };
  const h = new Headers(headers);
  h.set("content-type", "application/json; charset=utf-8");
  h.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { status, headers: h });
}

/** The zod issues as `{path, message}` rows (paths are arrays, as zod reports them). */
export function zodIssues(err: z.ZodError): NonNullable<ApiError["issues"]> {
  return err.issues.flatMap((i) => flatIssues(i, []));
}

type Issue = z.ZodError["issues"][number];

/**
 * A union reports one "Invalid input" at its own path with each option's issues inside (paths relative to it):
 * report the option that came closest (fewest issues) with full paths, so a client learns which field is wrong.
 */
function flatIssues(i: Issue, prefix: PropertyKey[]): NonNullable<ApiError["issues"]> {
  const path = [...prefix, ...i.path];
  // A union given its own message (e.g. 'must be a version number, "live" or "draft"') keeps it.
  if (i.code === "invalid_union" && i.errors.length && i.message === "Invalid input") {
    const closest = i.errors.reduce((a, b) => (b.length < a.length ? b : a));
    if (closest.length) return closest.flatMap((n) => flatIssues(n, path));
  }
  return [{ path: path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message }];
}

/** Parse with a schema or throw a 400 carrying the issue paths. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what = "invalid input"): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(what, zodIssues(r.error));
  return r.data;
}

export class ValidationError extends Error {
  constructor(
    message: string,
    readonly issues: NonNullable<ApiError["issues"]>,
  ) {
    super(message);
  }
}

/** Waymark is misconfigured: its endpoints answer 500 naming the variables (never their values). */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super("invalid configuration");
  }
}

/**
 * The one catch for API routes: known errors keep their status, zod errors become 400 with paths,
 * anything else is logged (without request data) and answered with a generic 500.
 */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof ValidationError) return errorResponse(400, err.message, err.issues);
  if (err instanceof z.ZodError) return errorResponse(400, "invalid input", zodIssues(err));
  if (err instanceof StatusError) {
    const headers = (err as StatusError & { headers?: HeadersInit }).headers;
    return errorResponse(err.status, err.message || "error", undefined, headers);
  }
  if (err instanceof SyntaxError) return errorResponse(400, "body is not valid JSON");
  if (err instanceof ConfigError)
    return errorResponse(
      500,
      "invalid configuration: fix these variables",
      err.problems.map((p) => ({ path: [p.variable], message: p.message })),
    );
  console.error("waymark: unhandled error", err instanceof Error ? `${err.name}: ${err.message}` : "unknown");
  return errorResponse(500, "internal error");
}
