import { describe, expect, it } from "vitest";
import { api, internal } from "./_generated/api";
import { newDeployment, signedIn } from "./test.setup";

const SOURCE = `export default defineSchema({ tasks: defineTable({ text: v.string() }) });`;

async function projectOf(t: ReturnType<typeof newDeployment>, userId: Awaited<ReturnType<typeof signedIn>>["userId"]) {
  return await t.mutation(internal.projects.insertParsed, {
    userId,
    name: "Tasks",
    schemaSource: SOURCE,
    modelJson: JSON.stringify({ tables: [{ name: "tasks", fields: [], indexes: [], searchIndexes: [], vectorIndexes: [] }], options: { schemaValidation: true, strictTableNameTypes: true }, warnings: [] }),
    sourceHash: "abc",
  });
}

describe("projects", () => {
  it("refuses callers who are not signed in", async () => {
    const t = newDeployment();
    await expect(t.query(api.projects.list, {})).rejects.toThrow(/Sign in first/);
  });

  it("lists a project for its owner only, with version 1.0.0 and one table", async () => {
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const bob = await signedIn(t, "Bob");
    const projectId = await projectOf(t, ada.userId);
    const adas = await ada.as.query(api.projects.list, {});
    expect(adas.map((p) => [p._id, p.role, p.semver, p.tableCount])).toEqual([[projectId, "owner", "1.0.0", 1]]);
    // Bob sees the demo project he joined at sign-up only, not Ada's.
    expect((await bob.as.query(api.projects.list, {})).map((p) => p._id)).not.toContain(projectId);
  });

  it("hides projects from outsiders and malformed ids behind null", async () => {
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const eve = await signedIn(t, "Eve");
    const projectId = await projectOf(t, ada.userId);
    expect(await ada.as.query(api.projects.find, { projectId })).toMatchObject({ name: "Tasks", role: "owner" });
    expect(await eve.as.query(api.projects.find, { projectId })).toBeNull();
    expect(await ada.as.query(api.projects.find, { projectId: "not-an-id" })).toBeNull();
    await expect(eve.as.query(api.projects.get, { projectId })).rejects.toThrow(/Project not found/);
  });

  it("lets only editors rename and only owners delete, recording both in the audit log", async () => {
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const vic = await signedIn(t, "Vic");
    const projectId = await projectOf(t, ada.userId);
    await t.run((ctx) => ctx.db.insert("members", { projectId, userId: vic.userId, role: "viewer", addedAt: 0 }));
    await expect(vic.as.mutation(api.projects.update, { projectId, name: "Mine" })).rejects.toThrow(/needs the editor role/);
    await expect(vic.as.mutation(api.projects.remove, { projectId })).rejects.toThrow(/needs the owner role/);
    await ada.as.mutation(api.projects.update, { projectId, name: "Renamed" });
    await ada.as.mutation(api.projects.remove, { projectId });
    const left = await t.run(async (ctx) => ({
      project: await ctx.db.get(projectId),
      versions: (await ctx.db.query("schemaVersions").collect()).filter((v) => v.projectId === projectId).length,
      audit: (await ctx.db.query("auditLog").collect()).map((a) => a.action),
    }));
    expect(left.project).toBeNull();
    expect(left.versions).toBe(0);
    expect(left.audit).toEqual(expect.arrayContaining(["project.create", "project.update", "project.delete"]));
  });

  it("schedules the demo project on the first sign-in and adds later users to it", async () => {
    const t = newDeployment({ demo: true });
    const ada = await signedIn(t, "Ada");
    const scheduled = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    expect(scheduled.map((s) => s.name)).toEqual(["projectsNode:seedDemo"]);
    const demoId = await t.mutation(internal.projects.insertParsed, {
      userId: ada.userId, name: "Demo", schemaSource: SOURCE, modelJson: "{\"tables\":[]}", sourceHash: "x", isDemo: true,
    });
    const bob = await signedIn(t, "Bob");
    expect(await bob.as.query(api.projects.find, { projectId: demoId })).toMatchObject({ role: "editor" });
  });
});
