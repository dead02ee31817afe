/// <reference types="vite/client" />
import { convexTest } from "convex-test";
import { api as apiRef } from "./_generated/api";
import schema from "./schema";

/**
 * All convex/ modules for convex-test (lazy: "use node" files load only when called). This file's name has two
 * dots so `npx convex deploy` skips it, like the tests.
 */
export const modules = import.meta.glob(["./**/*.ts", "!./**/*.test.ts"]);

/**
 * A fresh in-memory deployment with this app's schema. The demo project is off unless a test asks for it: its
 * seeding runs on real timers and would race with tests that count projects.
 */
export function newDeployment({ demo = false }: { demo?: boolean } = {}) {
  process.env.SCHEMA_ASSISTANT_DEMO = demo ? "1" : "0";
  return convexTest(schema, modules);
}

/** A signed-in caller whose user row exists. */
export async function signedIn(t: ReturnType<typeof newDeployment>, name: string) {
  const as = t.withIdentity({
    subject: name.toLowerCase(),
    issuer: "https://test.local",
    name,
    email: `${name.toLowerCase()}@example.com`,
  });
  const userId = await as.mutation(apiRef.team.users.ensure, {});
  return { as, userId };
}
