import { getConfig } from "../config.ts";
import { clearCookie, setCookie } from "../http/cookies.ts";
import { parseOr400, StatusError } from "../http/errors.ts";
import { readJson } from "../http/json.ts";
import { FRAMEWORK_CONSENT_COOKIE, VISITOR_COOKIE } from "../http/names.ts";
import { requestVisitor } from "../identity/request-visitor.ts";
import { sameOrigin } from "../http/same-origin.ts";
import { visitorStub } from "../visitor/visitor-stub.ts";
import { ConsentReport, reportGrants } from "./consent-report.ts";
import { privacyMode } from "./privacy-mode.ts";

/** A report is a TC string and a few flags: a few KB at most. */
const MAX_REPORT_BYTES = 16 * 1024;

/**
 * POST /__waymark/consent (the beacon, under CONSENT_MODE=required): the page's consent frameworks changed (TCF
 * __tcfapi, Google Consent Mode). The edge decides what the report means (consent-report.ts), keeps the verdict in
 * the wm_fwconsent cookie, which privacyMode reads with the other signals on every request, and answers the
 * resulting mode. When the browser may no longer be tracked (consent withdrawn, or refused while an old id is
 * still around), what is stored about it is erased, as an opt-out does, and its id forgotten. Only from this site's
 * own pages: another site must neither grant consent for a visitor nor erase their data.
 */
export async function postConsent(request: Request, env: Env): Promise<Response> {
  if (!sameOrigin(request)) throw new StatusError(403, "consent is accepted from this site's own pages only");
  const report = parseOr400(ConsentReport, await readJson(request, MAX_REPORT_BYTES), "invalid consent report");
  const config = getConfig(env);
  const granted = reportGrants(report, config.consentPurposes);
  if (granted === null)
    throw new StatusError(400, "the report holds no usable consent signal (a TC string, or a storage signal)");
  const who = requestVisitor(request, env);
  const value = granted ? "1" : "0";
  const mode = privacyMode(request, env, { ...who.cookies, [FRAMEWORK_CONSENT_COOKIE]: value });
  const headers = new Headers({ "cache-control": "no-store" });
  headers.append(
    "set-cookie",
    setCookie(FRAMEWORK_CONSENT_COOKIE, value, { maxAgeSeconds: config.retentionDays * 86_400, secure: who.secure }),
  );
  let erased = false;
  if (config.consent.required && mode === "anonymous" && who.visitorId) {
    // Withdrawn: nothing of this browser may stay (the opt-out's erasure, tombstone included), and its id goes.
    await visitorStub(env, who.visitorId).forget({ optOut: true, reason: "consent_withdrawn" });
    headers.append("set-cookie", clearCookie(VISITOR_COOKIE, who.secure));
    erased = true;
  }
  return Response.json({ consent: granted ? "granted" : "refused", mode, erased }, { headers });
}
