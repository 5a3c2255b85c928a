import { BeaconConfig } from "@waymark/shared";
import { Role } from "@waymark/shared/schemas/access.ts";
import { z } from "zod";

/**
 * Waymark's settings, parsed once per `env` object (an isolate, or a Durable Object instance) from the wrangler
 * vars and secrets. Everything reads its settings from here, never from `env` directly.
 *
 * An invalid value is not silently replaced: the variable is named in `problems` (and logged once, without its
 * value), the page hot path serves pages unpersonalized, and Waymark's own endpoints answer a 500 naming it.
 * The setting itself falls back to its default so Durable Objects and alarms keep working meanwhile.
 */
export interface Config {
  /** PERSONALIZATION: "off" makes Waymark a pure pass-through proxy. */
  personalization: boolean;
  /** ORIGIN_URL as set ("" = the demo shop). Not validated here: a malformed one is answered with the 502 page. */
  originUrl: string;
  decisionBudgetMs: number;
  eventsTimeoutMs: number;
  consent: { required: boolean; cookie: string };
  /**
   * CONSENT_PURPOSES: the IAB TCF purposes a TC string (euconsent-v2 cookie, or __tcfapi reported by the beacon) must
   * give consent to before Waymark stores anything under CONSENT_MODE=required. Default 1, 5, 6.
   */
  consentPurposes: number[];
  retentionDays: number;
  /** BEACON_CONFIG parsed; an invalid value means the beacon's defaults (and a warning), as documented. */
  beacon: BeaconConfig;
  /** ALLOWED_ORIGINS, lower-cased, without trailing slashes. */
  allowedOrigins: string[];
  adminTokens: Token[];
  ingestTokens: Token[];
  /** ACCESS_TOKENS: labelled tokens with a role each ("label:role:token", comma-separated). */
  accessTokens: Token[];
  /** REQUIRE_APPROVAL: publishing goes through a publish request that another publisher approves. */
  requireApproval: boolean;
  /** PREVIEW_SECRET ("" = previews disabled). */
  previewSecret: string;
  /**
   * IDENTITY_SECRET, the key of identity tokens ("" = browsers cannot identify; the server-side identify API still
   * works). Like tokens, a secret under 16 characters is a misconfiguration and counts as unset.
   */
  identitySecret: string;
  /** SEED_DEMO_JOURNEYS as set (the rules store's seeding reads it). */
  seedDemoJourneys: string;
  /**
   * GLOBAL_HOLDOUT (0..1, default 0): the share of visitors kept out of all personalization as the program's
   * control, and measured against everyone else (GET /__waymark/api/program).
   */
  globalHoldout: number;
  /** WEBHOOK_* secrets of at least 16 characters, by name: the only keys a journey's webhook may be signed with. */
  webhookSecrets: ReadonlyMap<string, string>;
  /** The optional ANALYTICS Analytics Engine binding. */
  analytics: AnalyticsEngineDataset | null;
  /** Invalid variables, each with why (never the value). Empty when all is well. */
  problems: ConfigProblem[];
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

export interface Token {
  /** Who acted, for the audit log: the label of the token ("admin" or "ingest" when unlabelled). */
  label: string;
  token: string;
  role: Role;
}

/** Wrangler sets an unset var to "": that means the default. */
const unset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(unset, schema.optional()).transform((v) => (v === undefined ? fallback : v) as z.output<T>);
const text = z.string().optional().default("");

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;

/** The vars and secrets, as wrangler hands them over (strings). */
const Vars = z.object({
  PERSONALIZATION: withDefault(z.enum(["on", "off"], { error: 'must be "on" or "off"' }), "on"),
  ORIGIN_URL: text,
  DECISION_BUDGET_MS: withDefault(
    z.coerce.number({ error: "must be a number of milliseconds" }).finite().min(0, "must be 0 or more"),
    50,
  ),
  EVENTS_TIMEOUT_MS: withDefault(
    z.coerce.number({ error: "must be a number of milliseconds" }).finite().positive("must be more than 0"),
    10_000,
  ),
  CONSENT_MODE: withDefault(z.enum(["implied", "required"], { error: 'must be "implied" or "required"' }), "implied"),
  CONSENT_COOKIE: withDefault(z.string().regex(COOKIE_NAME, "must be a cookie name"), "wm_consent"),
  // Not withDefault: the default must go through the same transform (text -> sorted ids).
  CONSENT_PURPOSES: z.preprocess(
    (v) => unset(v) ?? "1,5,6",
    z
      .string()
      .regex(/^\s*\d{1,2}\s*(,\s*\d{1,2}\s*)*$/, "must be comma-separated TCF purpose ids (1-24), e.g. 1,5,6")
      .transform((s) => [...new Set(s.split(",").map(Number))].sort((a, b) => a - b))
      .refine((ids) => ids.every((id) => id >= 1 && id <= 24), "must be comma-separated TCF purpose ids (1-24)"),
  ),
  RETENTION_DAYS: withDefault(
    z.coerce
      .number({ error: "must be a number of days" })
      .finite()
      .positive("must be more than 0")
      .transform((n) => Math.min(n, 3650)),
    30,
  ),
  BEACON_CONFIG: text,
  ALLOWED_ORIGINS: text,
  ADMIN_TOKEN: text,
  INGEST_TOKEN: text,
  ACCESS_TOKENS: text,
  REQUIRE_APPROVAL: withDefault(z.enum(["true", "false"], { error: 'must be "true" or "false"' }), "false"),
  PREVIEW_SECRET: text,
  IDENTITY_SECRET: text,
  SEED_DEMO_JOURNEYS: text,
  GLOBAL_HOLDOUT: withDefault(
    z.coerce
      .number({ error: "must be a share between 0 and 1, e.g. 0.05 for 5%" })
      .finite()
      .min(0, "must be a share between 0 and 1, e.g. 0.05 for 5%")
      .max(1, "must be a share between 0 and 1, e.g. 0.05 for 5%"),
    0,
  ),
});
type Vars = z.output<typeof Vars>;

const Analytics = z.custom<AnalyticsEngineDataset>(
  (v) => typeof v === "object" && v !== null && typeof Reflect.get(v, "writeDataPoint") === "function",
);

// Only secrets named like this can sign webhooks: a journey (marketer input) must never be able to pick,
// say, ADMIN_TOKEN as its signing key.
const WEBHOOK_SECRET_NAME = /^WEBHOOK_[A-Z0-9_]{0,56}$/;

const cache = new WeakMap<object, Config>();

/** The settings of this `env`, parsed on first use and cached for the life of the object. */
export function getConfig(env: Partial<Env>): Config {
  let config = cache.get(env);
  if (!config) {
    config = parseConfig(env);
    cache.set(env, config);
    if (config.problems.length)
      console.error(
        `waymark: invalid configuration (pages are served unpersonalized, endpoints answer 500): ${describe(config.problems)}`,
      );
  }
  return config;
}

/** "NAME: why; NAME: why". */
export function describe(problems: ConfigProblem[]): string {
  return problems.map((p) => `${p.variable}: ${p.message}`).join("; ");
}

/** Pure: parses the settings (no cache, no log). */
export function parseConfig(env: object): Config {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(Vars.shape)) input[key] = Reflect.get(env, key);
  const problems: ConfigProblem[] = [];
  let parsed = Vars.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? "(env)");
      if (!problems.some((p) => p.variable === variable)) problems.push({ variable, message: issue.message });
      input[variable] = undefined;
    }
    parsed = Vars.safeParse(input);
  }
  const vars: Vars = parsed.success ? parsed.data : Vars.parse({});
  const webhookSecrets = new Map<string, string>();
  for (const [name, value] of Object.entries(env))
    if (WEBHOOK_SECRET_NAME.test(name) && typeof value === "string" && value.length >= 16)
      webhookSecrets.set(name, value);
  const analytics = Analytics.safeParse(Reflect.get(env, "ANALYTICS"));
  const adminTokens = parseTokens(vars.ADMIN_TOKEN, "admin");
  const ingestTokens = parseTokens(vars.INGEST_TOKEN, "ingest");
  const access = parseAccessTokens(vars.ACCESS_TOKENS, [...adminTokens, ...ingestTokens]);
  if (access.problems.length) problems.push({ variable: "ACCESS_TOKENS", message: access.problems.join("; ") });
  return {
    personalization: vars.PERSONALIZATION === "on",
    originUrl: vars.ORIGIN_URL,
    decisionBudgetMs: vars.DECISION_BUDGET_MS,
    eventsTimeoutMs: vars.EVENTS_TIMEOUT_MS,
    consent: { required: vars.CONSENT_MODE === "required", cookie: vars.CONSENT_COOKIE },
    consentPurposes: vars.CONSENT_PURPOSES,
    retentionDays: vars.RETENTION_DAYS,
    beacon: beaconConfig(vars),
    allowedOrigins: vars.ALLOWED_ORIGINS.split(",")
      .map((o) => o.trim().toLowerCase().replace(/\/+$/, ""))
      .filter(Boolean),
    adminTokens,
    ingestTokens,
    accessTokens: access.problems.length ? [] : access.tokens,
    requireApproval: vars.REQUIRE_APPROVAL === "true",
    previewSecret: vars.PREVIEW_SECRET,
    identitySecret: vars.IDENTITY_SECRET.length >= 16 ? vars.IDENTITY_SECRET : "",
    seedDemoJourneys: vars.SEED_DEMO_JOURNEYS,
    globalHoldout: vars.GLOBAL_HOLDOUT,
    webhookSecrets,
    analytics: analytics.success ? analytics.data : null,
    problems,
  };
}

