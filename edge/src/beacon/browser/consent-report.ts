import { guard } from "./guard.ts";
import { postJson } from "./post-json.ts";
import { loadSession, saveSession } from "./session-store.ts";

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the page's CMP, any shape
const SENT = "wm_consent_sent";

/**
 * Under CONSENT_MODE=required (the manifest says `consent`): reports the page's consent frameworks to the edge,
 * POST /__waymark/consent, which decides (edge/src/privacy/consent-report.ts), starts storage on a grant and erases
 * on a withdrawal. TCF through `__tcfapi('addEventListener', 2, ...)`; Google Consent Mode through the
 * gtag('consent', ...) states site-events.ts finds in the dataLayer, handed to the function returned (only the two
 * storage signals that decide: analytics_storage, personalization_storage). Sent once the state settles, and only
 * when it differs from what this session last reported.
 */
export function reportConsent(): (state: Any) => void {
  const report: Any = {};
  const cm: Any = {};
  let timer: unknown;
  const send = guard(() => {
    timer = 0;
    const body = JSON.stringify(report);
    if (body != "{}" && loadSession(SENT, "") != body)
      postJson("/__waymark/consent", report).then((r) => r.ok && saveSession(SENT, body), Object);
  });
  const later = (_?: unknown) => timer || (timer = setTimeout(send));
  const tcf = (window as Any).__tcfapi;
  if (tcf)
    tcf(
      "addEventListener",
      2,
      guard((d: Any, ok: boolean) => {
        // Every status (tcloaded, cmpuishown, useractioncomplete) holds the current string; the same one is sent once.
        if (ok && d.tcString) later((report.tcf = d.tcString));
      }),
    );
  return (state) => {
    for (const k of ["analytics_storage", "personalization_storage"])
      if (/^(granted|denied)$/.test(state[k])) later(((report.consentMode = cm)[k] = state[k]));
  };
}
