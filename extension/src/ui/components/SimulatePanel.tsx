import { useSignal } from "@preact/signals";
import type { VisitorEvent } from "@waymark/shared/schemas/event.ts";
import { sandboxVisitorId } from "../../lib/token-claims.ts";
import { sendMessage } from "../../messaging/send-message.ts";
import type { ActivePreview } from "../../storage/schemas.ts";

/** Fire events and jump time for the preview sandbox visitor, to reach later stages without waiting. */
export function SimulatePanel({ tabId, preview }: { tabId: number; preview: ActivePreview | null }) {
  const product = useSignal("Trail Runner");
  const by = useSignal("31m");
  const reload = useSignal(true);
  const busy = useSignal(false);
  const result = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  if (!preview)
    return (
      <div class="stack" data-testid="simulate">
        <h2>Simulate</h2>
        <div class="muted">
          Start a preview on this site first (a branch, or "branch only" to let the stage follow events). Simulation
          acts only on that preview's sandbox visitor: never a real visitor, never the stats.
        </div>
      </div>
    );
  const run = async (what: string, fn: () => Promise<string>) => {
    busy.value = true;
    error.value = null;
    try {
      result.value = `${what}: ${await fn()}`;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  };
  const fire = (events: VisitorEvent[], what: string) =>
    run(what, async () => {
      const r = await sendMessage("simulate.events", { tabId, events, reload: reload.value });
      return `${r.accepted} event(s) accepted`;
    });
  const name = product.value.trim() || "Product";
  // A forced stage pins the page to that stage: events and time still change the sandbox visitor, but the page
  // would not move (issue 13: "done", and nothing changed). Say so, and offer the branch-only preview right here.
  const branchOnly = () =>
    run("branch only", async () => {
      await sendMessage("preview.start", {
        tabId,
        journey: preview.journey,
        branch: preview.branch,
        version: preview.version,
      });
      return "the stage now follows events and time";
    });
  return (
    <div class="stack" data-testid="simulate">
      <h2>Simulate</h2>
      <div class="muted">
        Sandbox visitor <code>{sandboxVisitorId(preview)}</code>
      </div>
      {preview.stage !== undefined && (
        <div class="banner" data-testid="sim-pinned">
          The stage <b>{preview.stage}</b> is forced, so the page stays in it whatever you simulate.{" "}
          <button disabled={busy.value} data-testid="sim-branch-only" onClick={() => void branchOnly()}>
            Preview {preview.branch ? `branch ${preview.branch}` : "the journey"} only
          </button>{" "}
          to let the stage follow events and time.
        </div>
      )}
      <div class="row">
        <input
          aria-label="Product"
          value={product.value}
          onInput={(e) => (product.value = (e.target as HTMLInputElement).value)}
        />
        <button
          disabled={busy.value}
          data-testid="sim-add-to-cart"
          onClick={() =>
            void fire(
              [
                {
                  type: "add_to_cart",
                  data: { id: name.toLowerCase().replace(/\W+/g, "-"), name, price: 89, quantity: 1 },
                },
              ],
              "add to cart",
            )
          }
        >
          Add to cart
        </button>
      </div>
      <div class="row">
        <button
          disabled={busy.value}
          data-testid="sim-rage-click"
          onClick={() => void fire([{ type: "rage_click", data: { selector: "body", count: 5 } }], "rage click")}
        >
          Rage click
        </button>
        <button
          disabled={busy.value}
          data-testid="sim-purchase"
          onClick={() => void fire([{ type: "purchase", data: { value: 89 } }], "purchase")}
        >
          Purchase
        </button>
      </div>
      <div class="row">
        <input
          aria-label="Jump ahead by"
          size={6}
          value={by.value}
          onInput={(e) => (by.value = (e.target as HTMLInputElement).value)}
        />
        <button
          disabled={busy.value}
          data-testid="sim-advance"
          onClick={() =>
            void run(`jump ahead ${by.value}`, async () => {
              await sendMessage("simulate.advance", { tabId, by: by.value.trim(), reload: reload.value });
              return "done";
            })
          }
        >
          Jump ahead
        </button>
      </div>
      <label class="row">
        <input
          type="checkbox"
          checked={reload.value}
          onChange={(e) => (reload.value = (e.target as HTMLInputElement).checked)}
        />
        Reload the page after each step
      </label>
      {result.value && (
        <div class="banner" data-testid="sim-result">
          {result.value}
        </div>
      )}
      {error.value && <div class="banner error">{error.value}</div>}
    </div>
  );
}