/**
 * ADMIN_TOKEN holds one token, or comma-separated "label:token" pairs so the audit log can name people and CI.
 * Tokens shorter than 16 characters are ignored: a short secret is a misconfiguration, not a password.
 */
export function parseTokens(raw: string, role: Token["role"]): Token[] {
  return raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const i = part.indexOf(":");
      return i > 0 ? { label: part.slice(0, i), token: part.slice(i + 1), role } : { label: role, token: part, role };
    })
    .filter((t) => t.token.length >= 16);
}

const ACCESS_LABEL = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
// What a bearer header can carry (auth.ts reads `Bearer [\x21-\x7e]{1,512}`); a comma separates entries.
const ACCESS_TOKEN = /^[\x21-\x2b\x2d-\x7e]{16,512}$/;

/**
 * ACCESS_TOKENS: comma-separated "label:role:token" entries (role: viewer, editor, publisher, admin or ingest).
 * Every mistake is a problem naming the entry by position and, when it is well formed, its label; never the
 * token, nor a part that could be one (an unknown role is not repeated: "alice:0123...:" puts a token there).
 * Labels are unique, also against ADMIN_TOKEN's and INGEST_TOKEN's, so the audit log names one token each.
 */
export function parseAccessTokens(raw: string, others: readonly Token[] = []): { tokens: Token[]; problems: string[] } {
  const tokens: Token[] = [];
  const problems: string[] = [];
  const roles = Role.options.join(", ");
  raw
    .split(",")
    .map((part) => part.trim())
    .forEach((part, i) => {
      if (!part) return;
      const n = `entry ${i + 1}`;
      const m = /^([^:]*):([^:]*):(.*)$/s.exec(part);
      if (!m) return problems.push(`${n}: must be label:role:token`);
      const [, label, role, token] = m;
      if (!ACCESS_LABEL.test(label))
        return problems.push(`${n}: the label must be 1-64 letters, digits, ".", "_", "@" or "-"`);
      const named = `${n} (${label})`;
      const parsedRole = Role.safeParse(role);
      if (!parsedRole.success) return problems.push(`${named}: unknown role, use one of ${roles}`);
      if (token.length < 16) return problems.push(`${named}: the token is shorter than 16 characters`);
      if (!ACCESS_TOKEN.test(token))
        return problems.push(`${named}: the token must be at most 512 printable characters, without spaces`);
      const sameLabel = tokens.findIndex((t) => t.label === label);
      if (sameLabel >= 0 || others.some((t) => t.label === label))
        return problems.push(
          `${named}: duplicate label${sameLabel >= 0 ? "" : " (ADMIN_TOKEN or INGEST_TOKEN uses it)"}`,
        );
      if ([...tokens, ...others].some((t) => t.token === token))
        return problems.push(`${named}: the same token is given twice`);
      tokens.push({ label, role: parsedRole.data, token });
    });
  return { tokens, problems };
}

/**
 * The beacon's signal thresholds for this site, from the BEACON_CONFIG var (JSON, e.g. {"rageClicks": 4}).
 * An invalid value falls back to the beacon's defaults (and says why in the log) rather than breaking pages.
 */
export function beaconConfig(env: { BEACON_CONFIG?: string }): BeaconConfig {
  const raw = env.BEACON_CONFIG ?? "";
  if (!raw.trim()) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = BeaconConfig.safeParse(json);
  if (parsed.success) return parsed.data;
  console.warn(
    "waymark: BEACON_CONFIG ignored:",
    parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "),
  );
  return {};
}
