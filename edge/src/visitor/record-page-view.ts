import {
  applyEvent,
  decide,
  recordExposures,
  type CompiledRuleset,
  type Decision,
  type StageChange,
  type VisitorState,
} from "@waymark/shared";
import type { OnPageArgs, PageDecision } from "./visitor-rpc.ts";

export interface PageView {
  state: VisitorState;
  changes: StageChange[];
  decision: Decision;
  reply: PageDecision;
}

/** Pure: applies a page view to the visitor, decides the page, and records what the visitor is shown. */
export function recordPageView(prior: VisitorState, args: OnPageArgs, rules: CompiledRuleset, now: number): PageView {
  const adv = applyEvent(prior, { type: "page_view", data: { path: args.ctx.path } }, rules, { now, ctx: args.ctx });
  const decision = decide(adv.state, rules, args.ctx, { now, mode: "page", force: args.force });
  return {
    state: recordExposures(adv.state, decision, now),
    changes: adv.changes,
    decision,
    reply: {
      version: rules.version,
      actions: decision.actions,
      redirect: decision.redirect,
      ...(args.trace ? { trace: decision.trace } : {}),
    },
  };
}
