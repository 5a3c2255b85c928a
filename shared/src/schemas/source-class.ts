import { z } from "zod";

/**
 * Where a visitor came from: the referrer's host class (search engines, social networks, webmail = "email", the
 * site itself = "internal", none = "direct", else "referral"), overridden by ad click ids (gclid, fbclid, msclkid)
 * or utm_medium=cpc|paid ("paid") and utm_medium=email ("email"). Its own file so conditions and stats both use it
 * without importing each other.
 */
export const SourceClass = z.enum(["search", "social", "email", "paid", "referral", "direct", "internal"]);
export type SourceClass = z.infer<typeof SourceClass>;
