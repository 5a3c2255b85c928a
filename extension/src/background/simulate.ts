import { browser } from "wxt/browser";
import type { VisitorEvent } from "@waymark/shared/schemas/event.ts";
import { sameOrigin } from "../lib/site-origin.ts";
import { sandboxVisitorId } from "../lib/token-claims.ts";
import { previewItem } from "../storage/items.ts";
import type { ActivePreview } from "../storage/schemas.ts";
import { BackgroundError } from "./background-error.ts";
import type { BackgroundDeps } from "./deps.ts";
import { clientFor, requireSite } from "./sites.ts";
import { reloadAndWait } from "./tab-load.ts";

/**
 * The preview in force on this tab's site. Simulation only ever addresses the sandbox visitor `preview:<jti>`:
 * without a preview there is no sandbox, and the extension refuses rather than touch a real visitor.
 */
async function sandboxFor(tabId: number): Promise<ActivePreview> {
  const preview = await previewItem.get();
  const tab = await browser.tabs.get(tabId);
  if (!preview || !sameOrigin(tab?.url, preview.origin))
    throw new BackgroundError("start a preview on this site first: simulation only acts on the preview sandbox");
  return preview;
}

export async function simulateEvents(
  tabId: number,
  events: VisitorEvent[],
  reload: boolean,
  deps: BackgroundDeps,
): Promise<{ accepted: number }> {
  const preview = await sandboxFor(tabId);
  const res = await clientFor(await requireSite(preview.origin), deps).sendVisitorEvents(
    sandboxVisitorId(preview),
    events,
  );
  if (reload) await reloadAndWait(tabId, deps.loadTimeoutMs);
  return { accepted: res.accepted };
}

export async function simulateAdvance(tabId: number, by: string, reload: boolean, deps: BackgroundDeps): Promise<null> {
  const preview = await sandboxFor(tabId);
  await clientFor(await requireSite(preview.origin), deps).advanceTime(sandboxVisitorId(preview), by);
  if (reload) await reloadAndWait(tabId, deps.loadTimeoutMs);
  return null;
}
