import { PreviewTokenRequest } from "@waymark/shared/schemas/preview.ts";
import { API_ENV_HELP, API_HELP, API_OPTIONS, apiClient } from "../api-client.ts";
import { CliError, type Command } from "../command.ts";

export const previewLinkCommand: Command = {
  name: "preview-link",
  help: `Usage: waymark preview-link --journey ID [--stage S] [--branch B] [--version draft|N] [--ttl 1h] [--json]

Asks a running Waymark for a signed preview token and prints its shareable link. Whoever opens the link sees the
site with that journey forced (at that stage and branch, if given) in a sandbox: no real visitor state, no stats.

Options:
  --journey ID    the journey to force (required)
  --stage S       force this stage (default: wherever the sandboxed visitor stands)
  --branch B      force this branch (default: the sandboxed visitor's own assignment)
  --version V     "draft" (default: preview unpublished changes) or a published version number
  --ttl T         lifetime: seconds, or "30m", "1h"... (default 1h, at most 24h)
${API_HELP}
  --json          print {"token", "expiresAt", "link"}
  -h, --help      this help

${API_ENV_HELP}`,
  options: {
    ...API_OPTIONS,
    journey: { type: "string" },
    stage: { type: "string" },
    branch: { type: "string" },
    version: { type: "string" },
    ttl: { type: "string" },
  },
  async run(ctx) {
    const v = ctx.values as Record<string, string | undefined>;
    if (!v.journey) throw new CliError("--journey is required", 2);
    const version = v.version === undefined || v.version === "draft" ? v.version : Number(v.version);
    const ttl = v.ttl !== undefined && /^\d+$/.test(v.ttl) ? Number(v.ttl) : v.ttl;
    const parsed = PreviewTokenRequest.safeParse({
      journey: v.journey,
      stage: v.stage,
      branch: v.branch,
      version,
      ttl,
    });
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      throw new CliError(`--${String(issue.path[0] ?? "journey")}: ${issue.message}`, 2);
    }
    const { client } = apiClient(ctx);
    const res = await client.createPreviewToken(parsed.data);
    if (ctx.json) ctx.io.out(JSON.stringify(res, null, 2));
    else {
      ctx.io.out(res.link);
      ctx.io.err(`expires ${res.expiresAt}`);
    }
    return 0;
  },
};
