import { storage } from "wxt/utils/storage";
import type { z } from "zod";
import { ActivePreview, DEFAULT_SAMPLE_CART, QaRun, SampleCart, SiteList, TabPages, type Site } from "./schemas.ts";

/**
 * Every value the extension keeps, typed and validated on read (storage is a boundary: an older version of the
 * extension, or a hand edit in devtools, may have left anything there). Tokens live in `local` storage, which pages
 * cannot read; the content script never imports this file.
 */
function validated<S extends z.ZodType>(key: `local:${string}` | `session:${string}`, schema: S, fallback: z.infer<S>) {
  const item = storage.defineItem<unknown>(key);
  return {
    key,
    async get(): Promise<z.infer<S>> {
      const parsed = schema.safeParse(await item.getValue());
      return parsed.success ? parsed.data : fallback;
    },
    async set(value: z.infer<S>): Promise<void> {
      await item.setValue(value);
    },
    async clear(): Promise<void> {
      await item.removeValue();
    },
    watch(cb: (value: z.infer<S>) => void): () => void {
      return item.watch((v) => {
        const parsed = schema.safeParse(v);
        cb(parsed.success ? parsed.data : fallback);
      });
    },
  };
}

/** Configured Waymark sites with their admin tokens. */
export const sitesItem = validated("local:sites", SiteList, [] as Site[]);
/** The preview in force; session storage, like the declarativeNetRequest session rule it describes. */
export const previewItem = validated("session:preview", ActivePreview.nullable(), null);
/** Last Waymark response headers per tab id. */
export const tabPagesItem = validated("session:tabPages", TabPages, {});
/** The latest QA run (screenshots included), kept until the next run starts. */
export const qaRunItem = validated("local:qaRun", QaRun.nullable(), null);
/** The sample cart seeded into forced-stage previews. */
export const sampleCartItem = validated("local:sampleCart", SampleCart, DEFAULT_SAMPLE_CART);
