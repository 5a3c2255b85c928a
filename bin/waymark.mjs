#!/usr/bin/env node
// The `waymark` command. The CLI is TypeScript run through tsx's loader, so a fresh clone works right after
// `npm install` with no build step, and it uses the very same shared/ sources (schemas, engine, client) as the Worker.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/src/main.ts");
process.exitCode = await main(process.argv.slice(2));
