import { describe, expect, it } from "vitest";
import { escapeHtml } from "../src/engine/escape-html.ts";
import { renderTemplate } from "../src/engine/render-template.ts";
import { templateValues } from "../src/engine/template-values.ts";
import type { TemplateValues } from "../src/engine/types.ts";
import escaping from "./cases/escaping.json";
import { rows } from "./support/cases.ts";
import templates from "./cases/templates.json";
import { stateFrom } from "./support/fixtures.ts";

interface TemplateInput {
  template: string;
  values?: TemplateValues;
  state?: Record<string, unknown>;
  literal?: "html" | "text";
}

describe("escapeHtml", () => {
  it.each(rows<string, string>(escaping))("$name", ({ input, expected }) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe("renderTemplate", () => {
  it.each(rows<TemplateInput, string>(templates))("$name", ({ input, expected }) => {
    const values = input.values ?? templateValues(stateFrom(input.state));
    expect(renderTemplate(input.template, values, input.literal)).toBe(expected);
  });

  it("never lets a value open a tag, whatever the value", () => {
    const nasty = ["<", ">", '"', "'", "`", "=", "&"];
    for (const a of nasty)
      for (const b of nasty) {
        const out = renderTemplate('<i title="{{v}}">{{v}}</i>', { v: `${a}x${b}` });
        expect(out.replace(/<i title="|">|<\/i>/g, "")).not.toMatch(/[<>"'`=]/);
      }
  });
});
