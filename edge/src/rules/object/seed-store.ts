import { AuthoredJourney } from "@waymark/shared/authoring/authored-journey.ts";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import { getConfig } from "../../config.ts";
import * as drafts from "./draft-table.ts";
import { publishDrafts } from "./publish-drafts.ts";
import { getMeta, setMeta } from "./rules-schema.ts";
import * as versions from "./version-table.ts";

const SEED_ACTOR = "waymark";

/**
 * Should a brand-new store publish the demo journeys? They are written for the built-in demo shop (a "10% off"
 * banner, a help nudge): by default only when ORIGIN_URL is empty, never in front of a real site.
 * SEED_DEMO_JOURNEYS overrides: "true"/"1"/"on"/"yes" seeds in front of any origin, "false"/"0"/"off"/"no" never seeds.
 */
export function shouldSeedDemoJourneys(env: Partial<Env>): boolean {
  const { seedDemoJourneys, originUrl } = getConfig(env);
  const opt = seedDemoJourneys.trim().toLowerCase();
  if (["true", "1", "on", "yes"].includes(opt)) return true;
  if (["false", "0", "off", "no"].includes(opt)) return false;
  return !originUrl.trim();
}

/**
 * A brand-new store gets the seed journeys, published as version 1, when `enabled` (shouldSeedDemoJourneys); once
 * only, even if they are deleted later. A store not seeded stays eligible, so opting in later still seeds it while
 * it is empty.
 */
export function seedStore(storage: DurableObjectStorage, enabled: boolean): void {
  const sql = storage.sql;
  if (!enabled || getMeta(sql, "seeded")) return;
  storage.transactionSync(() => {
    if (drafts.countDrafts(sql) === 0 && versions.countVersions(sql) === 0) {
      const now = Date.now();
      for (const input of SEED_JOURNEYS) {
        const parsed = AuthoredJourney.safeParse(input);
        if (!parsed.success) {
          console.error(`waymark: seed journey ${input.id} is invalid; skipped`);
          continue;
        }
        drafts.writeDraft(sql, {
          journey: parsed.data,
          status: "draft",
          at: now,
          by: SEED_ACTOR,
          publishedVersion: null,
        });
      }
      const r = publishDrafts(sql, "seed journeys", SEED_ACTOR, now);
      if (!r.ok) console.error(`waymark: seeding failed: ${r.error}`);
    }
    setMeta(sql, "seeded", "1");
  });
}
