import { Journey } from "@waymark/shared/schemas/journey.ts";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import * as drafts from "./draft-table.ts";
import { publishDrafts } from "./publish-drafts.ts";
import { getMeta, setMeta } from "./rules-schema.ts";
import * as versions from "./version-table.ts";

const SEED_ACTOR = "waymark";

/** A brand-new store gets the seed journeys, published as version 1; once only, even if they are deleted later. */
export function seedStore(storage: DurableObjectStorage): void {
  const sql = storage.sql;
  if (getMeta(sql, "seeded")) return;
  storage.transactionSync(() => {
    if (drafts.countDrafts(sql) === 0 && versions.countVersions(sql) === 0) {
      const now = Date.now();
      for (const input of SEED_JOURNEYS) {
        const parsed = Journey.safeParse(input);
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
