import type { DeviceClass } from "@waymark/shared";

/** Device class from the User-Agent (Client Hints first when the browser sends them). */
export function deviceClass(headers: Headers): DeviceClass {
  const mobileHint = headers.get("sec-ch-ua-mobile");
  const ua = headers.get("user-agent") ?? "";
  if (/iPad|Tablet|PlayBook|Silk|Kindle|(Android(?!.*Mobile))/i.test(ua)) return "tablet";
  if (mobileHint === "?1" || /Mobi|iPhone|iPod|Android|Opera Mini|IEMobile/i.test(ua)) return "mobile";
  return "desktop";
}
