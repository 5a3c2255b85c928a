import { SELF } from "cloudflare:test";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import pkg from "../../package.json";
import { buildOpenapi } from "../src/openapi/build-openapi.ts";
import committed from "../src/openapi/openapi.json";
import { ROUTES } from "../src/openapi/openapi-routes.ts";
import { createRouter } from "../src/http/router.ts";
import { registerRoutes } from "../src/routes/register-routes.ts";

type Json = Record<string, any>;
const REF = "#/components/schemas/";

function refs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, into));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) k === "$ref" ? into.push(String(v)) : refs(v, into);
  return into;
}

/** A component or inline schema as zod, with the components as $defs: proves it is JSON Schema zod understands. */
function asZod(doc: Json, schema: unknown) {
  const swap = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll(REF, "#/$defs/"));
  return z.fromJSONSchema({ ...swap(schema), $defs: swap(doc.components.schemas) });
}

async function served(): Promise<{ res: Response; doc: Json }> {
  const res = await SELF.fetch("https://shop.example/__waymark/api/openapi.json");
  return { res, doc: (await res.clone().json()) as Json };
}

describe("GET /__waymark/api/openapi.json", () => {
  it("is public (no token) JSON, and is exactly what the schemas and route table generate now", async () => {
    const { res, doc } = await served();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(doc).toEqual(committed);
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildOpenapi(pkg.version))));
  });

  it("is a structurally valid OpenAPI 3.1 document", async () => {
    const { doc } = await served();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: pkg.version });
    const schemes = Object.keys(doc.components.securitySchemes);
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      expect(path).toMatch(/^\/__waymark\//);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries<Json>(item)) {
        const where = `${method} ${path}`;
        expect(["get", "put", "post", "delete", "patch", "options", "head"], where).toContain(method);
        expect(operationIds.has(op.operationId), `duplicate operationId ${op.operationId}`).toBe(false);
        operationIds.add(op.operationId);
        const pathParams = (op.parameters ?? []).filter((p: Json) => p.in === "path");
        expect(pathParams.map((p: Json) => p.name).sort(), where).toEqual(templated);
        for (const p of op.parameters ?? []) {
          expect(["path", "query", "header", "cookie"], where).toContain(p.in);
          if (p.in === "path") expect(p.required, where).toBe(true);
          expect(() => asZod(doc, p.schema), `${where} parameter ${p.name}`).not.toThrow();
        }
        for (const req of op.security ?? [])
          for (const name of Object.keys(req)) expect(schemes, where).toContain(name);
        expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
        for (const [status, r] of Object.entries<Json>(op.responses)) {
          expect(status, where).toMatch(/^[1-5]\d\d$/);
          expect(typeof r.description, `${where} ${status}`).toBe("string");
          for (const media of Object.values<Json>(r.content ?? {}))
            if (media.schema) expect(() => asZod(doc, media.schema), `${where} ${status}`).not.toThrow();
        }
        for (const media of Object.values<Json>(op.requestBody?.content ?? {}))
          expect(() => asZod(doc, media.schema), `${where} body`).not.toThrow();
      }
    }
    for (const ref of refs(doc)) {
      expect(ref.startsWith(REF), ref).toBe(true);
      expect(doc.components.schemas, ref).toHaveProperty([ref.slice(REF.length)]);
    }
    for (const [name, schema] of Object.entries(doc.components.schemas))
      expect(() => asZod(doc, schema), name).not.toThrow();
  });

  it("describes journeys as the Worker accepts them: the README example passes, broken ones fail", async () => {
    const { doc } = await served();
    const journey = asZod(
      doc,
      doc.paths["/__waymark/api/journeys/{id}"].put.requestBody.content["application/json"].schema,
    );
    const example = {
      id: "abandoned-cart",
      name: "Abandoned cart rescue",
      stages: [{ id: "browsing" }, { id: "carting" }, { id: "abandoned" }, { id: "purchased", exit: true }],
      start: "browsing",
      transitions: [{ from: "carting", to: "abandoned", after: "30m" }],
      actions: [
        {
          stage: "abandoned",
          type: "insert",
          selector: "body",
          html: "<b>hi</b>",
          when: [{ type: "any", conditions: [{ type: "path", glob: "/**" }] }],
        },
      ],
    };
    expect(journey.safeParse(example).success).toBe(true);
    expect(journey.safeParse({ ...example, holdout: 2 }).success).toBe(false);
    expect(journey.safeParse({ ...example, actions: [{ type: "insert", selector: "body" }] }).success).toBe(false);
    expect(journey.safeParse({ ...example, transitions: [{ from: "a", to: "b", after: "soon" }] }).success).toBe(false);
  });
});

describe("the route table behind the document", () => {
  // Routes that are not endpoints of their own: CORS preflight, the reserved-prefix 404, the dashboard's files.
  const NOT_ENDPOINTS = new Set(["OPTIONS /__waymark/api/*", "ALL /__waymark/*", "GET /__waymark/dashboard/*"]);
  // HEAD twins of GET routes are the same endpoint.
  const registered = () => {
    const all = registerRoutes(createRouter()).routes.map(([method, , , path]) => `${method} ${path}`);
    return all.filter(
      (r) => !NOT_ENDPOINTS.has(r) && !(r.startsWith("HEAD ") && all.includes(r.replace("HEAD", "GET"))),
    );
  };
  const documented = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`);

  it("documents every endpoint the Worker registers", () => {
    expect(registered().filter((r) => !documented.includes(r))).toEqual([]);
  });

  it("documents no endpoint the Worker does not register", () => {
    expect(documented.filter((r) => !registered().includes(r))).toEqual([]);
  });
});
