// Starts the test origin (a real Node HTTP server on 127.0.0.1) for the whole run and hands its URL to the
// tests running in workerd through vitest's provide/inject.
import { createOriginServer } from "./origin-server.mjs";

export default async function setup(project) {
  const origin = createOriginServer();
  const url = await origin.start();
  project.provide("originUrl", url);
  return () => origin.stop();
}
