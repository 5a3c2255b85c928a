import { describe, expect, it } from "vitest";
import { hostOf, offSiteRedirects, redirectNeedsHostCheck } from "../src/authoring/redirect-hosts.ts";
import rows from "./cases/redirect-hosts.json";

const journeyWith = (url: string) => ({
  actions: [
    { type: "insert", selector: "body", html: "<p>x</p>" },
    { type: "redirect", url },
  ],
});

describe("redirect actions checked against the site's hosts while authoring", () => {
  it.each(rows as [string, string, string[] | null, string | null][])("%s", (_n, url, hosts, message) => {
    const issues = offSiteRedirects(journeyWith(url), hosts);
    if (message === null) expect(issues).toEqual([]);
    else {
      expect(issues.map((i) => i.path)).toEqual([["actions", 1, "url"]]);
      expect(issues[0].message).toContain(message);
    }
  });

  it("the site's host comes from ORIGIN_URL; empty or malformed means unknown", () => {
    expect(hostOf("https://Shop.Example:8443/base")).toBe("shop.example:8443");
    expect(hostOf("")).toBeNull();
    expect(hostOf("not a url")).toBeNull();
    expect(hostOf("ftp://files.example")).toBeNull();
  });

  it("an absolute URL needs the host check, a path does not", () => {
    expect(redirectNeedsHostCheck("https://x.example/")).toBe(true);
    expect(redirectNeedsHostCheck("/pricing")).toBe(false);
    expect(redirectNeedsHostCheck("")).toBe(false);
  });
});
