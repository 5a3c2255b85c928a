/** The secret a journey's webhook is signed with: the named secret binding, else WEBHOOK_SECRET. */
export function webhookSecret(env: Env, secretName?: string): string | null {
  const vars = env as unknown as Record<string, unknown>;
  const v = secretName ? vars[secretName] : vars.WEBHOOK_SECRET;
  return typeof v === "string" && v.length >= 16 ? v : null;
}
