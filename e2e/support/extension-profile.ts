import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { launchWithExtension } from "./browser.ts";

/** Chrome's id of an unpacked extension: the first 32 hex digits of SHA-256(path), spelled with a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash("sha256").update(dir).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
}

/**
 * Host access to the test sites, as the user would grant it in Chrome's permission prompt. Headless Chromium cannot
 * show (or answer) that prompt, so the grant is written where Chrome keeps it, between two launches on the same
 * profile; the options page's own permissions.request then finds it granted.
 */
export function grantHostInProfile(profile: string, id: string, pattern: string): void {
  const file = join(profile, "Default", "Preferences");
  const prefs = JSON.parse(readFileSync(file, "utf8"));
  const settings = prefs.extensions?.settings?.[id];
  if (!settings) throw new Error(`extension ${id} not found in the profile`);
  for (const key of ["active_permissions", "granted_permissions"]) {
    settings[key] ??= {};
    settings[key].explicit_host = [...new Set([...(settings[key].explicit_host ?? []), pattern])];
  }
  writeFileSync(file, JSON.stringify(prefs));
}

/**
 * Chromium with the built extension, host access to `pattern` already granted: first launch installs it into a
 * fresh profile, the second runs with the grant in place.
 */
export async function launchExtensionWithGrant(
  extensionDir: string,
  pattern: string,
): Promise<{ ctx: BrowserContext; extId: string; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), "waymark-ext-e2e-"));
  const first = await launchWithExtension(extensionDir, profile);
  const sw = first.serviceWorkers()[0] ?? (await first.waitForEvent("serviceworker"));
  const extId = new URL(sw.url()).host;
  if (extId !== unpackedExtensionId(extensionDir)) throw new Error(`unexpected extension id ${extId}`);
  await first.close();
  grantHostInProfile(profile, extId, pattern);
  const ctx = await launchWithExtension(extensionDir, profile);
  if (!ctx.serviceWorkers().length) await ctx.waitForEvent("serviceworker");
  return { ctx, extId, profile };
}
