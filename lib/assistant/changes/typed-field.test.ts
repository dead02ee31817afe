import { describe, expect, it } from "vitest";
import { DEMO_SCHEMA_SOURCE } from "../../demo";
import { parseSchemaSource } from "../../schema";
import type { SchemaModel } from "../../schema/model";
import { designFromRequest } from "../designer/index";

function demo(): SchemaModel {
  const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
  if (!parsed.ok) throw new Error("demo schema does not parse");
  return parsed.schema;
}

const added = (request: string) => designFromRequest(request, demo()).operations;

describe("a field named by a plain word then its type", () => {
  it("reads 'a pinned boolean' as pinned: boolean, keeping optional/required", () => {
    expect(added("add an optional pinned boolean to tasks")).toEqual([
      { op: "addField", table: "tasks", field: { name: "pinned", validator: { kind: "boolean" }, optional: true } },
    ]);
    expect(added("add a required nickname string to users")).toEqual([
      { op: "addField", table: "users", field: { name: "nickname", validator: { kind: "string" }, optional: false } },
    ]);
  });

  it("keeps names that end in a type-like word whole (phone number, alt text, due date)", () => {
    expect(added("add a phone number to users")).toEqual([
      expect.objectContaining({
        field: expect.objectContaining({ name: "phoneNumber", validator: { kind: "string" } }),
      }),
    ]);
    expect(added("add alt text to attachments")).toEqual([
      expect.objectContaining({ field: expect.objectContaining({ name: "altText" }) }),
    ]);
    expect(added("add a due date to comments")).toEqual([
      expect.objectContaining({ field: expect.objectContaining({ name: "dueDate", validator: { kind: "number" } }) }),
    ]);
  });
});
