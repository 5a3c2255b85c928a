import type { TestProject } from "vitest/node";
import { startWaymark, TEST_ADMIN_TOKEN } from "./start-waymark.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
  }
}

// One Worker (demo shop origin) for every e2e file; each test uses fresh browser contexts (fresh visitors).
export default async function setup(project: TestProject) {
  const waymark = await startWaymark();
  project.provide("baseUrl", waymark.url);
  project.provide("adminToken", TEST_ADMIN_TOKEN);
  return () => waymark.stop();
}
