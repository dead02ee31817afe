import { afterEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { newDeployment, signedIn } from "../test.setup";

const MODEL = JSON.stringify({ tables: [], options: {}, warnings: [] });

afterEach(() => vi.useRealTimers());

describe("invitations and members", () => {
  it("joins by link once, before expiry, with the invited role; owners manage roles", async () => {
    vi.useFakeTimers();
    const t = newDeployment();
    const ada = await signedIn(t, "Ada");
    const bob = await signedIn(t, "Bob");
    const cy = await signedIn(t, "Cy");
    const projectId = await t.mutation(internal.projects.projects.insertParsed, {
      userId: ada.userId,
      name: "P",
      schemaSource: "x",
      modelJson: MODEL,
      sourceHash: "h",
    });
    const invite = await ada.as.mutation(api.team.invitations.create, { projectId, role: "editor", expiresInHours: 1 });
    expect(invite.path).toBe(`/invite/${invite.secret}`);
    expect(await bob.as.query(api.team.invitations.preview, { secret: invite.secret })).toMatchObject({
      projectName: "P",
      role: "editor",
      state: "open",
    });
    expect(await bob.as.mutation(api.team.invitations.accept, { secret: invite.secret })).toEqual({ projectId });
    await expect(cy.as.mutation(api.team.invitations.accept, { secret: invite.secret })).rejects.toThrow(
      /already used/,
    );
    const late = await ada.as.mutation(api.team.invitations.create, { projectId, role: "viewer", expiresInHours: 1 });
    vi.advanceTimersByTime(3_600_001);
    await expect(cy.as.mutation(api.team.invitations.accept, { secret: late.secret })).rejects.toThrow(/expired/);
    await expect(cy.as.mutation(api.team.invitations.accept, { secret: "inv_" + "0".repeat(64) })).rejects.toThrow(
      /not valid/,
    );
    expect((await ada.as.query(api.team.invitations.list, { projectId })).map((i) => i.state)).toEqual([
      "expired",
      "accepted",
    ]);
    const roles = async () =>
      (await ada.as.query(api.team.members.list, { projectId })).map((m) => `${m.name}:${m.role}`).sort();
    expect(await roles()).toEqual(["Ada:owner", "Bob:editor"]);
    await expect(
      ada.as.mutation(api.team.members.setRole, { projectId, userId: ada.userId, role: "viewer" }),
    ).rejects.toThrow(/at least one owner/);
    await ada.as.mutation(api.team.members.setRole, { projectId, userId: bob.userId, role: "owner" });
    await bob.as.mutation(api.team.members.remove, { projectId, userId: ada.userId });
    expect(await bob.as.query(api.team.members.list, { projectId }).then((m) => m.map((x) => x.role))).toEqual([
      "owner",
    ]);
    const audit = await bob.as.query(api.projects.audit.list, { projectId, action: "member." });
    expect(audit.map((a) => `${a.action} by ${a.actorName}`)).toEqual(["member.remove by Bob", "member.role by Ada"]);
  });
});
