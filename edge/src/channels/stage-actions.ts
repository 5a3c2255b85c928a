import type { CompiledRuleset, VisitorState } from "@waymark/shared";
import { checkCondition } from "@waymark/shared";
import { renderAction } from "@waymark/shared/engine/render-action.ts";
import type { ChannelAction } from "@waymark/shared";
import { channelContent } from "./channel-journey.ts";

/**
 * Pure: the actions a visitor gets in a journey's stage and branch, rendered with the visitor's values, for a
 * channel outside the page (a webhook to an email tool). The same selection as a page's, without the page: the
 * action's stage and branch, and its conditions on the visitor (cart, traits, scores, ...); conditions on a request
 * (path, device, query, cookie ...) cannot hold or fail without one and are left out. Nothing in the holdout.
 */
export function stageActions(
  rules: CompiledRuleset,
  journeyId: string,
  stage: string,
  branch: string | null,
  state: VisitorState,
  now: number,
): ChannelAction[] {
  const j = rules.byId.get(journeyId);
  if (!j || branch === null) return [];
  const js = state.journeys[journeyId];
  const env = { state, now, journeyState: js, audiences: rules.audiences };
  const values = { state, values: null };
  const out: ChannelAction[] = [];
  for (const a of j.actions) {
    if (a.refused) continue;
    if (a.stages ? !a.stages.has(stage) : j.exitStages.has(stage)) continue;
    if (a.branches && !a.branches.has(branch)) continue;
    const unmet = (a.when ?? []).some((c, i) => {
      const r = checkCondition(c, env, a.whenLabels[i]);
      return !r.ok && r.detail !== NO_REQUEST;
    });
    if (unmet) continue;
    const rendered = renderAction(a.action, values);
    if (!rendered) continue;
    out.push({ id: a.id, type: rendered.type, slot: a.slot, ...channelContent(rendered) });
  }
  return out;
}

/** What a request condition answers without a request (shared/src/engine/eval-condition.ts). */
const NO_REQUEST = "no request to check";
