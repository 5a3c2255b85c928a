// Temporary: moved to http/json.ts; removed once visitor/ is regrouped.
export { readJson } from "./json.ts";
