// The banner both contenders insert, so the Waymark and GrowthBook rows do the same visible work.
export const BANNER_CLASS = "wm-bench-banner";
export const BANNER_HTML = `<div class="${BANNER_CLASS}">Still thinking about it? Your cart is waiting. <a href="/cart">View cart</a></div>`;
