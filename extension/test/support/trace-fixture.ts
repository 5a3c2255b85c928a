// A forced preview's trace as the edge sends it (x-waymark-trace), shared by the tests of the Why view and Simulate.
import type { JourneyTrace } from "@waymark/shared";

type ActionRow = Pick<JourneyTrace["actions"][number], "id" | "type" | "status">;

/** The abandoned-cart journey forced to stage "abandoned", branch "discount", with these actions applied. */
export function forcedCartTrace(actions: ActionRow[]): JourneyTrace[] {
  return [
    {
      journey: "abandoned-cart",
      priority: 10,
      stage: "abandoned",
      branch: "discount",
      holdout: false,
      forced: true,
      status: "applied",
      checks: [],
      actions: actions as JourneyTrace["actions"],
    },
  ];
}

/** The header's encoding: base64url JSON without padding. */
export const b64url = (v: unknown) =>
  btoa(JSON.stringify(v)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
