import { describe, expect, it } from "vitest";
import { emptySchema, newTable, type SchemaModel } from "../schema/model";
import { codegenTables, generateForRequest } from "./codegen-intent";

const schema: SchemaModel = {
  ...emptySchema(),
  tables: [
    newTable("users", [{ name: "name", validator: { kind: "string" }, optional: false }]),
    newTable("tasks", [
      { name: "title", validator: { kind: "string" }, optional: false },
      { name: "ownerId", validator: { kind: "id", table: "users" }, optional: false },
    ]),
  ],
};

describe("codegen requests in chat", () => {
  it("recognises requests for code and the tables they name", () => {
    expect(codegenTables("generate CRUD for tasks", schema)).toEqual(["tasks"]);
    expect(codegenTables("Write the queries and mutations for task", schema)).toEqual(["tasks"]);
    expect(codegenTables("scaffold functions for every table", schema)).toEqual(["users", "tasks"]);
  });

  it("leaves schema requests to the designer", () => {
    expect(codegenTables("add a tags table", schema)).toBeNull();
    expect(codegenTables("create a table for functions with a name field", schema)).toBeNull();
    expect(codegenTables("make tasks belong to an owner", schema)).toBeNull();
  });

  it("generates the functions of the named table", () => {
    const result = generateForRequest("generate CRUD for tasks", schema)!;
    expect(result.tablesAsked).toEqual(["tasks"]);
    expect(Object.keys(result.files)).toContain("convex/tasks.ts");
    expect(result.files["convex/tasks.ts"]).toMatch(/export const create = mutation\(/);
    expect(Object.keys(result.files)).not.toContain("convex/users.ts");
  });
});
