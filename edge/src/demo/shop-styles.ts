// The shop's whole stylesheet, inlined in every page's <head> (no external assets). It also styles the classes the
// seed journeys insert (.wm-banner, .wm-welcome), as a real site styles the content its marketers add.
export const SHOP_CSS = `
:root{--ink:#1f2a30;--muted:#5c6b73;--paper:#fbfaf7;--line:#e3e0d8;--brand:#2f5d50;--brand-ink:#fff;--accent:#c9772b;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--paper);line-height:1.5}
*{box-sizing:border-box}body{margin:0}a{color:var(--brand)}
.site-header{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.9rem 1.5rem;background:#fff;border-bottom:1px solid var(--line)}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:700;color:var(--ink);text-decoration:none;letter-spacing:.02em}
.site-header nav ul{display:flex;gap:1.2rem;list-style:none;margin:0;padding:0}
.site-header nav a{text-decoration:none;color:var(--ink);font-weight:500}
.site-header nav a[aria-current=page]{color:var(--brand);border-bottom:2px solid var(--brand)}
main{max-width:64rem;margin:0 auto;padding:2rem 1.5rem 4rem}
#hero{padding:3rem 2rem;border-radius:18px;background:linear-gradient(135deg,#2f5d50,#4f7f6b 60%,#c9a227);color:#fff}
#hero h1{font-size:2.4rem;margin:0 0 .5rem;line-height:1.15}#hero p{max-width:34rem;font-size:1.1rem}
.button,button{display:inline-block;font:inherit;font-weight:600;padding:.6rem 1.1rem;border-radius:999px;border:0;cursor:pointer;
background:var(--brand);color:var(--brand-ink);text-decoration:none}
.button.light{background:#fff;color:var(--brand)}button.secondary{background:transparent;color:var(--brand);border:1px solid var(--brand)}
button:focus-visible,a:focus-visible,summary:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.perks{display:flex;gap:1.5rem;flex-wrap:wrap;margin:1.5rem 0;color:var(--muted)}
.perk-link{text-decoration:underline;cursor:pointer}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1.2rem;padding:0;list-style:none}
.card{background:#fff;border:1px solid var(--line);border-radius:14px;padding:1rem;display:flex;flex-direction:column;gap:.4rem}
.card a{color:var(--ink);text-decoration:none;font-weight:600}.card .price{color:var(--muted)}
.product{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.2fr);gap:2rem;align-items:start}
.product .price{font-size:1.4rem;font-weight:700}.category{text-transform:uppercase;font-size:.75rem;letter-spacing:.08em;color:var(--muted)}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.7rem;border-bottom:1px solid var(--line);text-align:left}
.pricing-table td:not(:first-child),.pricing-table th:not(:first-child){text-align:center}
.cart-total{font-size:1.2rem;font-weight:700;text-align:right}
form.checkout{display:grid;gap:1rem;max-width:28rem}label{display:grid;gap:.3rem;font-weight:500}
input{font:inherit;padding:.55rem .7rem;border:1px solid #bbb;border-radius:8px}input:invalid:focus{border-color:#b3261e}
.faq details{background:#fff;border:1px solid var(--line);border-radius:10px;margin:.6rem 0;padding:.2rem 1rem}
.faq summary{cursor:pointer;font-weight:600;padding:.6rem 0}
.notice{padding:1rem;border-radius:10px;background:#eef5f1;border:1px solid #cfe3d8}
.site-footer{border-top:1px solid var(--line);padding:1.5rem;color:var(--muted);text-align:center;font-size:.9rem}
.wm-banner{padding:.75rem 1.5rem;background:#fff4d6;border-bottom:1px solid #ecd58f;color:#5a4300;text-align:center;font-weight:500}
.wm-banner a{color:#5a4300;font-weight:700}.wm-welcome{font-size:1.1rem;opacity:.95}.wm-welcome a{color:#fff}
.wm-spa-note{display:inline-block;padding:.3rem .8rem;border-radius:999px;background:#eef5f1;color:var(--brand);font-weight:600}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:40rem){.product{grid-template-columns:1fr}.site-header{flex-direction:column}#hero h1{font-size:1.8rem}}
`;
