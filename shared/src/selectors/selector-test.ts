import { z } from "zod";

/** POST /__waymark/api/selector-test: how many elements of a real page of the site a selector matches. */
export const SelectorTestBody = z
  .object({
    /** A path ("/pricing") or an absolute URL on the site's host (or the origin's). */
    url: z.string().min(1).max(2_048),
    selector: z.string().min(1).max(512),
  })
  .strict();
export type SelectorTestBody = z.infer<typeof SelectorTestBody>;

export const SelectorTestResult = z.object({
  /** Can the edge run the selector (checkSelector)? When false, `message` says which part it cannot. */
  supported: z.boolean(),
  /** Elements matched on the page as the origin served it (before any journey changes it); null when not measured. */
  matches: z.number().int().nonnegative().nullable(),
  /** The origin's HTTP status for the page, when it was fetched. */
  status: z.number().int().optional(),
  message: z.string().optional(),
});
export type SelectorTestResult = z.infer<typeof SelectorTestResult>;
