// Temporary: moved to http/cors.ts; removed once visitor/ is regrouped.
export { withCors } from "../http/cors.ts";
