/**
 * First thing in <head>: a stub that queues calls until the beacon loads (the beacon drains `q`), so the shop works
 * when Waymark is absent, slow, blocked or opted out. Entries are [method, ...args].
 */
export const WAYMARK_STUB_JS =
  `window.waymark=window.waymark||{q:[]};` +
  `["track","identify","dismiss","optOut","optIn","flush"].forEach(function(m){var w=window.waymark;` +
  `if(!w[m])w[m]=function(){(w.q=w.q||[]).push([m].concat([].slice.call(arguments)))}});`;

/**
 * End of <body>: the shop's own cart, kept in the demo_cart cookie ("slug:qty,..."), and the events it reports.
 * Always calls window.waymark at call time: the beacon replaces the stub when it loads.
 */
export const SHOP_JS = `(function(){
var C="demo_cart";
function read(){var m=document.cookie.match(/(?:^|;\\s*)demo_cart=([^;]*)/),out=[];if(!m)return out;
try{decodeURIComponent(m[1]).split(",").forEach(function(p){var s=p.split(":"),q=parseInt(s[1],10);if(s[0]&&q>0)out.push([s[0],q])})}catch(e){}return out}
function write(c){document.cookie=C+"="+encodeURIComponent(c.map(function(l){return l[0]+":"+l[1]}).join(","))+";Path=/;Max-Age=2592000;SameSite=Lax"}
function count(c){return c.reduce(function(n,l){return n+l[1]},0)}
function show(c){var els=document.querySelectorAll(".cart-count");for(var i=0;i<els.length;i++)els[i].textContent=String(count(c))}
function say(t){var s=document.getElementById("shop-status");if(s)s.textContent=t}
function track(t,d){try{window.waymark.track(t,d)}catch(e){}}
function item(b,q){var d=b.dataset;return{id:d.id,name:d.name,price:Number(d.price),quantity:q,category:d.category}}
function total(){var rows=document.querySelectorAll("tr[data-line]"),v=0;for(var i=0;i<rows.length;i++)v+=Number(rows[i].dataset.price)*Number(rows[i].dataset.quantity);
var t=document.querySelector(".cart-total [data-total]");if(t)t.textContent="$"+v.toFixed(2);
if(!rows.length){var w=document.querySelector(".cart-lines");if(w)w.innerHTML='<p class="notice">Your cart is empty. <a href="/products">Browse the gear</a>.</p>'}}
document.addEventListener("click",function(e){
var b=e.target&&e.target.closest?e.target.closest(".add-to-cart,.remove-from-cart"):null;if(!b)return;
var c=read(),id=b.dataset.id,i,line=null;for(i=0;i<c.length;i++)if(c[i][0]===id)line=c[i];
if(b.classList.contains("add-to-cart")){
if(line)line[1]=Math.min(99,line[1]+1);else c.push([id,1]);write(c);show(c);
track("add_to_cart",item(b,1));say("Added "+b.dataset.name+" to your cart.");
b.setAttribute("data-added","1");b.textContent="Added to cart \\u2713";
setTimeout(function(){b.textContent="Add to cart";b.removeAttribute("data-added")},1500);
}else{
var q=line?line[1]:1;c=c.filter(function(l){return l[0]!==id});write(c);show(c);
track("remove_from_cart",item(b,q));say("Removed "+b.dataset.name+".");
var row=b.closest("tr");if(row)row.remove();total();
}});
})();`;

/** A <script> body that is safe to inline: JSON with "<" escaped cannot close the script element. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}
