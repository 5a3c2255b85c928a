/**
 * Which ids and class names survive a redeploy. Build tools mint hashed names on every build (CSS modules, CSS-in-JS)
 * and frameworks number elements as they render; a selector built on those breaks on the site's next deploy, so the
 * selector generator never uses them.
 */

/** A name that needs no escaping in a selector: HTMLRewriter and every browser read it the same way. */
const PLAIN_NAME = /^-?[A-Za-z_][A-Za-z0-9_-]*$/;

/** Names minted by build tools and frameworks: never stable. */
const GENERATED: RegExp[] = [
  /^css-[a-z0-9]+(-[A-Za-z0-9]+)?$/, // emotion: css-1a2b3c, css-1a2b3c-Button
  /^sc-[A-Za-z0-9]+$/, // styled-components component ids: sc-bdVaJa
  /^jsx-\d+$/, // styled-jsx
  /^svelte-[a-z0-9]+$/, // svelte scoped styles
  /^ng-(tns|star|trigger)-/, // Angular animation / render state
  /^(ember|react-aria|mui|radix-|headlessui-)[\w-]*\d/, // framework-numbered ids
  /^[A-Za-z][\w-]*__(?=[\w-]*[0-9A-Z])[A-Za-z0-9_-]{5}$/, // CSS modules [name]__[hash:5]: Button_root__x7Fq2
  /^_[A-Za-z0-9_-]{5,}$/, // CSS modules with a bare hash: _3xK9a
  /^[a-z]{1,3}[A-Z0-9][A-Za-z0-9]{4,}$/, // short random tokens (hashed atomic CSS): bJsaFQ, e1k9vx2
];

/** Classes that describe a passing state, not the element: a selector on them stops matching when the state changes. */
const STATE_CLASS =
  /^(is-|has-)|^(active|current|selected|open|opened|closed|hover|focus|focused|visible|hidden|show|disabled|loading|loaded)$/;

/** True for a name with a run of digits long enough to be a counter or a database id baked into the markup. */
function numbered(name: string): boolean {
  return /\d{4,}/.test(name);
}

/** True when the name mixes letters and digits the way hashes do (several digit/letter switches in a short name). */
function looksHashed(name: string): boolean {
  for (const part of name.split(/[-_]+/)) {
    if (part.length < 5 || !/\d/.test(part) || !/[A-Za-z]/.test(part)) continue;
    const switches = part.match(/[A-Za-z]\d|\d[A-Za-z]/g)?.length ?? 0;
    if (switches >= 3) return true;
  }
  return false;
}

/** An id worth anchoring a selector on. */
export function isStableId(id: string): boolean {
  return PLAIN_NAME.test(id) && !GENERATED.some((r) => r.test(id)) && !numbered(id) && !looksHashed(id);
}

/** A class name worth selecting on (not hashed, not numbered, not a passing state, no characters to escape). */
export function isStableClass(name: string): boolean {
  return (
    PLAIN_NAME.test(name) &&
    !GENERATED.some((r) => r.test(name)) &&
    !STATE_CLASS.test(name) &&
    !numbered(name) &&
    !looksHashed(name) &&
    !name.startsWith("wm-") // Waymark's own classes (inserted banners): never a target on the origin's page
  );
}

/**
 * Attribute values that may go into `[name="value"]`: printable, no quote or backslash to escape, not too long, and
 * not numbered like a generated id.
 */
export function isStableAttrValue(value: string): boolean {
  return value.length > 0 && value.length <= 80 && /^[\x20-\x7e]+$/.test(value) && !/["\\]/.test(value);
}
