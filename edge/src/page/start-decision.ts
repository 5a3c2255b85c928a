import { newVisitorState, pageView, type PreviewClaims, type RequestContext } from "@waymark/shared";
import type { PrivacyMode } from "../privacy/privacy-mode.ts";
import { getConfig } from "../config.ts";
import { getPublishedRuleset } from "../rules/published-ruleset.ts";
import { getModels } from "../models/model-cache.ts";
import { newVisitorId } from "../identity/visitor-id.ts";
import type { PageDecision } from "../visitor/visitor-rpc.ts";
import { previewSandboxName, visitorStub } from "../visitor/visitor-stub.ts";
import { hasActiveJourney } from "./has-active-journey.ts";
import { manifestExtras } from "./manifest-extras.ts";

export type PageOutcome =
  | { kind: "decided"; decision: PageDecision; preview: boolean }
  /** Opted out (and no valid preview): the page is served as the origin sent it. */
  | { kind: "optout" }
  /** No journey could act: nothing was asked of (or stored in) the visitor's object. */
  | { kind: "skipped"; version: number };

export interface DecisionInput {
  env: Env;
  ctx: ExecutionContext;
  reqCtx: RequestContext;
  mode: PrivacyMode;
  visitorId: string | null;
  /** A verified preview token wins over everything else (even an opt-out: it is the marketer's own browser). */
  preview: Promise<PreviewClaims | null>;
  /** The site's origin (scheme and host of the request): keys the data centre's shared live-version check. */
  origin?: string;
  /** Count the view against the browser's event window (visitor-rpc.ts OnPageArgs). */
  ratePerMinute?: number;
}

/** Starts the page's decision: a preview sandbox, an in-memory anonymous decision, or the visitor's one RPC. */
export async function startDecision(input: DecisionInput): Promise<PageOutcome> {
  const { env, reqCtx } = input;
  const preview = await input.preview;
  if (preview) {
    const sandbox = previewSandboxName(preview.jti);
    const decision = await visitorStub(env, sandbox).onPage({
      visitorId: sandbox,
      sandbox: true,
      version: preview.version,
      ctx: reqCtx,
      force: { journey: preview.journey, stage: preview.stage, branch: preview.branch },
      trace: true,
      ratePerMinute: input.ratePerMinute,
    });
    // The sandbox decides with the previewed journey alone (visitor object: rulesFor).
    return { kind: "decided", decision, preview: true };
  }
  if (input.mode === "optout") return { kind: "optout" };
  const rules = await getPublishedRuleset(env, input.ctx, input.origin);
  if (!hasActiveJourney(rules)) return { kind: "skipped", version: rules.version };
  if (input.mode === "anonymous" || !input.visitorId) {
    // Without consent: a throwaway state (random id, so branches spread) and request-level conditions only.
    const now = Date.now();
    const fresh = newVisitorState(newVisitorId(), now);
    const d = pageView(fresh, rules, reqCtx, {
      now,
      globalHoldout: getConfig(env).globalHoldout,
      // Offers on request-level features only, with this isolate's cached models (nothing is learned from them).
      models: getModels(env, rules, (p) => input.ctx.waitUntil(p)),
      storedFeatures: false,
    }).decision;
    return {
      kind: "decided",
      decision: { version: d.version, actions: d.actions, redirect: d.redirect, extras: manifestExtras(rules, d) },
      preview: false,
    };
  }
  const decision = await visitorStub(env, input.visitorId).onPage({
    visitorId: input.visitorId,
    version: rules.version,
    ctx: reqCtx,
    ratePerMinute: input.ratePerMinute,
    globalHoldout: getConfig(env).globalHoldout,
  });
  return { kind: "decided", decision, preview: false };
}
