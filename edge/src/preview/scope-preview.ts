import type { PageDecision } from "../visitor/visitor-rpc.ts";

/**
 * A preview token is for ONE journey: the page shows that journey's actions (forced stage/branch) and the trace
 * explains only it. The sandbox decides with the whole ruleset the token names (all drafts, for a draft preview),
 * so without this every unrelated draft would show and be traced.
 *
 * Why the journey alone, not "the journey plus the others as published": a preview is QA of one journey's copy,
 * placement and branches. The forced journey is decided first, so no other journey can take its slots either way;
 * what other journeys would add depends on a real visitor's history in them (stages, caps, holdouts) that a
 * preview sandbox does not have, so it would not be "what a visitor sees" anyway, only noise that changes with
 * other teams' campaigns. Known limit: a redirect from another journey in the same ruleset still wins inside the
 * sandbox's decision (dropping the previewed journey's page changes); scoping the ruleset in the visitor object
 * would remove that too.
 */
export function scopeToJourney(decision: PageDecision, journey: string): PageDecision {
  const actions = decision.actions.filter((a) => a.journey === journey);
  const ownRedirect = actions.some((a) => a.action.type === "redirect");
  return {
    ...decision,
    actions,
    redirect: ownRedirect ? decision.redirect : null,
    ...(decision.trace ? { trace: decision.trace.filter((t) => t.journey === journey) } : {}),
  };
}
