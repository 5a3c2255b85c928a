/** The one session rule id the extension uses: a single preview at a time, replaced atomically. */
export const PREVIEW_RULE_ID = 1;

export const PREVIEW_HEADER = "X-Waymark-Preview";

/** Request types that carry the token: the page itself, its frames, and the beacon's fetch/sendBeacon calls. */
const RESOURCE_TYPES = ["main_frame", "sub_frame", "xmlhttprequest", "ping", "other"] as const;

/** A declarativeNetRequest rule shape, kept structural so the pure builder needs no browser types. */
export interface HeaderRule {
  id: number;
  priority: number;
  action: {
    type: "modifyHeaders";
    requestHeaders: { header: string; operation: "set"; value: string }[];
  };
  condition: { urlFilter: string; resourceTypes: (typeof RESOURCE_TYPES)[number][] };
}

/**
 * The session rule that adds the preview header to requests to `origin` only: `|` anchors the filter at the start of
 * the URL, and the origin ends with its port, so neither other sites nor other ports of the same host get the token.
 */
export function previewRule(origin: string, token: string): HeaderRule {
  return {
    id: PREVIEW_RULE_ID,
    priority: 1,
    action: { type: "modifyHeaders", requestHeaders: [{ header: PREVIEW_HEADER, operation: "set", value: token }] },
    condition: { urlFilter: `|${origin}/`, resourceTypes: [...RESOURCE_TYPES] },
  };
}
