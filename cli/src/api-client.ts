import { WaymarkClient } from "@waymark/shared/client/waymark-client.ts";
import { CliError, type CommandContext } from "./command.ts";

export const DEFAULT_URL = "http://127.0.0.1:8787";

/** Options every command that talks to a running Waymark accepts. */
export const API_OPTIONS = {
  url: { type: "string" },
} as const;

export const API_HELP = `  --url URL       Waymark site (default: $WAYMARK_URL, else ${DEFAULT_URL})`;

export const API_ENV_HELP = `Environment:
  WAYMARK_TOKEN   admin token (required; sent as a bearer header, never in a URL)
  WAYMARK_URL     default for --url`;

/** The typed admin API client for --url / $WAYMARK_URL with $WAYMARK_TOKEN. */
export function apiClient(ctx: CommandContext, fetchImpl?: typeof fetch): { client: WaymarkClient; url: string } {
  const raw = (ctx.values.url as string | undefined) ?? ctx.env.WAYMARK_URL ?? DEFAULT_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`--url: not a URL: ${raw}`, 2);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliError(`--url: must be http(s): ${raw}`, 2);
  const token = ctx.env.WAYMARK_TOKEN;
  if (!token)
    throw new CliError("WAYMARK_TOKEN is not set: export it with an admin token of the Waymark at " + url.origin);
  const base = url.origin + url.pathname.replace(/\/+$/, "");
  const doFetch = fetchImpl ?? globalThis.fetch;
  // A refused connection is the most common failure; say where we tried instead of "fetch failed".
  const reaching: typeof fetch = async (input, init) => {
    try {
      return await doFetch(input, init);
    } catch (err) {
      const code = (err as Error & { cause?: { code?: string } }).cause?.code;
      throw new CliError(`cannot reach ${base}${code ? ` (${code})` : ""}: is Waymark running there?`);
    }
  };
  return { client: new WaymarkClient({ baseUrl: base, token, fetch: reaching }), url: base };
}
