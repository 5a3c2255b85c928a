#!/usr/bin/env node
// `npm start`: build, make sure .dev.vars holds secrets, run `wrangler dev` on 127.0.0.1:8787 with persisted local
// state, and print where to go once it answers. Extra args pass through: `npm start -- --port 9000`,
// `npm start -- --var ORIGIN_URL:http://127.0.0.1:3000`.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const extra = process.argv.slice(2);

/** Value of a wrangler flag among the passed-through args (`--port 9000` or `--port=9000`). */
function flag(name) {
  for (let i = 0; i < extra.length; i++) {
    if (extra[i] === `--${name}`) return extra[i + 1];
    if (extra[i].startsWith(`--${name}=`)) return extra[i].slice(name.length + 3);
  }
  return undefined;
}

function parseVars(text) {
  const vars = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) vars[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
  return vars;
}

/** Create .dev.vars with random secrets, or fill in the ones missing (or left as placeholders) in an existing file. */
function ensureDevVars() {
  const path = ".dev.vars";
  const current = existsSync(path) ? parseVars(readFileSync(path, "utf8")) : {};
  const wanted = {
    ADMIN_TOKEN: () => randomBytes(24).toString("base64url"),
    PREVIEW_SECRET: () => randomBytes(32).toString("hex"),
    IDENTITY_SECRET: () => randomBytes(32).toString("hex"),
  };
  const missing = Object.keys(wanted).filter((k) => !current[k] || current[k].startsWith("change-me"));
  if (!missing.length) return current;
  for (const k of missing) current[k] = wanted[k]();
  if (!existsSync(path)) {
    const lines = missing.map((k) => `${k}=${current[k]}`).join("\n");
    writeFileSync(
      path,
      `# Local secrets for wrangler dev, created by npm start (see .dev.vars.example). Not committed.\n${lines}\n`,
      {
        mode: 0o600,
      },
    );
    console.log("start: created .dev.vars with a random ADMIN_TOKEN, PREVIEW_SECRET and IDENTITY_SECRET");
  } else {
    // Replace placeholder lines in place; add the keys that are absent.
    let text = readFileSync(path, "utf8");
    for (const k of missing) {
      const re = new RegExp(`^\\s*${k}\\s*=.*$`, "m");
      text = re.test(text)
        ? text.replace(re, `${k}=${current[k]}`)
        : `${text.replace(/\n?$/, "\n")}${k}=${current[k]}\n`;
    }
    writeFileSync(path, text);
    console.log(`start: set ${missing.join(", ")} in .dev.vars`);
  }
  return current;
}

console.log("start: building");
const build = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit", env });
if (build.status !== 0) process.exit(build.status ?? 1);
const vars = ensureDevVars();

const ip = flag("ip") ?? "127.0.0.1";
const port = flag("port") ?? "8787";
const args = ["wrangler", "dev"];
if (!flag("ip")) args.push("--ip", ip);
if (!flag("port")) args.push("--port", port);
if (!flag("persist-to")) args.push("--persist-to", ".wrangler/state");
args.push(...extra);

const children = [];
const wrangler = spawn("npx", args, { stdio: "inherit", env });
children.push(wrangler);
// Rebuild the beacon when its source changes; wrangler dev then reloads the Worker with it.
const watcher = spawn(process.execPath, ["edge/scripts/build-beacon.mjs", "--watch", "--quiet"], {
  stdio: "inherit",
  env,
});
children.push(watcher);

const stop = (signal) => {
  for (const c of children) if (c.exitCode === null) c.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
wrangler.on("exit", (code) => {
  stop("SIGTERM");
  process.exit(code ?? 0);
});

// Print the URLs and the token once the Worker answers.
const host = ip === "0.0.0.0" || ip === "::" ? "127.0.0.1" : ip.includes(":") ? `[${ip}]` : ip;
const base = `http://${host}:${port}`;
const deadline = Date.now() + 120_000;
while (Date.now() < deadline && wrangler.exitCode === null) {
  try {
    const res = await fetch(`${base}/__waymark/health`);
    if (res.ok) {
      const origin = extra.some((a) => a.includes("ORIGIN_URL:")) ? "Site" : "Demo shop";
      console.log(
        [
          "",
          "  Waymark is running",
          `  ${origin.padEnd(12)} ${base}/`,
          `  ${"Dashboard".padEnd(12)} ${base}/__waymark/dashboard/`,
          `  ${"Admin token".padEnd(12)} ${vars.ADMIN_TOKEN}   (from .dev.vars)`,
          "",
        ].join("\n"),
      );
      break;
    }
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 300));
}
