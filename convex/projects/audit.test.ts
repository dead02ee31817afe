import { describe, expect, it } from "vitest";
import { api, internal } from "../_generated/api";
import { newDeployment, signedIn } from "../test.setup";

describe("audit log targets", () => {
  it("names versions, migration plans and runs, and members instead of showing their ids", async () => {
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const bob = await signedIn(t, "Bob");
    const model = JSON.stringify({
      tables: [],
      options: { schemaValidation: true, strictTableNameTypes: true },
      warnings: [],
    });
    const projectId = await t.mutation(internal.projects.projects.insertParsed, {
      userId: ada.userId,
      name: "P",
      schemaSource: "s",
      modelJson: model,
      sourceHash: "h",
    });
    const ids = await t.run(async (ctx) => {
      const project = (await ctx.db.get(projectId))!;
      const to = await ctx.db.insert("schemaVersions", {
        projectId,
        number: 2,
        semver: "1.1.0",
        status: "pending",
        source: "s2",
        modelJson: model,
        sourceHash: "h2",
        summary: "x",
        authorId: ada.userId,
        parentVersionId: project.currentVersionId,
        createdAt: 1,
      });
      const planId = await ctx.db.insert("migrationPlans", {
        projectId,
        fromVersionId: project.currentVersionId!,
        toVersionId: to,
        status: "rolledBack",
        planJson: "{}",
        approvals: [],
        createdBy: ada.userId,
        createdAt: 1,
      });
      const runId = await ctx.db.insert("migrationRuns", {
        projectId,
        planId,
        kind: "rollback",
        status: "completed",
        phase: "done",
        done: 0,
        total: 0,
        startedBy: ada.userId,
        startedAt: 1,
      });
      for (const [action, target] of [
        ["version.propose", to],
        ["migration.rolledBack", planId],
        ["migration.pause", runId],
        ["member.remove", bob.userId],
        ["sandbox.clear", "tasks"],
      ] as const) {
        await ctx.db.insert("auditLog", { projectId, actorId: ada.userId, action, target, source: "dashboard", at: 2 });
      }
      return { to, planId, runId };
    });
    const rows = await ada.as.query(api.projects.audit.list, { projectId, limit: 10 });
    const byAction = Object.fromEntries(rows.map((r) => [r.action, r.targetLabel]));
    expect(byAction).toMatchObject({
      "version.propose": "v1.1.0 (#2)",
      "migration.rolledBack": "migration v1.0.0 → v1.1.0",
      "migration.pause": "rollback of migration v1.0.0 → v1.1.0",
      "member.remove": "Bob",
      "sandbox.clear": "tasks",
    });
    expect(JSON.stringify(byAction)).not.toContain(String(ids.planId));
  });
});
