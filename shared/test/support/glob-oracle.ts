/**
 * The old glob implementation (a backtracking RegExp), kept as the oracle of the semantics: correct, but exponential
 * on some inputs, so only for short globs and paths (shared/test/match-glob.test.ts, edge/test/fuzz-globs.test.ts).
 */
export function globOracle(glob: string, path: string): boolean {
  let src = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        src += ".*";
        i++;
      } else src += "[^/]*";
    } else if (c === "?") src += "[^/]";
    else src += c.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
  }
  return new RegExp(src + "$", "s").test(path);
}
