import { useSignal } from "@preact/signals";
import { WaymarkApiError } from "@waymark/shared";
import { call, errorText } from "../api.ts";
import { selectorTestText, type SelectorTestLine } from "../lib/selector-test-text.ts";

/** "Test on a page": the edge counts what the selector matches on a real page of the site (POST /selector-test). */
export function SelectorTest({ id, selector }: { id: string; selector: string }) {
  const url = useSignal("/");
  const result = useSignal<SelectorTestLine | null>(null);
  const busy = useSignal(false);
  const run = async () => {
    busy.value = true;
    try {
      const r = await call((c) => c.testSelector({ url: url.value.trim() || "/", selector }));
      result.value = selectorTestText(r, url.value.trim() || "/");
    } catch (err) {
      const issue = err instanceof WaymarkApiError ? err.issues[0]?.message : undefined;
      result.value = { tone: "bad", text: issue ? `${issue}.` : errorText(err) };
    } finally {
      busy.value = false;
    }
  };
  return (
    <details class="selector-test">
      <summary>Test on a page</summary>
      <div class="selector-test-row">
        <label for={`${id}-url`}>Page</label>
        <input
          id={`${id}-url`}
          value={url.value}
          placeholder="/pricing"
          spellcheck={false}
          autoComplete="off"
          onInput={(e) => (url.value = (e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void run();
            }
          }}
        />
        <button type="button" class="btn small" disabled={!selector || busy.value} onClick={() => void run()}>
          {busy.value ? "Testing…" : "Test"}
        </button>
      </div>
      {result.value && (
        <p class={`selector-test-result ${result.value.tone}`} role="status">
          {result.value.text}
        </p>
      )}
    </details>
  );
}
