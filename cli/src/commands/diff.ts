import { API_ENV_HELP, API_HELP, API_OPTIONS, apiClient } from "../api-client.ts";
import type { Command } from "../command.ts";
import { compareWithServer } from "../compare-with-server.ts";
import { formatComparison } from "../format-comparison.ts";
import { requireValidJourneys } from "../require-valid-journeys.ts";

export const diffCommand: Command = {
  name: "diff",
  help: `Usage: waymark diff [--url URL] [--exit-code] [--json] <files...>

Compares journey files with the drafts on a running Waymark, field by field, after applying the schema's defaults
(so a default written out or left out makes no difference). Files are validated first; nothing is changed.

  + id   new: not on the server yet
  ~ id   changed: each differing field is listed as  /pointer: server value -> file value
  = id   unchanged
Journeys only on the server are listed too (push never deletes them).

Options:
${API_HELP}
  --exit-code     exit 1 when anything differs (like git diff --exit-code)
  --json          print {"ok", "url", "journeys": [{"id","file","change","fields","status"}], "serverOnly"}
  -h, --help      this help

${API_ENV_HELP}`,
  options: { ...API_OPTIONS, "exit-code": { type: "boolean" } },
  async run(ctx) {
    const local = (await requireValidJourneys(ctx))?.journeys;
    if (!local) return 1;
    const { client, url } = apiClient(ctx);
    const { journeys: remote } = await client.listJourneys();
    const comparison = compareWithServer(local, remote);
    if (ctx.json) {
      const journeys = comparison.journeys.map(({ local: l, ...rest }) => ({ ...rest, pointer: l.pointer }));
      ctx.io.out(JSON.stringify({ ok: true, url, journeys, serverOnly: comparison.serverOnly }, null, 2));
    } else for (const line of formatComparison(comparison, url)) ctx.io.out(line);
    const differs = comparison.journeys.some((j) => j.change !== "unchanged");
    return ctx.values["exit-code"] && differs ? 1 : 0;
  },
};
