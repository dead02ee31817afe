import { describe, expect, it } from "vitest";
import { emptySchema } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import { consistentOperations, mergeOperations } from "./consistent";

const str = { kind: "string" } as const;

describe("a design's operations never conflict", () => {
  it("merges two createTable of one table, and an addField on a table the design creates", () => {
    const ops: SchemaOperation[] = [
      { op: "createTable", table: "notes", fields: [{ name: "title", validator: str, optional: false }], indexes: [] },
      {
        op: "createTable",
        table: "notes",
        fields: [
          { name: "title", validator: str, optional: false },
          { name: "body", validator: str, optional: false },
        ],
        indexes: [{ name: "by_body", fields: ["body"] }],
      },
      { op: "addField", table: "notes", field: { name: "tag", validator: str, optional: true } },
    ];
    const merged = mergeOperations(ops);
    expect(merged).toHaveLength(1);
    const c = merged[0];
    expect(c.op === "createTable" && c.fields?.map((f) => f.name)).toEqual(["title", "body", "tag"]);
    expect(c.op === "createTable" && c.indexes?.map((i) => i.name)).toEqual(["by_body"]);
    const r = consistentOperations(emptySchema(), ops);
    expect(r.dropped).toEqual([]);
    expect(r.operations).toEqual(merged);
  });

  it("leaves out a step that still conflicts and says which", () => {
    const ops: SchemaOperation[] = [
      { op: "createTable", table: "notes", fields: [{ name: "title", validator: str, optional: false }], indexes: [] },
      { op: "renameField", table: "notes", from: "missing", to: "other" },
    ];
    const r = consistentOperations(emptySchema(), ops);
    expect(r.operations).toHaveLength(1);
    expect(r.dropped).toHaveLength(1);
  });

  it("keeps operations that apply as they are", () => {
    const ops: SchemaOperation[] = [
      { op: "createTable", table: "notes", fields: [{ name: "title", validator: str, optional: false }], indexes: [] },
    ];
    expect(consistentOperations(emptySchema(), ops).operations).toBe(ops);
  });
});
