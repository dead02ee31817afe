import { describe, expect, it, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { newDeployment, signedIn } from "../test.setup";

// Issue 17's chat examples through the Convex chat function (conversations.send → replyNode.reply) on the
// demo project: its schema, its function files and its sample data.
async function demo() {
  vi.useFakeTimers();
  const t = newDeployment();
  const ada = await signedIn(t, "Ada");
  await t.action(internal.projects.projectsNode.seedDemo, { userId: ada.userId });
  const projectId = (await t.run((ctx) => ctx.db.query("projects").first()))!._id;
  const conversationId = await ada.as.mutation(api.assistant.conversations.create, { projectId });
  const ask = async (text: string) => {
    await ada.as.mutation(api.assistant.conversations.send, { conversationId, text });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const reply = (await ada.as.query(api.assistant.conversations.messages, { conversationId })).at(-1)!;
    expect(reply.status, reply.text).toBe("done");
    const proposal = JSON.parse(reply.proposalJson ?? "{}") as {
      intent?: string;
      ran?: string[];
      operations?: { op: string; table?: string }[];
      findings?: { file?: string; line?: number; functions?: string[] }[];
      questions?: string[];
    };
    return { ...reply, proposal };
  };
  return { t, ada, projectId, ask };
}

describe("chat on the demo project", () => {
  it("applies change requests as people write them, one or several per message", async () => {
    const { ask } = await demo();
    const required = await ask("make dueDate required on tasks");
    expect(required.proposal.operations).toEqual([
      { op: "setOptional", table: "tasks", field: "dueDate", optional: false },
    ]);
    expect(required.version?.source).toMatch(/dueDate: v\.number\(\),/);
    const rename = await ask("rename title to name in tasks");
    expect(rename.proposal.operations).toEqual([{ op: "renameField", table: "tasks", from: "title", to: "name" }]);
    const both = await ask("make dueDate required on tasks and rename title to name");
    expect(both.proposal.operations?.map((o) => o.op)).toEqual(["setOptional", "renameField"]);
    expect(both.text).toMatch(/Ran: designer/);
    vi.useRealTimers();
  });

  it("answers off-topic messages with no operation and no version", async () => {
    const { ask } = await demo();
    for (const text of ["write me a poem about cats", "what's the weather"]) {
      const reply = await ask(text);
      expect(reply.proposal.intent).toBe("offtopic");
      expect(reply.proposal.operations).toEqual([]);
      expect(reply.version).toBeNull();
      expect(reply.text).toMatch(/not about your schema/);
    }
    vi.useRealTimers();
  });

  it("says an applied change is already there", async () => {
    const { ask, ada } = await demo();
    const first = await ask("add soft delete to tasks");
    await ada.as.mutation(api.schemaVersions.proposals.approve, { versionId: first.version!._id });
    const again = await ask("add soft delete to tasks");
    expect(again.proposal.operations).toEqual([]);
    expect(again.version).toBeNull();
    expect(again.text).toMatch(/already has soft delete/);
    vi.useRealTimers();
  });

  it("'make it faster' answers with the optimizer's findings on the project's functions and proposes the indexes", async () => {
    const { ask } = await demo();
    const reply = await ask("make it faster");
    expect(reply.proposal.intent).toBe("optimize");
    expect(reply.proposal.ran?.[0]).toMatch(
      /optimizer .*10 functions in 4 files, with statistics sampled from the project's data/,
    );
    expect(reply.proposal.operations).toEqual(
      expect.arrayContaining([expect.objectContaining({ op: "addIndex", table: "timeEntries" })]),
    );
    expect(reply.version?.source).toMatch(/by_taskId/);
    expect(reply.text).toMatch(/convex\/timeEntries\.ts:8/);
    vi.useRealTimers();
  });

  it("reviews the schema, explains what a rename breaks and reports an existing table in a design", async () => {
    const { ask } = await demo();
    const lint = await ask("is my schema OK?");
    expect(lint.proposal.intent).toBe("lint");
    expect(lint.text).toMatch(/health score \d+\/100/);
    const impact = await ask("what breaks if I rename tasks.title?");
    expect(impact.proposal.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "convex/tasks.ts", line: 34, functions: ["tasks:search"] }),
      ]),
    );
    expect(impact.version).toBeNull();
    const blog = await ask("design a blog with posts, comments, tags and authors");
    expect(blog.text).toMatch(/Table "comments" already exists/);
    expect(blog.proposal.operations?.some((o) => o.op === "createTable" && o.table === "comments")).toBe(false);
    vi.useRealTimers();
  });
});
