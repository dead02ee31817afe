import { describe, expect, it, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { newDeployment, signedIn } from "../test.setup";

const SOURCE = `export default defineSchema({ tasks: defineTable({ text: v.string() }) });`;

async function projectOf(t: ReturnType<typeof newDeployment>, userId: Awaited<ReturnType<typeof signedIn>>["userId"]) {
  return await t.mutation(internal.projects.projects.insertParsed, {
    userId,
    name: "Tasks",
    schemaSource: SOURCE,
    modelJson: JSON.stringify({
      tables: [{ name: "tasks", fields: [], indexes: [], searchIndexes: [], vectorIndexes: [] }],
      options: { schemaValidation: true, strictTableNameTypes: true },
      warnings: [],
    }),
    sourceHash: "abc",
  });
}

describe("projects", () => {
  it("refuses callers who are not signed in", async () => {
    const t = newDeployment();
    await expect(t.query(api.projects.projects.list, {})).rejects.toThrow(/Sign in first/);
  });

  it("lists a project for its owner only, with version 1.0.0 and one table", async () => {
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const bob = await signedIn(t, "Bob");
    const projectId = await projectOf(t, ada.userId);
    const adas = await ada.as.query(api.projects.projects.list, {});
    expect(adas.map((p) => [p._id, p.role, p.semver, p.tableCount])).toEqual([[projectId, "owner", "1.0.0", 1]]);
    // Bob does not see Ada's project.
    expect((await bob.as.query(api.projects.projects.list, {})).map((p) => p._id)).not.toContain(projectId);
  });

  it("hides projects from outsiders and malformed ids behind null", async () => {
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const eve = await signedIn(t, "Eve");
    const projectId = await projectOf(t, ada.userId);
    expect(await ada.as.query(api.projects.projects.find, { projectId })).toMatchObject({
      name: "Tasks",
      role: "owner",
    });
    expect(await eve.as.query(api.projects.projects.find, { projectId })).toBeNull();
    expect(await ada.as.query(api.projects.projects.find, { projectId: "not-an-id" })).toBeNull();
    await expect(eve.as.query(api.projects.projects.get, { projectId })).rejects.toThrow(/Project not found/);
  });

  it("lets only editors rename and only owners delete, recording both in the audit log", async () => {
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const vic = await signedIn(t, "Vic");
    const projectId = await projectOf(t, ada.userId);
    await t.run((ctx) => ctx.db.insert("members", { projectId, userId: vic.userId, role: "viewer", addedAt: 0 }));
    await expect(vic.as.mutation(api.projects.projects.update, { projectId, name: "Mine" })).rejects.toThrow(
      /needs the editor role/,
    );
    await expect(vic.as.mutation(api.projects.projects.remove, { projectId })).rejects.toThrow(/needs the owner role/);
    await ada.as.mutation(api.projects.projects.update, { projectId, name: "Renamed" });
    await ada.as.mutation(api.projects.projects.remove, { projectId });
    // The rest of the project is deleted by scheduled batches (deletion.test.ts counts every table).
    vi.useFakeTimers();
    await t.finishAllScheduledFunctions(vi.runAllTimers, 100);
    vi.useRealTimers();
    const left = await t.run(async (ctx) => ({
      project: await ctx.db.get(projectId),
      versions: (await ctx.db.query("schemaVersions").collect()).filter((v) => v.projectId === projectId).length,
      audit: (await ctx.db.query("auditLog").collect()).map((a) => a.action),
    }));
    expect(left.project).toBeNull();
    expect(left.versions).toBe(0);
    // The project's own trail goes with it; its deletion stays recorded (by whom, and the project's name).
    expect(left.audit).toEqual(["project.delete"]);
  });

  it("gives every new account its own demo project, never another's", async () => {
    const t = newDeployment({ demo: true });
    const ada = await signedIn(t, "Ada");
    const demoId = await t.mutation(internal.projects.projects.insertParsed, {
      userId: ada.userId,
      name: "Demo",
      schemaSource: SOURCE,
      modelJson: '{"tables":[]}',
      sourceHash: "x",
      isDemo: true,
    });
    const bob = await signedIn(t, "Bob");
    const seeds = async () =>
      (await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect())).filter(
        (s) => s.name === "projects/projectsNode:seedDemo",
      );
    expect((await seeds()).map((s) => s.args[0])).toEqual([{ userId: ada.userId }, { userId: bob.userId }]);
    expect(await bob.as.query(api.projects.projects.find, { projectId: demoId })).toBeNull();
    await expect(
      bob.as.mutation(api.migrations.sandbox.clearTable, { projectId: demoId, table: "tasks" }),
    ).rejects.toThrow(/Project not found/);
    // Signing in again schedules no second copy.
    await bob.as.mutation(api.team.users.ensure, {});
    expect(await seeds()).toHaveLength(2);
  });

  it("ends memberships of the shared demo that older versions gave every account, keeping invited ones", async () => {
    const t = newDeployment({ demo: true });
    const ada = await signedIn(t, "Ada");
    const bob = await signedIn(t, "Bob");
    const cy = await signedIn(t, "Cy");
    const dee = await signedIn(t, "Dee");
    const demoId = await t.mutation(internal.projects.projects.insertParsed, {
      userId: ada.userId,
      name: "Demo",
      schemaSource: SOURCE,
      modelJson: '{"tables":[]}',
      sourceHash: "x",
      isDemo: true,
    });
    // What older versions left: everyone an editor of Ada's demo; Cy later invited on purpose.
    await t.run(async (ctx) => {
      for (const u of [bob, cy, dee])
        await ctx.db.insert("members", { projectId: demoId, userId: u.userId, role: "editor", addedAt: 0 });
      await ctx.db.insert("invitations", {
        projectId: demoId,
        role: "editor",
        tokenHash: "h",
        createdBy: ada.userId,
        expiresAt: 1,
        acceptedBy: cy.userId,
        createdAt: 0,
      });
    });
    const seeds = async () =>
      (await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect())).filter(
        (s) => s.name === "projects/projectsNode:seedDemo",
      );
    const before = (await seeds()).length;
    await bob.as.mutation(api.team.users.ensure, {});
    expect(await bob.as.query(api.projects.projects.find, { projectId: demoId })).toBeNull();
    expect((await seeds()).slice(before).map((s) => s.args[0])).toEqual([{ userId: bob.userId }]);
    // The owner's next sign-in ends the rest too (Dee may never come back), but not Cy's invited membership.
    await ada.as.mutation(api.team.users.ensure, {});
    const members = await ada.as.query(api.team.members.list, { projectId: demoId });
    expect(members.map((m) => [m.name, m.role]).sort()).toEqual([
      ["Ada", "owner"],
      ["Cy", "editor"],
    ]);
    await cy.as.mutation(api.team.users.ensure, {});
    expect(await cy.as.query(api.projects.projects.find, { projectId: demoId })).toMatchObject({ role: "editor" });
    const audit = await t.run((ctx) => ctx.db.query("auditLog").collect());
    expect(
      audit
        .filter((a) => a.action === "member.remove")
        .map((a) => a.target)
        .sort(),
    ).toEqual([bob.userId, dee.userId].sort());
  });
});
