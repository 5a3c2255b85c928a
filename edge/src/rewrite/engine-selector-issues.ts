import type { Journey } from "@waymark/shared/schemas/journey.ts";

interface Issue {
  path: (string | number)[];
  message: string;
}

/**
 * The selectors of a journey that this runtime's HTMLRewriter refuses to register, checked with the very engine that
 * streams the pages (it throws at `.on()`). The shared checker (shared/src/selectors) refuses them first, with a
 * message naming the part, wherever journeys are validated; this is the Worker's second opinion, so a checker gap or a
 * workerd update can never let a selector through that breaks the page's rewrite.
 */
export function engineSelectorIssues(journey: Journey): Issue[] {
  const out: Issue[] = [];
  const check = (selector: string, path: (string | number)[]) => {
    try {
      new HTMLRewriter().on(selector, {});
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      out.push({ path, message: `the page rewriter cannot run this selector (${why})` });
    }
  };
  journey.actions.forEach((a, i) => {
    if ("selector" in a) check(a.selector, ["actions", i, "selector"]);
  });
  journey.track?.forEach((t, i) => {
    if (t.on === "click") check(t.selector, ["track", i, "selector"]);
  });
  return out;
}
