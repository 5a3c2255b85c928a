import { inlineJson } from "../shop-scripts.ts";
import type { ShopPage } from "../shop-page.ts";

// The app's markup, rendered by the server first and then again by the "framework" in the browser.
const APP_HTML =
  `<div id="app"><h1 id="spa-title">Trip planner</h1>` +
  `<p id="spa-tagline">Plan your next long walk, one waymark at a time.</p>` +
  `<ol id="spa-steps"><li>Pick a trail</li><li>Pack the list</li><li>Tell someone your route</li></ol>` +
  `<p><button type="button" id="spa-counter">Saved 0 trips</button></p></div>`;

/**
 * A page that behaves like a React/Vue app: after load it throws away the server-rendered <main> content and
 * renders it again (as hydration mismatches and client-only renders do), and re-renders on every state change.
 * Anything the edge inserted into <main> is wiped each time; the beacon is expected to restore it.
 */
export function spaPage(): ShopPage {
  const script =
    `(function(){var main=document.getElementById("main"),saved=0,renders=0;` +
    `function render(){main.innerHTML=${inlineJson(APP_HTML)}.replace("Saved 0","Saved "+saved);` +
    `renders++;main.setAttribute("data-renders",String(renders))}` +
    `main.addEventListener("click",function(e){if(e.target&&e.target.id==="spa-counter"){saved++;render()}});` +
    `function hydrate(){requestAnimationFrame(function(){requestAnimationFrame(render)})}` +
    `if(document.readyState==="complete")hydrate();else addEventListener("load",hydrate)})();`;
  return { title: "Trip planner", main: APP_HTML, script };
}
