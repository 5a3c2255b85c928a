import type { AppliedAction } from "@waymark/shared";
import { hideHandler } from "./hide-handler.ts";
import { insertHandler } from "./insert-handler.ts";
import { removeHandler } from "./remove-handler.ts";
import { replaceHandler } from "./replace-handler.ts";
import { setAttributeHandler } from "./set-attribute-handler.ts";
import { styleHandler } from "./style-handler.ts";

type HandlerFactory = (a: AppliedAction) => HTMLRewriterElementContentHandlers;

const FACTORIES: Partial<Record<AppliedAction["action"]["type"], HandlerFactory>> = {
  insert: insertHandler,
  replace: replaceHandler,
  set_attribute: setAttributeHandler,
  remove: removeHandler,
  hide: hideHandler,
  style: styleHandler,
};

/** The selector and element handler of a page action, or null for actions the edge does not apply in the HTML. */
export function actionHandler(
  a: AppliedAction,
): { selector: string; handler: HTMLRewriterElementContentHandlers } | null {
  const factory = FACTORIES[a.action.type];
  if (!factory || !("selector" in a.action)) return null;
  return { selector: a.action.selector, handler: factory(a) };
}
