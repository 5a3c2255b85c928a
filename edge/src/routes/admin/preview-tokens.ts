import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { parseDuration } from "@waymark/shared/schemas/duration.ts";
import { PREVIEW_TTL, PreviewTokenRequest, type PreviewClaims } from "@waymark/shared/schemas/preview.ts";
import { getConfig } from "../../config.ts";
import { parseOr400, StatusError, ValidationError } from "../../http/errors.ts";
import { json, readJson } from "../../http/json.ts";
import { principalOf, type WaymarkRouter } from "../../http/route-request.ts";
import { rulesStore } from "../../rules/rules-stub.ts";
import { toBase64Url } from "../../http/base64url.ts";
import { signPreviewToken } from "../../preview/preview-token.ts";

function refuse(path: string, message: string): never {
  throw new ValidationError("invalid preview request", [{ path: [path], message }]);
}

function ttlSeconds(ttl: PreviewTokenRequest["ttl"]): number {
  if (ttl === undefined) return PREVIEW_TTL.defaultSeconds;
  const seconds = typeof ttl === "number" ? ttl : Math.floor(parseDuration(ttl) / 1000);
  if (seconds < 1 || seconds > PREVIEW_TTL.maxSeconds)
    refuse("ttl", `must be between 1 s and ${PREVIEW_TTL.maxSeconds} s`);
  return seconds;
}

/** Checks that what the token would force exists in the version (or drafts) it previews. */
function checkTarget(journeys: Journey[], req: PreviewTokenRequest): void {
  const j = journeys.find((x) => x.id === req.journey);
  if (!j)
    refuse(
      "journey",
      `no journey "${req.journey}" in this ${req.version === undefined || req.version === "draft" ? "draft" : "version"}`,
    );
  if (req.stage !== undefined && !j.stages.some((s) => s.id === req.stage))
    refuse("stage", `journey "${j.id}" has no stage "${req.stage}"`);
  if (req.branch !== undefined && !j.branches.some((b) => b.id === req.branch))
    refuse("branch", `journey "${j.id}" has no branch "${req.branch}"`);
}

/** POST /__waymark/api/preview-tokens: a signed, expiring token forcing a journey (stage, branch) on this site. */
export function registerPreviewTokenRoute(router: WaymarkRouter): void {
  router.post("/__waymark/api/preview-tokens", async (req, env) => {
    const secret = getConfig(env).previewSecret;
    if (!secret) throw new StatusError(503, "previews are disabled: PREVIEW_SECRET is not set");
    const body = parseOr400(PreviewTokenRequest, await readJson(req), "invalid preview request");
    const version = body.version ?? "draft";
    const store = rulesStore(env);
    let journeys: Journey[];
    if (version === "draft") journeys = (await store.getDrafts()).ruleset.journeys;
    else {
      const r = await store.getVersion(version);
      if (!r.ok) refuse("version", `no published version ${version}`);
      journeys = r.value.journeys;
    }
    checkTarget(journeys, body);
    const url = new URL(req.url);
    const iat = Math.floor(Date.now() / 1000);
    const claims: PreviewClaims = {
      jti: toBase64Url(crypto.getRandomValues(new Uint8Array(16))),
      journey: body.journey,
      ...(body.stage !== undefined ? { stage: body.stage } : {}),
      ...(body.branch !== undefined ? { branch: body.branch } : {}),
      version,
      site: url.host,
      iat,
      exp: iat + ttlSeconds(body.ttl),
      by: principalOf(req).label.slice(0, 200),
    };
    const token = await signPreviewToken(claims, secret);
    const forced = [claims.journey, claims.stage, claims.branch].filter(Boolean).join("/");
    await store.recordAudit(
      principalOf(req).label,
      "preview.token",
      claims.journey,
      `${forced} (${version}), jti ${claims.jti}`,
    );
    return json(
      {
        token,
        expiresAt: new Date(claims.exp * 1000).toISOString(),
        link: `${url.origin}/__waymark/preview?token=${encodeURIComponent(token)}`,
      },
      201,
    );
  });
}
