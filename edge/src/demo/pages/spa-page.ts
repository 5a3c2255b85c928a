import { inlineJson } from "../shop-scripts.ts";
import type { ShopPage } from "../shop-page.ts";

const NAV =
  `<nav id="spa-nav" aria-label="Trip planner"><a href="/spa" data-spa>Plan</a> · ` +
  `<a href="/spa/trails" data-spa>Trails</a> · <a href="/spa/gear" data-spa>Gear</a></nav>`;
const COUNTER = `<p><button type="button" id="spa-counter">Saved 0 trips</button></p>`;

// The app's routes (inside <div id="app">), rendered by the server first and then again by the "framework" in the
// browser. Every route has the same ids, as a real app's shared layout would: an action can target #spa-title on
// one route only through its conditions, not through a selector that happens to exist there alone.
const ROUTES: Record<string, { title: string; html: string }> = {
  "/spa": {
    title: "Trip planner",
    html:
      `${NAV}<h1 id="spa-title">Trip planner</h1>` +
      `<p id="spa-tagline">Plan your next long walk, one waymark at a time.</p>` +
      `<ol id="spa-steps"><li>Pick a trail</li><li>Pack the list</li><li>Tell someone your route</li></ol>${COUNTER}`,
  },
  "/spa/trails": {
    title: "Trails",
    html:
      `${NAV}<h1 id="spa-title">Trails</h1><p id="spa-tagline">Three long walks we keep coming back to.</p>` +
      `<ol id="spa-steps"><li>Coast to Coast</li><li>West Highland Way</li><li>Offa's Dyke Path</li></ol>${COUNTER}`,
  },
  "/spa/gear": {
    title: "Gear",
    html:
      `${NAV}<h1 id="spa-title">Gear</h1><p id="spa-tagline">What goes in the pack.</p>` +
      `<ol id="spa-steps"><li>Boots</li><li>Map and compass</li><li>Rain shell</li></ol>${COUNTER}`,
  },
};
const APP_OPEN = `<div id="app">`;

/**
 * A page that behaves like a React/Vue app with a client-side router: after load it throws away the
 * server-rendered <main> content and renders it again (as hydration mismatches and client-only renders do), it
 * re-renders on every state change, and its links change route with history.pushState (Back with popstate), never
 * loading a page. Anything the edge or the beacon put into <main> is wiped each time; the beacon is expected to
 * restore it, and to fetch each new route's changes (POST /__waymark/navigate). Null for a path it has no route for.
 */
export function spaPage(path: string): ShopPage | null {
  const route = ROUTES[path];
  if (!route) return null;
  const routes = Object.fromEntries(Object.entries(ROUTES).map(([p, r]) => [p, r.html]));
  const script =
    `(function(){var main=document.getElementById("main"),routes=${inlineJson(routes)},saved=0,renders=0;` +
    `function render(){var html=routes[location.pathname.replace(/\\/+$/,"")]||routes["/spa"];` +
    `main.innerHTML=${inlineJson(APP_OPEN)}+html.replace("Saved 0","Saved "+saved)+"</div>";` +
    `renders++;main.setAttribute("data-renders",String(renders))}` +
    `main.addEventListener("click",function(e){var t=e.target;if(!t)return;if(t.id==="spa-counter"){saved++;render();return}` +
    `var a=t.closest&&t.closest("a[data-spa]");if(!a||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey)return;` +
    `e.preventDefault();if(a.pathname!==location.pathname){history.pushState(null,"",a.href);render()}});` +
    `addEventListener("popstate",render);` +
    `function hydrate(){requestAnimationFrame(function(){requestAnimationFrame(render)})}` +
    `if(document.readyState==="complete")hydrate();else addEventListener("load",hydrate)})();`;
  return { title: route.title, main: `${APP_OPEN}${route.html}</div>`, script };
}
