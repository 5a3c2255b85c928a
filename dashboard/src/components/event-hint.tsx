import { BUILTIN_EVENTS } from "@waymark/shared";

/** Custom events need the site to send them; say how. */
export function EventHint({ on }: { on: unknown }) {
  if (typeof on !== "string" || (BUILTIN_EVENTS as readonly string[]).includes(on)) return null;
  return <p class="hint">Custom event: send it with waymark.track("{on}").</p>;
}
