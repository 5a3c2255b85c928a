// Only bindings named like this can sign webhooks: a journey (marketer input) must never be able to pick,
// say, ADMIN_TOKEN as its signing key.
const SECRET_NAME = /^WEBHOOK_[A-Z0-9_]{0,56}$/;

/** The secret a journey's webhook is signed with: its named WEBHOOK_* secret binding, else WEBHOOK_SECRET. */
export function webhookSecret(env: Env, secretName?: string): string | null {
  const name = secretName ?? "WEBHOOK_SECRET";
  if (!SECRET_NAME.test(name)) return null;
  const v = (env as unknown as Record<string, unknown>)[name];
  return typeof v === "string" && v.length >= 16 ? v : null;
}
