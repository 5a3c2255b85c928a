import { z } from "zod";
import { Slug } from "./id.ts";

/** A marketer's QA verdict on one stage x branch of a journey, recorded by the extension. */
export const QaResultInput = z
  .object({
    journey: Slug,
    stage: Slug,
    branch: Slug,
    status: z.enum(["pass", "fail"]),
    note: z.string().max(2_000).default(""),
    /** Version previewed: "draft" or a published version number. */
    version: z.union([z.literal("draft"), z.number().int().positive()]).default("draft"),
    /** Optional JPEG/PNG data URL of the captured tab (kept small). */
    screenshot: z
      .string()
      .max(400_000)
      .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, "must be a PNG or JPEG data URL")
      .optional(),
  })
  .strict();
export type QaResultInput = z.infer<typeof QaResultInput>;

export const QaResult = QaResultInput.extend({ id: z.string(), by: z.string(), at: z.number() });
export type QaResult = z.infer<typeof QaResult>;
