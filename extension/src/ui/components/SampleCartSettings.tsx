import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { sampleCartItem } from "../../storage/items.ts";
import { DEFAULT_SAMPLE_CART, type SampleCart } from "../../storage/schemas.ts";

/** The sample cart seeded into forced-stage previews (and QA runs, and shared links). */
export function SampleCartSettings() {
  const cart = useSignal<SampleCart>(DEFAULT_SAMPLE_CART);
  useEffect(() => {
    void sampleCartItem.get().then((c) => (cart.value = c));
  }, []);
  const save = (patch: Partial<SampleCart>) => {
    const next = { ...cart.value, ...patch };
    if (!next.name.trim()) return;
    cart.value = next;
    void sampleCartItem.set(next);
  };
  return (
    <label
      class="row muted"
      title="Put this item in the preview visitor's cart when a stage is forced, so cart templates and conditions show as for a real visitor in that stage"
    >
      <input
        type="checkbox"
        checked={cart.value.enabled}
        data-testid="sample-cart"
        onChange={(e) => save({ enabled: (e.target as HTMLInputElement).checked })}
      />
      Forced stages start with a cart holding
      <input
        aria-label="Sample product"
        size={14}
        value={cart.value.name}
        disabled={!cart.value.enabled}
        onChange={(e) => save({ name: (e.target as HTMLInputElement).value.trim() })}
      />
    </label>
  );
}
