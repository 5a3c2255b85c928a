// Compiled globs, shared by every ruleset: the same few globs are matched on every request.
const cache = new Map<string, RegExp>();
const MAX_CACHED = 2_000;

/** The RegExp for a glob: "**" any characters, "*" any within a path segment, "?" one character but "/". */
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
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
  re = new RegExp(src + "$", "s");
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(glob, re);
  return re;
}

/** True when the whole of `path` matches `glob` (matchGlob("/cart*", "/cart/x") is false, "/cart**" is true). */
export function matchGlob(glob: string, path: string): boolean {
  return globToRegExp(glob).test(path);
}
