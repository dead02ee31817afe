/**
 * The real-app eval through the model path (runAssistant → an OpenAI-compatible server), here the local fake
 * server: each request of a small dev sample reaches the server with its schema, and the scoring reads the model's
 * tool calls. The fake's answers are built from the case's expectation (a right answer, one with a table left out,
 * a server failure), so the figures must follow them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchemaOperation } from "../../lib/schema/operations";
import { startFakeOpenAI, type FakeOpenAI } from "../../lib/assistant/testing/fake-openai";
import { runAssistant } from "../../convex/lib/openaiModel";
import { loadSet } from "../run-real-eval";
import type { DesignCase, EvalSet } from "./cases";
import { runRealEval } from "./score";

/** Operations that design exactly what the case expects (plus a name field, so no table is empty). */
function answerFor(c: DesignCase, leaveOut = 0): SchemaOperation[] {
  const tables = c.expect.tables.slice(0, c.expect.tables.length - leaveOut).map((t) => t.name);
  return tables.map((name): SchemaOperation => {
    const rels = c.expect.relations.filter((r) => r.from === name && tables.includes(r.to));
    return {
      op: "createTable",
      table: name,
      fields: [
        { name: "name", validator: { kind: "string" }, optional: false },
        ...rels.map((r) => ({ name: `${r.to}Ref`, validator: { kind: "id" as const, table: r.to }, optional: false })),
      ],
      indexes: rels.map((r) => ({ name: `by_${r.to}Ref`, fields: [`${r.to}Ref`] })),
    };
  });
}

const args = (operations: SchemaOperation[], explanation = "Designed from the description.") => ({
  operations,
  explanation,
  assumptions: [],
  questions: [],
  confidence: 0.8,
});

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});

describe("real-app eval through the model path (fake OpenAI-compatible server)", () => {
  it("sends each sampled dev request to the server and scores the model's answers", async () => {
    const dev = loadSet("dev");
    const designs = dev.design
      .filter(
        (c) =>
          c.expect.relations.length > 0 &&
          c.expect.tables.length >= 3 &&
          !c.expect.indexes.some((i) => i.kind !== "ref"),
      )
      .slice(0, 3);
    const offTopic = dev.change.find((c) => c.category === "offTopic");
    const rename = dev.change.find((c) => c.category === "renameField");
    expect(designs).toHaveLength(3);
    if (!offTopic || !rename?.expect.accept) throw new Error("the dev set lacks an off-topic or a rename request");
    const sample: EvalSet = { set: "dev", apps: dev.apps, design: designs, change: [rename, offTopic] };
    fake.replies.push(
      { toolArgs: args(answerFor(designs[0])) },
      { toolArgs: args(answerFor(designs[1], 1)) },
      // A failing server: the product falls back to the designer, and so does the eval.
      { status: 500 },
      { toolArgs: args(rename.expect.accept[0]) },
      { toolArgs: args([], "That is not about your schema.") },
    );
    const env = { apiKey: "test-key", baseURL: fake.baseURL, model: "fake-model" };
    const sources: string[] = [];
    const s = await runRealEval(sample, async (request, schema) => {
      const r = await runAssistant({ request, schema, env, timeoutMs: 10_000, maxRepairs: 0 });
      sources.push(r.source);
      return r;
    });

    // Every request reached the server as the user's message.
    const sent = fake.requests.map((b) => {
      const messages = b.messages as Array<{ role: string; content: string }>;
      return messages[messages.length - 1].content;
    });
    expect(sent.filter((m, i) => sent.indexOf(m) === i)).toEqual([
      ...designs.map((c) => c.request),
      rename.request,
      offTopic.request,
    ]);
    expect(sources).toEqual(["model", "model", "designer", "model", "model"]);

    const [right, partial] = s.design;
    expect(right.valid).toBe(true);
    expect(right.tables[0]).toBe(right.tables[1]);
    expect(right.relations[0]).toBe(right.relations[1]);
    expect(right.indexes[0]).toBe(right.indexes[1]);
    expect(partial.tables).toEqual([designs[1].expect.tables.length - 1, designs[1].expect.tables.length]);
    expect(s.change.map((c) => c.ok)).toEqual([true, true]);
    expect(s.figures["off-topic -> no operation"]).toBe("100.0% (1/1)");
    expect(s.figures["answered by the model"]).toBe("4 of 5 (the rest: designer fallback)");
  });
});
