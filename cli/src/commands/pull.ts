import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { Slug } from "@waymark/shared/schemas/id.ts";
import type { Audience } from "@waymark/shared/schemas/audience.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { API_ENV_HELP, API_HELP, API_OPTIONS, apiClient } from "../api-client.ts";
import { CliError, type Command } from "../command.ts";

export const pullCommand: Command = {
  name: "pull",
  help: `Usage: waymark pull [--out DIR] [--published] [--url URL] [--json]

Downloads the journeys of a running Waymark and writes one file per journey, named <id>.json, into DIR
(default ./journeys, created if missing), and one file per saved audience, named <id>.audience.json. Files whose
content is already identical are left untouched.
Journeys are written with the schema's defaults filled in, so "waymark diff" against them shows no change.

Options:
${API_HELP}
  --out DIR       directory to write into (default: journeys)
  --published     the live (published) version instead of the current drafts
  --json          print {"ok", "url", "out", "files": [{"id","kind","file","result"}]}
  -h, --help      this help

${API_ENV_HELP}`,
  options: { ...API_OPTIONS, out: { type: "string" }, published: { type: "boolean" } },
  async run(ctx) {
    if (ctx.positionals.length) throw new CliError(`pull takes no file arguments (use --out DIR)`, 2);
    const { client, url } = apiClient(ctx);
    let journeys: Journey[];
    let audiences: Audience[];
    if (ctx.values.published) {
      const { live } = await client.listVersions();
      const version = live ? await client.getVersion(live) : null;
      journeys = version?.journeys ?? [];
      audiences = version?.audiences ?? [];
    } else {
      journeys = (await client.listJourneys()).journeys.map((r) => r.journey);
      audiences = (await client.listAudiences()).audiences.map((r) => r.audience);
    }
    const out = resolve(ctx.cwd, (ctx.values.out as string | undefined) ?? "journeys");
    await mkdir(out, { recursive: true });
    const files: { id: string; kind: "journey" | "audience"; file: string; result: "written" | "unchanged" }[] = [];
    const entries = [
      ...[...audiences].sort((a, b) => a.id.localeCompare(b.id)).map((a) => ({ kind: "audience" as const, j: a })),
      ...[...journeys].sort((a, b) => a.id.localeCompare(b.id)).map((j) => ({ kind: "journey" as const, j })),
    ];
    for (const { kind, j } of entries) {
      // The id becomes a file name: it must stay a slug (no "/" or "..") whatever the server says.
      if (!Slug.safeParse(j.id).success)
        throw new CliError(`refusing to write a ${kind} with id ${JSON.stringify(j.id)}`);
      const path = join(out, kind === "audience" ? `${j.id}.audience.json` : `${j.id}.json`);
      const text = JSON.stringify(j, null, 2) + "\n";
      const old = await readFile(path, "utf8").catch(() => null);
      const result = old === text ? "unchanged" : "written";
      if (result === "written") await writeFile(path, text);
      const file = relative(ctx.cwd, path) || path;
      files.push({ id: j.id, kind, file, result });
      if (!ctx.json)
        ctx.io.out(
          `${result === "written" ? "↓" : "="} ${kind === "audience" ? "audience " : ""}${j.id} -> ${file}${result === "unchanged" ? " (unchanged)" : ""}`,
        );
    }
    if (ctx.json) ctx.io.out(JSON.stringify({ ok: true, url, out, files }, null, 2));
    else
      ctx.io.out(
        `${journeys.length} journey(s)${audiences.length ? ` and ${audiences.length} audience(s)` : ""} from ${url}${ctx.values.published ? " (live version)" : " (drafts)"}`,
      );
    return 0;
  },
};
