import { ApiError } from "@waymark/shared/schemas/api.ts";
import { z } from "zod";
import { ROUTE_ROLES } from "../routes/admin/route-roles.ts";
import { COMPONENTS, ROUTES, type RouteDoc } from "./openapi-routes.ts";

type Json = Record<string, unknown>;
const REF = "#/components/schemas/";
const INPUT = "Input";

/** Temporary suffix of input variants while names are decided. */
const IN = "~in";

/** JSON schemas of one registry in both directions: "output" (responses) and "input" (requests may omit defaults). */
function generate(registry: z.core.$ZodRegistry<{ id: string }>): Record<string, Json> {
  const pass = (io: "input" | "output") =>
    z.toJSONSchema(registry, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
      uri: (id) => REF + id + (io === "input" ? IN : ""),
    }).schemas as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [id, s] of Object.entries(pass("output"))) out[id] = strip(s);
  for (const [id, s] of Object.entries(pass("input"))) out[id + IN] = strip(s);
  return out;
}

/** Every "$ref" a JSON value holds, as raw names. */
function refsOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, into));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value))
      if (k === "$ref" && typeof v === "string" && v.startsWith(REF)) into.add(v.slice(REF.length));
      else refsOf(v, into);
  return into;
}

/** A deep copy where each "$ref" is replaced by what `swap` returns for its name. */
function mapRefs(value: unknown, swap: (name: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, swap));
  if (value && typeof value === "object") {
    const { $ref, ...rest } = value as Json;
    const mapped = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, mapRefs(v, swap)]));
    // Keywords beside a "$ref" (e.g. a default) are kept next to what replaces it.
    if (typeof $ref === "string" && $ref.startsWith(REF))
      return { ...(swap($ref.slice(REF.length)) as Json), ...mapped };
    return $ref === undefined ? mapped : { $ref, ...mapped };
  }
  return value;
}

