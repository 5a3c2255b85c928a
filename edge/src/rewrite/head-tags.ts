import type { PageManifest } from "@waymark/shared";
import { BEACON_HASH } from "../beacon/beacon.gen.ts";
import { escapeAttr } from "./escape-attr.ts";

/** JSON safe inside a <script> element: no "</script>", no "<!--", no line separators that break old parsers. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Non-ASCII as \u escapes: only valid where non-ASCII appears inside JSON strings (the JSON script elements). */
export const asciiJson = (text: string) =>
  text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * The manifest and beacon tags injected at the end of <head> (contract: PageManifest in shared/src/schemas/manifest.ts).
 * Always together, the manifest immediately before the beacon's tag: the beacon reads only that element (its tag's
 * previous sibling), so nothing in the origin's content, not even an element with id="__waymark", passes for it.
 */
export function headTags(manifest: PageManifest, nonce: string | null): string {
  const nonceAttr = nonce ? ` nonce="${escapeAttr(nonce)}"` : "";
  return (
    `<script type="application/json" id="__waymark">${scriptSafeJson(manifest)}</script>` +
    `<script async src="/__waymark/beacon.js?v=${BEACON_HASH}"${nonceAttr}></script>`
  );
}
