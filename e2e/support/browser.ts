import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium quiet on a machine with no internet. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A persistent context with an unpacked extension loaded (extensions need a persistent profile). Pass `profile` to
 * relaunch on the same profile (e.g. after seeding what a user granted in a browser prompt headless cannot show).
 */
export async function launchWithExtension(
  extensionDir: string,
  profile = mkdtempSync(join(tmpdir(), "waymark-chromium-")),
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
}

/** Where e2e runs save screenshots for a person to look at (gitignored). */
export function artifactsDir(sub: string): string {
  const dir = fileURLToPath(new URL(`../../artifacts/${sub}/`, import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
}
