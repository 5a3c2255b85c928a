// What the dashboard offers a token (access.ts): the flags and reasons GET /whoami gave, nothing before it answered,
// and an ingest token refused at sign-in.
import type { WhoAmI } from "@waymark/shared";
import { afterEach, describe, expect, it } from "vitest";
import { can, dashboardRefusal, whyNot } from "../src/access.ts";
import { me } from "../src/state.ts";

const editor: WhoAmI = {
  label: "erin",
  role: "editor",
  approvals: true,
  can: {
    read: true,
    edit: true,
    preview: true,
    qa: true,
    publish: false,
    requestPublish: true,
    approve: false,
    pause: false,
    rollback: false,
    visitors: false,
    ingest: false,
  },
  why: {
    publish: "with approvals on (REQUIRE_APPROVAL), publishing directly needs the admin role; this token is editor",
  },
};

afterEach(() => {
  me.value = null;
});

describe("access", () => {
  it("allows nothing until whoami has answered", () => {
    expect(can("read")).toBe(false);
    expect(whyNot("publish")).toBeNull();
  });

  it("follows whoami's flags, and words the reason as a sentence", () => {
    me.value = editor;
    expect(can("edit")).toBe(true);
    expect(can("publish")).toBe(false);
    expect(whyNot("publish")).toBe(
      "With approvals on (REQUIRE_APPROVAL), publishing directly needs the admin role; this token is editor.",
    );
    expect(whyNot("edit")).toBeNull();
    // The API's pointer for API clients is left out: the page offers the way itself.
    me.value = {
      ...editor,
      why: { publish: `${editor.why.publish}: request a publish instead (POST /__waymark/api/publish-requests)` },
    };
    expect(whyNot("publish")).toBe(
      "With approvals on (REQUIRE_APPROVAL), publishing directly needs the admin role; this token is editor: request a publish instead.",
    );
  });

  it("refuses an ingest token, not a staff one", () => {
    expect(dashboardRefusal(editor)).toBeNull();
    expect(dashboardRefusal({ ...editor, role: "ingest" })).toMatch(/ingest token/);
  });
});
