import { makeFunctionReference } from "convex/server";
import { describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { modules, newDeployment, signedIn } from "./test.setup";

/**
 * The role matrix: every public function of every module, called by an owner, an editor, a viewer and an outsider
 * of a project. Functions below the caller's role must fail with FORBIDDEN, outsiders with NOT_FOUND (project ids
 * cannot be probed), and allowed callers must not get an access error.
 */

type Min = "user" | "viewer" | "editor" | "owner";
type Fixture = {
  projectId: Id<"projects">;
  versionId: Id<"schemaVersions">;
  conversationId: Id<"conversations">;
  invitationId: Id<"invitations">;
  inviteSecret: string;
  targetId: Id<"users">;
  tokenId: Id<"apiTokens">;
  webhookId: Id<"webhooks">;
};
type Entry = { min: Min; args: (f: Fixture) => Record<string, unknown>; outsiderGetsNull?: boolean };

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ tasks: defineTable({ text: v.string() }) });\n`;
const MODEL = JSON.stringify({
  tables: [{ name: "tasks", fields: [], indexes: [], searchIndexes: [], vectorIndexes: [] }],
  options: { schemaValidation: true, strictTableNameTypes: true },
  warnings: [],
});
const p = (f: Fixture) => ({ projectId: f.projectId });

export const MATRIX: Record<string, Entry> = {
  "schemaVersions/analyses:current": { min: "viewer", args: p },
  "schemaVersions/analyses:history": { min: "viewer", args: p },
  "httpApi/tokens:create": { min: "owner", args: (f) => ({ projectId: f.projectId, name: "ci", role: "viewer" }) },
  "httpApi/tokens:list": { min: "owner", args: p },
  "httpApi/tokens:revoke": { min: "owner", args: (f) => ({ tokenId: f.tokenId }) },
  "projects/audit:list": { min: "editor", args: p },
  "assistant/conversations:list": { min: "viewer", args: p },
  "assistant/conversations:create": { min: "editor", args: p },
  "assistant/conversations:messages": { min: "viewer", args: (f) => ({ conversationId: f.conversationId }) },
  "assistant/conversations:send": {
    min: "editor",
    args: (f) => ({ conversationId: f.conversationId, text: "add a users table" }),
  },
  "schemaVersions/diagramLayouts:get": { min: "viewer", args: (f) => ({ projectId: f.projectId, layoutKey: "k" }) },
  "schemaVersions/diagramLayouts:save": {
    min: "viewer",
    args: (f) => ({ projectId: f.projectId, layoutKey: "k", positionsJson: "{}" }),
  },
  "projects/importNode:preview": {
    min: "user",
    args: () => ({ kind: "sql", source: "CREATE TABLE t (id int primary key);" }),
  },
  "projects/importReports:forProject": { min: "viewer", args: p },
  "projects/importNode:create": {
    min: "user",
    args: () => ({ name: "Imported", kind: "sql", source: "CREATE TABLE t (id int primary key);" }),
  },
  "team/invitations:create": { min: "owner", args: (f) => ({ projectId: f.projectId, role: "editor" }) },
  "team/invitations:list": { min: "owner", args: p },
  "team/invitations:revoke": { min: "owner", args: (f) => ({ invitationId: f.invitationId }) },
  "team/invitations:preview": { min: "user", args: (f) => ({ secret: f.inviteSecret }) },
  "team/invitations:accept": { min: "user", args: (f) => ({ secret: f.inviteSecret }) },
  "team/members:list": { min: "viewer", args: p },
  "team/members:setRole": {
    min: "owner",
    args: (f) => ({ projectId: f.projectId, userId: f.targetId, role: "editor" }),
  },
  "team/members:remove": { min: "owner", args: (f) => ({ projectId: f.projectId, userId: f.targetId }) },
  "optimizer/reports:current": { min: "viewer", args: p },
  "optimizer/reports:refresh": { min: "viewer", args: p },
  "projects/presence:heartbeat": { min: "viewer", args: (f) => ({ projectId: f.projectId, view: "chat" }) },
  "projects/presence:list": { min: "viewer", args: (f) => ({ projectId: f.projectId, now: 0 }) },
  "projects/projects:list": { min: "user", args: () => ({}) },
  "projects/projects:get": { min: "viewer", args: p },
  "projects/projects:find": { min: "viewer", args: p, outsiderGetsNull: true },
  "projects/projects:update": { min: "editor", args: (f) => ({ projectId: f.projectId, name: "Renamed" }) },
  "projects/projects:remove": { min: "owner", args: p },
  "projects/projectsNode:create": {
    min: "user",
    args: () => ({ name: "Mine", files: [{ path: "convex/schema.ts", content: SCHEMA }] }),
  },
  "schemaVersions/proposals:pending": { min: "viewer", args: p },
  "schemaVersions/proposals:approve": { min: "editor", args: (f) => ({ versionId: f.versionId }) },
  "schemaVersions/proposals:reject": { min: "editor", args: (f) => ({ versionId: f.versionId }) },
  "schemaVersions/proposalsNode:fromOperations": {
    min: "editor",
    args: (f) => ({ projectId: f.projectId, operations: [], summary: "nothing" }),
  },
  "schemaVersions/proposalsNode:rebase": { min: "editor", args: (f) => ({ versionId: f.versionId }) },
  "privacy/retention:setRetention": { min: "owner", args: (f) => ({ projectId: f.projectId, retentionDays: 30 }) },
  "migrations/sandbox:summary": { min: "viewer", args: p },
  "migrations/sandbox:tables": { min: "viewer", args: p },
  "migrations/sandbox:exportPage": {
    min: "viewer",
    args: (f) => ({ projectId: f.projectId, table: "tasks", cursor: null, numItems: 10 }),
  },
  "migrations/sandbox:importBatch": {
    min: "editor",
    args: (f) => ({ projectId: f.projectId, table: "tasks", docs: [{ text: "a" }] }),
  },
  "migrations/sandbox:clearTable": { min: "editor", args: (f) => ({ projectId: f.projectId, table: "tasks" }) },
  "migrations/sandbox:generateSample": { min: "editor", args: (f) => ({ projectId: f.projectId, perTable: 2 }) },
  "privacy/userData:exportMine": { min: "user", args: () => ({}) },
  "privacy/userData:deleteMine": { min: "user", args: () => ({}) },
  "team/users:me": { min: "user", args: () => ({}) },
  "team/users:ensure": { min: "user", args: () => ({}) },
  "team/users:current": { min: "user", args: () => ({}) },
  "schemaVersions/files:get": { min: "viewer", args: (f) => ({ versionId: f.versionId }) },
  "webhooks/webhooks:create": {
    min: "owner",
    args: (f) => ({ projectId: f.projectId, url: "https://example.com/hook", events: ["analysis.completed"] }),
  },
  "webhooks/webhooks:list": { min: "owner", args: p },
  "webhooks/webhooks:remove": { min: "owner", args: (f) => ({ webhookId: f.webhookId }) },
  "webhooks/webhooks:deliveries": { min: "owner", args: p },
};

/** Modules another team is still writing; they join the matrix when they land. */
const NOT_YET_IN_MATRIX = /^migrations\/(?!sandbox$)/;

type Kind = "query" | "mutation" | "action";
async function publicFunctions(): Promise<{ path: string; kind: Kind }[]> {
  const out: { path: string; kind: Kind }[] = [];
  for (const [file, load] of Object.entries(modules)) {
    const name = file.replace(/^\.\//, "").replace(/\.ts$/, "");
    if (/^(lib|_generated)\//.test(name) || name.includes(".") || NOT_YET_IN_MATRIX.test(name)) continue;
    const mod = (await load()) as Record<
      string,
      { isPublic?: boolean; isQuery?: boolean; isMutation?: boolean; isAction?: boolean }
    >;
    for (const [exp, fn] of Object.entries(mod)) {
      if (!fn || (typeof fn !== "function" && typeof fn !== "object") || !fn.isPublic) continue;
      const kind: Kind | null = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : null;
      if (kind) out.push({ path: `${name}:${exp}`, kind });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

async function fixture() {
  const t = newDeployment();
  const owner = await signedIn(t, "Owen");
  const editor = await signedIn(t, "Edie");
  const viewer = await signedIn(t, "Vick");
  const outsider = await signedIn(t, "Otto");
  const target = await signedIn(t, "Tara");
  const projectId = await t.mutation(internal.projects.projects.insertParsed, {
    userId: owner.userId,
    name: "Tasks",
    schemaSource: SCHEMA,
    modelJson: MODEL,
    sourceHash: "h",
  });
  const f = await t.run(async (ctx) => {
    for (const [userId, role] of [
      [editor.userId, "editor"],
      [viewer.userId, "viewer"],
      [target.userId, "viewer"],
    ] as const) {
      await ctx.db.insert("members", { projectId, userId, role, addedAt: 0 });
    }
    const project = (await ctx.db.get(projectId))!;
    const versionId = await ctx.db.insert("schemaVersions", {
      projectId,
      number: 2,
      semver: "1.1.0",
      status: "pending",
      source: SCHEMA,
      modelJson: MODEL,
      sourceHash: "h2",
      summary: "p",
      authorId: owner.userId,
      parentVersionId: project.currentVersionId,
      createdAt: 1,
    });
    const conversationId = await ctx.db.insert("conversations", {
      projectId,
      title: "c",
      createdBy: owner.userId,
      createdAt: 0,
      updatedAt: 0,
    });
    const webhookId = await ctx.db.insert("webhooks", {
      projectId,
      url: "https://example.com/h",
      events: ["analysis.completed"],
      secret: "s",
      active: true,
      createdBy: owner.userId,
      createdAt: 0,
    });
    return { projectId, versionId, conversationId, webhookId };
  });
  const invite = await owner.as.mutation(api.team.invitations.create, { projectId, role: "viewer" });
  const token = await owner.as.mutation(api.httpApi.tokens.create, { projectId, name: "t", role: "viewer" });
  const fx: Fixture = {
    ...f,
    invitationId: invite.invitationId,
    inviteSecret: invite.secret,
    targetId: target.userId,
    tokenId: token.tokenId,
  };
  return { t, fx, callers: { owner: owner.as, editor: editor.as, viewer: viewer.as, outsider: outsider.as } };
}

const RANK = { user: 0, viewer: 1, editor: 2, owner: 3 } as const;

const ACCESS_CODES = ["NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED"];

/** The access outcome of an error: an access code, or ALLOWED when access passed and a business rule refused. */
function codeOf(err: unknown): string {
  const data = (err as { data?: { code?: string } }).data;
  if (data?.code) return ACCESS_CODES.includes(data.code) ? data.code : "ALLOWED";
  const message = err instanceof Error ? err.message : String(err);
  if (/Project not found/i.test(message)) return "NOT_FOUND";
  if (/needs the \w+ role|Viewers cannot/i.test(message)) return "FORBIDDEN";
  return `OTHER: ${message.slice(0, 200)}`;
}

describe("role matrix", async () => {
  it("covers every public function", async () => {
    const paths = (await publicFunctions()).map((f) => f.path);
    expect(paths.filter((path) => !(path in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((path) => !paths.includes(path))).toEqual([]);
  });

  const functions = await publicFunctions();
  it.each(functions.filter((f) => f.path in MATRIX).map((f) => [f.path, f.kind] as const))(
    "%s (%s)",
    async (path, kind) => {
      vi.useFakeTimers();
      const entry = MATRIX[path];
      const results: string[] = [];
      const expected: string[] = [];
      // Queries share one deployment; writes get a fresh one per caller so deletes and role changes do not leak.
      let shared = kind === "query" ? await fixture() : null;
      for (const who of ["owner", "editor", "viewer", "outsider"] as const) {
        const { fx, callers } = shared ?? (await fixture());
        const args = entry.args(fx);
        let outcome: string;
        try {
          const c = callers[who];
          const call =
            kind === "query"
              ? c.query(makeFunctionReference<"query">(path), args)
              : kind === "mutation"
                ? c.mutation(makeFunctionReference<"mutation">(path), args)
                : c.action(makeFunctionReference<"action">(path), args);
          const value = await call;
          outcome = value === null && entry.outsiderGetsNull ? "NULL" : "ALLOWED";
        } catch (err) {
          outcome = codeOf(err);
        }
        const want =
          entry.min === "user"
            ? "ALLOWED"
            : who === "outsider"
              ? entry.outsiderGetsNull
                ? "NULL"
                : "NOT_FOUND"
              : RANK[who] >= RANK[entry.min]
                ? "ALLOWED"
                : "FORBIDDEN";
        results.push(`${who} ${outcome}`);
        expected.push(`${who} ${want}`);
      }
      shared = null;
      vi.useRealTimers();
      expect(results).toEqual(expected);
    },
  );
});
