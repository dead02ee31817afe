import { describe, expect, it } from "vitest";
import { emptySchema, type Field } from "../../schema/model";
import { designFromRequest } from "./index";

const role = (request: string): Field | undefined =>
  designFromRequest(request, emptySchema())
    .schema.tables.find((t) => t.name === "users")
    ?.fields.find((f) => f.name === "role");

const values = (f: Field | undefined): string[] =>
  f?.validator.kind === "union" ? f.validator.members.map((m) => (m.kind === "literal" ? String(m.value) : "")) : [];

describe("the users' role", () => {
  it("one staff kind beside everyone else is user | admin", () => {
    expect(values(role("a todo app where users create todos and admins can delete any todo"))).toEqual([
      "user",
      "admin",
    ]);
    expect(values(role("users write todos; the first user becomes admin automatically"))).toEqual(["user", "admin"]);
  });

  it("one kind of people that is not staff adds no role ('authors write posts')", () => {
    expect(role("a blog where authors write posts and readers leave comments on them")).toBeDefined();
    expect(role("a blog where authors write posts")).toBeUndefined();
  });
});
