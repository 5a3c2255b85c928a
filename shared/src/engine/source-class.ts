import type { SourceClass } from "../schemas/stats.ts";

// Until the audiences issue brings UTM campaigns, a visitor's source is the class of where they came from: ad click
// ids and utm_medium first (they survive a referrer stripped by the browser), then the referrer's host.

/** Query parameters that ad networks append to a click (Google, Meta, Microsoft): the visit was paid for. */
const CLICK_IDS = ["gclid", "fbclid", "msclkid"];
const PAID_MEDIUMS = new Set(["cpc", "ppc", "cpm", "paid", "paidsearch", "paid_search", "paid-search", "paid_social"]);
const EMAIL_MEDIUMS = new Set(["email", "e-mail", "newsletter"]);

/** Search engines whose country domains vary (google.de, google.co.uk): matched as "<name>.<1 or 2 labels>". */
const SEARCH_NAMES = ["google", "yahoo", "yandex", "baidu", "bing", "duckduckgo", "ecosia", "qwant", "naver", "seznam"];
const SEARCH_DOMAINS = ["search.brave.com", "startpage.com", "ask.com", "search.aol.com", "kagi.com", "sogou.com"];
const SOCIAL_NAMES = ["facebook", "pinterest"];
const SOCIAL_DOMAINS = [
  "fb.com",
  "instagram.com",
  "t.co",
  "twitter.com",
  "x.com",
  "linkedin.com",
  "lnkd.in",
  "reddit.com",
  "youtube.com",
  "tiktok.com",
  "snapchat.com",
  "threads.net",
  "tumblr.com",
  "vk.com",
  "whatsapp.com",
  "wa.me",
  "t.me",
  "telegram.org",
  "bsky.app",
  "mastodon.social",
  "quora.com",
  "news.ycombinator.com",
];
/** Webmail: a link clicked in an email read in the browser (checked before search: mail.google.com is not search). */
const WEBMAIL_DOMAINS = [
  "mail.google.com",
  "outlook.live.com",
  "outlook.office.com",
  "outlook.office365.com",
  "mail.yahoo.com",
  "mail.aol.com",
  "mail.proton.me",
  "mail.zoho.com",
  "mail.yandex.ru",
  "mail.yandex.com",
  "gmx.net",
  "gmx.de",
  "web.de",
];

/** host is `domain` or one of its subdomains. */
const under = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** host is "<name>.<tld>" or "<name>.<sld>.<tld>" (or a subdomain of one): google.com, www.google.co.uk. */
function named(labels: string[], name: string): boolean {
  const i = labels.lastIndexOf(name);
  return i >= 0 && labels.length - i - 1 >= 1 && labels.length - i - 1 <= 2;
}

/** Lower case, no trailing dot, no port, no "www.": the form hosts are compared in. */
function bare(host: string): string {
  const h = host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
  return h.startsWith("www.") ? h.slice(4) : h;
}

/**
 * The traffic source class of a request: "paid" for ad click ids (gclid, fbclid, msclkid) or utm_medium cpc/paid
 * (and the like), "email" for utm_medium=email or a webmail referrer, then by the referrer's host: the site itself
 * (or a subdomain either way) "internal", a search engine "search", a social network "social", none (or not a
 * URL) "direct", anything else (apps included) "referral". Pure; the case table is shared/test/cases/source-classes.json.
 * @example sourceClass("https://www.google.co.uk/", {}, "shop.example") // "search"
 */
export function sourceClass(
  referrer: string | null,
  query: Readonly<Record<string, string>>,
  host: string,
): SourceClass {
  for (const id of CLICK_IDS) if (query[id]) return "paid";
  const medium = query.utm_medium?.trim().toLowerCase();
  if (medium && PAID_MEDIUMS.has(medium)) return "paid";
  if (medium && EMAIL_MEDIUMS.has(medium)) return "email";
  if (!referrer) return "direct";
  let refHost: string;
  try {
    const u = new URL(referrer);
    // An app's referrer (android-app://...) names where the visitor came from, like a site's would.
    if (u.protocol !== "http:" && u.protocol !== "https:") return "referral";
    refHost = bare(u.hostname);
  } catch {
    return "direct";
  }
  if (!refHost) return "direct";
  const site = bare(host);
  if (site && (under(refHost, site) || under(site, refHost))) return "internal";
  if (WEBMAIL_DOMAINS.some((d) => under(refHost, d)) || refHost.startsWith("webmail.")) return "email";
  const labels = refHost.split(".");
  if (SEARCH_DOMAINS.some((d) => under(refHost, d)) || SEARCH_NAMES.some((n) => named(labels, n))) return "search";
  if (SOCIAL_DOMAINS.some((d) => under(refHost, d)) || SOCIAL_NAMES.some((n) => named(labels, n))) return "social";
  return "referral";
}
