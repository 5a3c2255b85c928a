// Starts the test origins (real Node HTTP servers on 127.0.0.1) for the whole run and hands their URLs to the
// tests running in workerd through vitest's provide/inject: the site (origin-server.mjs) and a site with a
// WebSocket endpoint (websocket-origin.mjs), and pages as exact bytes: content codings, meta charsets
// (page-bytes-origin.mjs).
import { createOriginServer } from "./origin-server.mjs";
import { createPageBytesOrigin } from "./page-bytes-origin.mjs";
import { createWebSocketOrigin } from "./websocket-origin.mjs";

export default async function setup(project) {
  const origin = createOriginServer();
  const url = await origin.start();
  project.provide("originUrl", url);
  const websocket = createWebSocketOrigin();
  project.provide("websocketOriginUrl", await websocket.start());
  const pageBytes = createPageBytesOrigin();
  project.provide("pageBytesOriginUrl", await pageBytes.start());
  return async () => {
    await origin.stop();
    await websocket.stop();
    await pageBytes.stop();
  };
}
