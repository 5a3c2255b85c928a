import type { Capability } from "@waymark/shared";
import { whyNot } from "../access.ts";

/** Where a button is hidden because of the token's role: the short reason, in the API's words. */
export function RoleNote({ capability }: { capability: Capability }) {
  const why = whyNot(capability);
  return why ? (
    <p class="role-note small" data-role-note={capability}>
      {why}
    </p>
  ) : null;
}
