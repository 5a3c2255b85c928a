import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";

/**
 * A button that asks first, in a modal <dialog> (focus trapped, Esc cancels), for actions that change
 * what visitors see or delete things.
 */
export function ConfirmButton(p: {
  label: ComponentChildren;
  title: string;
  message: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  danger?: boolean;
  class?: string;
  disabled?: boolean;
  ariaLabel?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await p.onConfirm();
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  };
  return (
    <>
      <button
        type="button"
        class={p.class ?? `btn small ${p.danger ? "danger" : ""}`}
        disabled={p.disabled}
        aria-label={p.ariaLabel}
        onClick={() => dialog.current?.showModal()}
      >
        {p.label}
      </button>
      <dialog ref={dialog} class="confirm" aria-labelledby={undefined}>
        <h2>{p.title}</h2>
        <div class="confirm-body">{p.message}</div>
        <div class="buttons">
          <button type="button" class="btn ghost" onClick={() => dialog.current?.close()} disabled={busy}>
            Cancel
          </button>
          <button type="button" class={`btn ${p.danger ? "danger" : "primary"}`} onClick={confirm} disabled={busy}>
            {busy ? "Working…" : p.confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
