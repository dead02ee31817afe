import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { startBackend, type RunningBackend } from "./index";
import { localSignIn } from "./testing";

// Regression: two connections share one deduplicated subscription; when one closes, the other keeps updating.
let backend: RunningBackend;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-shared-"));
  backend = await startBackend({ projectDir: path.resolve(__dirname, ".."), dataDir, port: 0, log: () => undefined });
});

afterAll(async () => {
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("keeps a shared subscription alive when one of its connections closes", async () => {
  const { token } = await localSignIn(backend.url, { name: "Ada", email: "ada@example.com" });
  const client = () => {
    const c = new ConvexClient(backend.url, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    c.setAuth(async () => token);
    return c;
  };
  const [a, b, c] = [client(), client(), client()];
  await a.mutation(makeFunctionReference<"mutation">("team/users:ensure"), {});
  const seen: number[] = [];
  a.onUpdate(makeFunctionReference<"query">("projects/projects:list"), {}, () => undefined);
  b.onUpdate(makeFunctionReference<"query", Record<string, never>, unknown[]>("projects/projects:list"), {}, (v) =>
    seen.push(v.length),
  );
  await expect.poll(() => seen.length).toBeGreaterThan(0);
  const before = seen.at(-1)!;
  await a.close();
  const created = await c.action(makeFunctionReference<"action">("projects/projectsNode:create"), {
    name: "Shared",
    files: [
      {
        path: "convex/schema.ts",
        content: `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ notes: defineTable({ text: v.string() }) });`,
      },
    ],
  });
  expect(created).toMatchObject({ ok: true });
  await expect.poll(() => seen.at(-1)).toBe(before + 1);
  await b.close();
  await c.close();
});
