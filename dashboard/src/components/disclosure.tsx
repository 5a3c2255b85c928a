import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

/**
 * A collapsible part of the form (<details>) that opens by itself when `reveal` becomes true (it holds an error, or
 * content the marketer should see) and then stays open until the marketer closes it: fixing the error must not fold
 * the field away under the cursor. The open state is the component's, kept in step with the browser's toggle (the
 * error summary's links open it directly).
 */
export function Disclosure(p: {
  summary: ComponentChildren;
  reveal: boolean;
  class?: string;
  children: ComponentChildren;
}) {
  const [open, setOpen] = useState(p.reveal);
  useEffect(() => {
    if (p.reveal) setOpen(true);
  }, [p.reveal]);
  return (
    <details class={p.class} open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{p.summary}</summary>
      {p.children}
    </details>
  );
}
