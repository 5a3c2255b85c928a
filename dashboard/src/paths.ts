/** Where the dashboard is served ("/__waymark/dashboard/"), from Vite's base. */
export const BASE: string = import.meta.env.BASE_URL;

/** An in-app link: href("journeys/abc") -> "/__waymark/dashboard/journeys/abc". */
export function href(path = ""): string {
  return BASE + path.replace(/^\/+/, "");
}

/** A route pattern for preact-iso's Router. */
export function route(pattern = ""): string {
  return (BASE + pattern).replace(/\/+$/, "") || "/";
}

export const journeyHref = (id: string, tab: "" | "map" | "results" = "") =>
  href(`journeys/${encodeURIComponent(id)}${tab ? `/${tab}` : ""}`);
