#!/usr/bin/env node
// Writes the generated, committed files that describe Waymark from its zod schemas:
//   edge/src/openapi/openapi.json  the OpenAPI 3.1 document the Worker serves at /__waymark/api/openapi.json
//   docs/journey-format.md          the journey format reference
//   docs/export-schema.json         the JSON Schema of the warehouse export's rows (edge/src/export/export-record.ts)
// `node scripts/openapi.mjs --check` writes nothing and fails when either is stale (run by `npm run check`).
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { register } from "tsx/esm/api";

register();
const root = new URL("..", import.meta.url);
const { buildOpenapi } = await import("../edge/src/openapi/build-openapi.ts");
const { renderJourneyFormat } = await import("../cli/src/docs/render-journey-format.ts");
const { templateKeys } = await import("../shared/src/authoring/template-keys.ts");
const { exportJsonSchema } = await import("../edge/src/export/export-record.ts");

const pkg = JSON.parse(await readFile(new URL("package.json", root), "utf8"));
const document = buildOpenapi(pkg.version);

async function formatted(path, text) {
  const file = fileURLToPath(new URL(path, root));
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

const outputs = [
  ["edge/src/openapi/openapi.json", JSON.stringify(document)],
  ["docs/journey-format.md", renderJourneyFormat(document, templateKeys())],
  ["docs/export-schema.json", JSON.stringify(exportJsonSchema())],
];

const check = process.argv.includes("--check");
let stale = 0;
for (const [path, text] of outputs) {
  const want = await formatted(path, text);
  const have = await readFile(new URL(path, root), "utf8").catch(() => null);
  if (have === want) continue;
  if (check) {
    stale++;
    console.error(`✘ ${path} is ${have === null ? "missing" : "stale"}: run "node scripts/openapi.mjs" and commit it`);
  } else {
    await writeFile(new URL(path, root), want);
    console.log(`wrote ${path}`);
  }
}
if (stale) process.exit(1);
if (check) console.log("✔ openapi.json and journey-format.md are current");
