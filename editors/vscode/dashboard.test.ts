/**
 * The chat view's two sources, end to end with the code the extension runs (src/assistant.ts): the local designer
 * through the real language server, and a running dashboard — this repository's Convex app on the embedded backend,
 * over HTTP with a project API token — whose proposed schema the language server turns into a diff and an edit of
 * the open schema.ts.
 */
import { ConvexHttpClient } from "convex/browser";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackend, type RunningBackend } from "../../backend/index";
import { localSignIn } from "../../backend/testing";
import { api } from "../../convex/_generated/api";
import { FIXTURE, startLsp, type LspClient } from "../../cli/lsp/testing";
import { ask, type Edit } from "./src/assistant";

const ROOT = path.resolve(__dirname, "../..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-vscode-dashboard-"));
let backend: RunningBackend | undefined;
let lsp: LspClient;

beforeAll(async () => {
  lsp = await startLsp();
  lsp.open("convex/schema.ts");
  await lsp.waitForDiagnostics("convex/schema.ts");
}, 120_000);
afterAll(async () => {
  await lsp?.stop();
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const request = (method: string, params: unknown) => lsp.connection.sendRequest(method, params);

function applyEdit(text: string, e: Edit): string {
  const lines = text.split("\n");
  const offset = (p: Edit["range"]["start"]) =>
    lines.slice(0, p.line).join("\n").length + (p.line ? 1 : 0) + p.character;
  return text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
}

describe("chat view sources", () => {
  it("asks the local designer when no dashboard is configured", async () => {
    const a = await ask("add soft delete to tasks", [], request);
    expect(a.source).toBe("designer (local)");
    expect(a.reply).toMatch(/soft delete/i);
    expect(a.uri).toBe(lsp.uri("convex/schema.ts"));
    const next = applyEdit(lsp.read("convex/schema.ts"), a.edit!);
    expect(next).toContain("deletedAt: v.optional(v.number())");
    expect(next).toContain("/** Work items of a team. */"); // the surgical edit keeps comments
  });

  it("asks a running dashboard with a project API token and turns its proposal into an edit of schema.ts", async () => {
    backend = await startBackend({
      projectDir: ROOT,
      dataDir,
      port: 0,
      env: { SCHEMA_ASSISTANT_DEMO: "0", MESSAGE_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}` },
      log: () => undefined,
    });
    const owner = new ConvexHttpClient(backend.url);
    owner.setAuth((await localSignIn(backend.url, { name: "Ada", email: "ada@example.com" })).token);
    await owner.mutation(api.team.users.ensure, {});
    const schema = readFileSync(path.join(FIXTURE, "convex/schema.ts"), "utf8");
    const created = await owner.action(api.projects.projectsNode.create, {
      name: "Editor",
      files: [{ path: "convex/schema.ts", content: schema }],
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const { secret: token } = await owner.mutation(api.httpApi.tokens.create, {
      projectId: created.projectId,
      name: "vscode",
      role: "editor",
    });

    const dashboard = { url: backend.siteUrl, projectId: created.projectId, token };
    const a = await ask("add a priority field to tasks", [], request, dashboard);
    expect(a.source).toBe(`dashboard ${backend.siteUrl}`);
    expect(a.conversationId).toBeTruthy();
    expect(a.diff).toMatch(/^\+\s+priority: /m);
    const next = applyEdit(lsp.read("convex/schema.ts"), a.edit!);
    expect(next).toMatch(/priority: /);
    expect(next).toContain('.index("by_owner", ["ownerId"])');
    expect(next).toContain("/** Work items of a team. */"); // the dashboard edits the source surgically too

    await expect(
      ask("add a priority field to tasks", [], request, { ...dashboard, token: "sa_wrong" }),
    ).rejects.toThrow(/answered 401/);
    // The token never goes to another machine in clear text.
    await expect(ask("hi", [], request, { ...dashboard, url: "http://dashboard.example.com" })).rejects.toThrow(
      /must use https/,
    );
    await expect(ask("hi", [], request, { ...dashboard, url: "not a url" })).rejects.toThrow(/is not a URL/);
  }, 120_000);
});
