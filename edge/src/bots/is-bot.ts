// Search engines, crawlers, AI crawlers, link-preview fetchers and uptime monitors: they get the canonical page,
// with no cookie and no state. Generic HTTP clients (curl, fetch, headless browsers) are NOT listed: scripts, QA
// tools and end-to-end tests drive the personalized site with them on purpose.
const BOT_UA =
  /googlebot|bingbot|bingpreview|slurp|duckduckbot|baiduspider|yandex(bot|images)|sogou|exabot|petalbot|applebot|seznambot|mediapartners-google|adsbot|apis-google|feedfetcher|google-inspectiontool|googleother|storebot-google|facebookexternalhit|facebookcatalog|meta-externalagent|twitterbot|linkedinbot|pinterest|slackbot|slack-imgproxy|discordbot|telegrambot|whatsapp|skypeuripreview|embedly|quora link preview|redditbot|vkshare|outbrain|w3c_validator|semrush|ahrefs|mj12bot|dotbot|rogerbot|screaming frog|bytespider|gptbot|chatgpt-user|oai-searchbot|claudebot|claude-web|anthropic-ai|perplexitybot|ccbot|amazonbot|diffbot|chrome-lighthouse|pagespeed|uptimerobot|pingdom|statuscake|site24x7|newrelicpinger|\b(crawler|spider)\b|bot[\/;]/i;

/** Is this User-Agent a known bot, crawler or link preview? (No User-Agent at all is not enough to say so.) */
export function isBot(userAgent: string | null): boolean {
  if (!userAgent) return false;
  return BOT_UA.test(userAgent);
}
