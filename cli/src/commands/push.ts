import { WaymarkApiError } from "@waymark/shared/client/api-error.ts";
import type { JourneyInput } from "@waymark/shared/schemas/journey.ts";
import type { Audience } from "@waymark/shared/schemas/audience.ts";
import { API_ENV_HELP, API_HELP, API_OPTIONS, apiClient } from "../api-client.ts";
import type { Command } from "../command.ts";
import { compareWithServer } from "../compare-with-server.ts";
import { journeyChanges } from "../journey-changes.ts";
import { jsonPointer } from "../json-pointer.ts";
import { formatProblem, type Problem } from "../problem.ts";
import { requireValidJourneys } from "../require-valid-journeys.ts";

export const pushCommand: Command = {
  name: "push",
  help: `Usage: waymark push [--publish] [--note TEXT] [--url URL] [--json] <files...>

Uploads journey files as drafts. Idempotent: journeys whose server draft already matches the file are not sent
again, and --publish only creates a version when the drafts differ from the live version.
Saved audiences in the files ({"audiences": [...]} or <id>.audience.json) are uploaded first, the same way, so
the journeys that use them are accepted; they are published with the journeys.
Files are validated first; if any is invalid nothing is sent. Journeys on the server that are in no file are
left alone.

Options:
${API_HELP}
  --publish       publish the drafts afterwards (a new immutable version), if they differ from the live one
  --note TEXT     note recorded with the published version
  --json          print {"ok", "url", "journeys": [{"id","file","result"}], "audiences": [...], "published": N | null,
                  "problems"}
  -h, --help      this help

${API_ENV_HELP}

Note: publishing publishes every draft on the server, including drafts edited in the dashboard.`,
  options: { ...API_OPTIONS, publish: { type: "boolean" }, note: { type: "string" } },
  async run(ctx) {
    const loaded = await requireValidJourneys(ctx);
    if (!loaded) return 1;
    const local = loaded.journeys;
    const { client, url } = apiClient(ctx);
    const problems: Problem[] = [];
    // Audiences first: a journey using an audience is refused until the audience exists.
    const remoteAudiences = loaded.audiences.length ? (await client.listAudiences()).audiences : [];
    const serverAudience = new Map(remoteAudiences.map((r) => [r.id, r]));
    const audienceResults: { id: string; file: string; result: "created" | "updated" | "unchanged" | "rejected" }[] =
      [];
    for (const a of loaded.audiences) {
      const remote = serverAudience.get(a.audience.id);
      let result: (typeof audienceResults)[number]["result"] =
        remote && !journeyChanges(remote.audience, a.audience).length ? "unchanged" : remote ? "updated" : "created";
      if (result !== "unchanged") {
        try {
          await client.putAudience(a.audience as Audience);
        } catch (err) {
          if (!(err instanceof WaymarkApiError) || err.status !== 400) throw err;
          result = "rejected";
          const issues = err.issues.length ? err.issues : [{ path: [], message: err.body.error }];
          for (const i of issues)
            problems.push({ file: a.file, pointer: jsonPointer(i.path, a.pointer), message: i.message });
        }
      }
      audienceResults.push({ id: a.audience.id, file: a.file, result });
      if (!ctx.json)
        ctx.io.out(
          `${result === "unchanged" ? "=" : result === "rejected" ? "✘" : "↑"} audience ${a.audience.id}: ${result}`,
        );
    }
    const comparison = compareWithServer(local, (await client.listJourneys()).journeys);
    const results: { id: string; file: string; result: "created" | "updated" | "unchanged" | "rejected" }[] = [];
    for (const j of comparison.journeys) {
      let result: (typeof results)[number]["result"] = "unchanged";
      if (j.change !== "unchanged") {
        try {
          await client.putJourney(j.local.journey as JourneyInput);
          result = j.change === "new" ? "created" : "updated";
        } catch (err) {
          // The server's own checks (e.g. limits) answer with issue paths: point them into the file.
          if (!(err instanceof WaymarkApiError) || err.status !== 400) throw err;
          result = "rejected";
          const issues = err.issues.length ? err.issues : [{ path: [], message: err.body.error }];
          for (const i of issues)
            problems.push({ file: j.file, pointer: jsonPointer(i.path, j.local.pointer), message: i.message });
        }
      }
      results.push({ id: j.id, file: j.file, result });
      if (!ctx.json)
        ctx.io.out(`${result === "unchanged" ? "=" : result === "rejected" ? "✘" : "↑"} ${j.id}: ${result}`);
    }
    let published: number | null = null;
    if (ctx.values.publish && !problems.length) {
      const pending = (await client.diff()).journeys.filter((d) => d.change !== "unchanged").map((d) => d.id);
      // Audiences are not in the journeys' diff: an edited one is "dirty" against the live version.
      if (loaded.audiences.length)
        for (const r of (await client.listAudiences()).audiences) if (r.dirty) pending.push(`audience ${r.id}`);
      if (pending.length) {
        published = (await client.publish(ctx.values.note as string | undefined)).version;
        if (!ctx.json) ctx.io.out(`✔ published version ${published} (${pending.join(", ")})`);
      } else if (!ctx.json) ctx.io.out("= the live version already matches the drafts: nothing to publish");
    }
    if (ctx.json)
      ctx.io.out(
        JSON.stringify(
          { ok: !problems.length, url, journeys: results, audiences: audienceResults, published, problems },
          null,
          2,
        ),
      );
    else {
      for (const p of problems) ctx.io.err(formatProblem(p));
      if (problems.length)
        ctx.io.err(`✘ ${problems.length} problem(s) reported by ${url}${ctx.values.publish ? "; not published" : ""}`);
    }
    return problems.length ? 1 : 0;
  },
};