function strip(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

const isInline = (raw: string) => raw.startsWith("__inline");
const baseName = (raw: string) => (raw.endsWith(IN) ? raw.slice(0, -IN.length) : raw);

const openapiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

/**
 * The OpenAPI 3.1 document of Waymark's public endpoints, generated from the shared zod schemas and the route table,
 * so it cannot drift from the code (scripts/openapi.mjs writes it; `--check` fails when the committed copy is stale).
 */
export function buildOpenapi(version: string): Json {
  const registry = z.registry<{ id: string }>();
  const components: Record<string, z.ZodType> = { ...COMPONENTS, ApiError };
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  // Schemas used only inside routes are registered under private ids and inlined where used.
  const inlineIds = new Map<z.ZodType, string>();
  const idOf = (schema: z.ZodType): string => {
    const named = Object.entries(components).find(([, s]) => s === schema)?.[0];
    if (named) return named;
    let id = inlineIds.get(schema);
    if (!id) {
      id = `__inline${inlineIds.size}`;
      inlineIds.set(schema, id);
      registry.add(schema, { id });
    }
    return id;
  };
  const uses: { route: RouteDoc; io: "input" | "output"; id: string; at: (string | number)[] }[] = [];
  for (const route of ROUTES) {
    for (const [name, p] of Object.entries(route.params ?? {}))
      uses.push({ route, io: "input", id: idOf(p.schema), at: ["param", name] });
    for (const [name, q] of Object.entries(route.query ?? {}))
      uses.push({ route, io: "input", id: idOf(q.schema), at: ["query", name] });
    if (route.body) uses.push({ route, io: "input", id: idOf(route.body.schema), at: ["body"] });
    for (const [status, r] of Object.entries(route.responses))
      if (r.schema) uses.push({ route, io: "output", id: idOf(r.schema), at: ["response", Number(status)] });
  }
  const raw = generate(registry);
  // Route-only schemas are inlined wherever they are used (they hold no cycles: only components may recurse).
  const inline = (v: unknown): unknown =>
    mapRefs(v, (name) => (isInline(baseName(name)) ? inline(raw[name]) : { $ref: REF + name }));
  for (const k of Object.keys(raw)) raw[k] = inline(raw[k]) as Json;

  // Publish only what the routes reach: output variants from responses, input variants from requests.
  const rawId = (u: (typeof uses)[number]) => u.id + (u.io === "input" ? IN : "");
  const reached = new Set<string>();
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    refsOf(raw[name]).forEach(visit);
  };
  uses.forEach((u) => (isInline(u.id) ? refsOf(raw[rawId(u)]).forEach(visit) : visit(rawId(u))));
  visit("ApiError"); // every error answer

  // An input variant shares its output's name when the two are the same shape (no defaults or transforms in it or
  // in anything it refers to); otherwise it is "<Name>Input", or plain "<Name>" if the output is not published.
  const normalized = (name: string) => JSON.stringify(mapRefs(raw[name], (n) => ({ $ref: baseName(n) })));
  const same = new Set(
    [...reached].filter((n) => n.endsWith(IN) && raw[baseName(n)] && normalized(n) === normalized(baseName(n))),
  );
  for (let shrunk = true; shrunk;) {
    shrunk = false;
    for (const n of same)
      if ([...refsOf(raw[n])].some((r) => r.endsWith(IN) && !same.has(r))) {
        same.delete(n);
        shrunk = true;
      }
  }
  const finalName = (name: string): string => {
    if (!name.endsWith(IN)) return name;
    const base = baseName(name);
    return same.has(name) || !reached.has(base) ? base : base + INPUT;
  };
  const ref = (name: string) => ({ $ref: REF + finalName(name) });
  const schemaFor = (id: string, io: "input" | "output"): Json => {
    const name = id + (io === "input" ? IN : "");
    return (isInline(id) ? mapRefs(raw[name], ref) : ref(name)) as Json;
  };
  const schemas: Record<string, unknown> = {};
  const published = [...reached].filter((n) => !isInline(baseName(n)));
  for (const name of published.sort((a, b) => finalName(a).localeCompare(finalName(b))))
    schemas[finalName(name)] ??= mapRefs(raw[name], ref);

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const use = (at: string) => uses.find((u) => u.route === route && u.at.join(":") === at)!;
    const parameters = [
      ...Object.entries(route.params ?? {}).map(([name, p]) => ({
        name,
        in: "path",
        required: true,
        description: p.description,
        schema: schemaFor(use(`param:${name}`).id, "input"),
      })),
      ...Object.entries(route.query ?? {}).map(([name, q]) => ({
        name,
        in: "query",
        required: q.required ?? false,
        description: q.description,
        schema: schemaFor(use(`query:${name}`).id, "input"),
      })),
    ];
    const responses: Record<string, unknown> = {};
    const all = { ...route.responses };
    if (route.auth === "admin" || route.auth === "ingest") all[401] ??= { description: "Missing or invalid token" };
    // The least role the route needs (routes/admin/route-roles.ts, enforced by the router).
    const role = ROUTE_ROLES[`${route.method.toUpperCase()} ${route.path}`];
    if (role && role.role !== "public" && role.role !== "any")
      all[403] ??= {
        description: `The token's role is short of ${role.role === "ingest" ? "ingest or admin" : role.role}`,
      };
    for (const [status, r] of Object.entries(all)) {
      const code = Number(status);
      const body = r.schema
        ? { "application/json": { schema: schemaFor(use(`response:${code}`).id, "output") } }
        : r.contentType
          ? { [r.contentType]: {} }
          : code >= 400
            ? { "application/json": { schema: { $ref: REF + "ApiError" } } }
            : undefined;
      responses[status] = { description: r.description, ...(body ? { content: body } : {}) };
    }
    const operation: Record<string, unknown> = {
      operationId: operationId(route),
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(role && role.role !== "public" ? { "x-waymark-role": role.role } : {}),
      ...(route.auth === "admin" ? { security: [{ adminToken: [] }] } : {}),
      ...(route.auth === "ingest" ? { security: [{ adminToken: [] }, { ingestToken: [] }] } : {}),
      ...(route.auth === "none" || route.auth === "visitor" ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: route.body.required ?? true,
              content: { "application/json": { schema: schemaFor(use("body").id, "input") } },
            },
          }
        : {}),
      responses,
    };
    (paths[openapiPath(route.path)] ??= {})[route.method] = operation;
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Waymark",
      version,
      summary: "Customer-journey orchestration at the edge: the visitor, admin and ingest endpoints.",
      description:
        'Every endpoint lives under /__waymark/ on the site Waymark fronts. Admin endpoints take `Authorization: Bearer <token>`: ADMIN_TOKEN (the admin role) or a token of ACCESS_TOKENS with its role (viewer < editor < publisher < admin); `x-waymark-role` on each operation is the least role it needs (403 below it). Server-side events and traits also accept the narrower INGEST_TOKEN. Visitor endpoints act on the browser\'s `wm_vid` cookie. Errors are JSON: `{"error", "issues": [{"path", "message"}]}` (issues on 400s).',
    },
    // Relative: the document is served by the very site it describes.
    servers: [{ url: "/", description: "The site this document is served from" }],
    tags: [...new Set(ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        adminToken: {
          type: "http",
          scheme: "bearer",
          description: "One of the ADMIN_TOKEN values, or an ACCESS_TOKENS token (its role decides what it may call)",
        },
        ingestToken: {
          type: "http",
          scheme: "bearer",
          description: "INGEST_TOKEN: server-side events and traits only",
        },
      },
    },
  };
}

/** "get /__waymark/api/journeys/:id" -> "getApiJourneysId"; stable, unique per route. */
function operationId(route: RouteDoc): string {
  const words = route.path
    .replace(/^\/__waymark\//, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1));
  return route.method + words.join("");
}
