import { describe, expect, it } from "vitest";
import { opt, req, schema, table, V } from "../testing/model";
import { applyOperations } from "./operations";
import { replayOperations } from "./replay";

describe("replaying a proposal on a newer version", () => {
  it("turns the proposal's changes into operations that apply on the current version, keeping what changed meanwhile", () => {
    const base = schema(table("tasks", [req("title", V.string()), opt("note", V.string())]));
    const proposed = schema(
      table(
        "tasks",
        [
          req("title", V.string()),
          req("priority", V.union(V.literal("low"), V.literal("high"))),
          opt("note", V.number()),
        ],
        { by_priority: ["priority"] },
      ),
      table("tags", [req("name", V.string())]),
    );
    // Since the proposal, another change made note required and added a users table.
    const current = schema(
      table("tasks", [req("title", V.string()), req("note", V.string())]),
      table("users", [req("name", V.string())]),
    );
    const replay = replayOperations(base, proposed);
    expect(replay.ok).toBe(true);
    if (!replay.ok) return;
    expect(replay.operations.map((o) => o.op).sort()).toEqual([
      "addField",
      "addIndex",
      "changeFieldType",
      "createTable",
    ]);
    const applied = applyOperations(current, replay.operations);
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    const tasks = applied.schema.tables.find((t) => t.name === "tasks")!;
    expect(tasks.fields.map((f) => [f.name, f.optional])).toEqual([
      ["title", false],
      ["note", false],
      ["priority", false],
    ]);
    expect(tasks.fields.find((f) => f.name === "note")!.validator).toEqual(V.number());
    expect(tasks.indexes.map((i) => i.name)).toEqual(["by_priority"]);
    expect(applied.schema.tables.map((t) => t.name).sort()).toEqual(["tags", "tasks", "users"]);
  });

  it("reports a change no operation expresses instead of dropping it", () => {
    const base = schema(table("tasks", [req("title", V.string())]));
    const proposed = {
      ...schema(table("tasks", [req("title", V.string())])),
      options: { schemaValidation: false, strictTableNameTypes: true },
    };
    const replay = replayOperations(base, proposed);
    expect(replay).toEqual({ ok: false, errors: ["The schema options changed; propose them again."] });
  });
});
