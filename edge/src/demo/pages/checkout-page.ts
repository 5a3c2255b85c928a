import { cartValue } from "../demo-cart.ts";
import { escapeHtml, formatPrice } from "../html.ts";
import type { ShopPage, ShopRequest } from "../shop-page.ts";

export interface CheckoutForm {
  name: string;
  email: string;
  card: string;
}

/** Server-side check of the checkout form (the browser checks the same rules first). */
export function checkoutErrors(form: CheckoutForm): Partial<Record<keyof CheckoutForm, string>> {
  const errors: Partial<Record<keyof CheckoutForm, string>> = {};
  if (!form.name.trim()) errors.name = "Please enter your name.";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email)) errors.email = "Please enter an email address.";
  if (!/^[0-9 ]{16,19}$/.test(form.card)) errors.card = "Please enter 16 digits (any digits: this is a demo).";
  return errors;
}

export function checkoutPage(
  { cart }: ShopRequest,
  form: CheckoutForm = { name: "", email: "", card: "" },
  errors: ReturnType<typeof checkoutErrors> = {},
): ShopPage {
  if (!cart.length) {
    return {
      title: "Checkout",
      main: `<h1>Checkout</h1><p class="notice">Your cart is empty. <a href="/products">Browse the gear</a>.</p>`,
    };
  }
  const field = (key: keyof CheckoutForm, label: string, attrs: string) => {
    const err = errors[key];
    return (
      `<label>${label}<input name="${key}" ${attrs} required value="${escapeHtml(form[key])}"` +
      `${err ? ` aria-invalid="true" aria-describedby="err-${key}"` : ""}></label>` +
      (err ? `<p class="field-error" id="err-${key}">${escapeHtml(err)}</p>` : "")
    );
  };
  return {
    title: "Checkout",
    status: Object.keys(errors).length ? 400 : 200,
    main:
      `<h1>Checkout</h1><p>${cart.length} ${cart.length === 1 ? "item" : "items"}, total <strong>${formatPrice(cartValue(cart))}</strong>.</p>` +
      `<form class="checkout" method="post" action="/checkout/done">` +
      field("name", "Name", `autocomplete="name"`) +
      field("email", "Email", `type="email" autocomplete="email"`) +
      field(
        "card",
        "Card number (demo: any 16 digits)",
        `inputmode="numeric" pattern="[0-9 ]{16,19}" autocomplete="off"`,
      ) +
      `<button type="submit" class="place-order">Place order</button></form>`,
  };
}
