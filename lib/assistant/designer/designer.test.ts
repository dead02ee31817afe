import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../../schema/model";
import { emptySchema, findTable, referencedTables } from "../../schema/model";
import { applyOperations } from "../../schema/operations";
import { finalizeProposal } from "../proposal";
import { designFromRequest } from "./index";

/** Every v.id field must lead some index, so lookups by reference never scan. */
function unindexedRefs(schema: SchemaModel): string[] {
  const out: string[] = [];
  for (const t of schema.tables) {
    for (const f of t.fields) {
      if (f.validator.kind === "id" && !t.indexes.some((i) => i.fields[0] === f.name)) out.push(`${t.name}.${f.name}`);
    }
  }
  return out;
}

function refsOf(schema: SchemaModel, table: string): string[] {
  return (findTable(schema, table)?.fields ?? []).flatMap((f) => referencedTables(f.validator));
}

describe("designFromRequest: new designs", () => {
  it("designs a CRM with the named tables, relations and indexes", () => {
    const p = designFromRequest(
      "A CRM with contacts, companies, deals and activities. Each deal belongs to a company and has a value and a stage.",
      emptySchema(),
    );
    expect(p.valid).toBe(true);
    expect(p.schema.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["contacts", "companies", "deals", "activities"]),
    );
    expect(refsOf(p.schema, "deals")).toContain("companies");
    const deals = findTable(p.schema, "deals");
    expect(deals?.fields.find((f) => f.name === "value")?.validator).toEqual({ kind: "number" });
    expect(deals?.fields.find((f) => f.name === "stage")?.validator.kind).toBe("union");
    expect(unindexedRefs(p.schema)).toEqual([]);
    expect(p.assumptions.join(" ")).toMatch(/cents/);
    // The operations alone reproduce the proposed schema.
    const again = applyOperations(emptySchema(), p.operations);
    expect(again.ok && again.schema).toEqual(p.schema);
    expect(p.diff).toContain("+  deals: defineTable({");
  });

  it("links many-to-many pairs through a join table indexed both ways", () => {
    const p = designFromRequest("students can enroll in many courses; courses have lessons", emptySchema());
    const join = p.schema.tables.find(
      (t) => refsOf(p.schema, t.name).includes("students") && refsOf(p.schema, t.name).includes("courses"),
    );
    expect(join).toBeDefined();
    expect(join?.indexes.length).toBeGreaterThanOrEqual(2);
    expect(refsOf(p.schema, "lessons")).toContain("courses");
  });

  it("types attributes from their names and user-given values", () => {
    const p = designFromRequest(
      "tickets have a subject, an email, an isUrgent flag, a due date, skills and a status (new, triaged, done)",
      emptySchema(),
    );
    const t = findTable(p.schema, "tickets");
    const type = (name: string): unknown => t?.fields.find((f) => f.name === name)?.validator;
    expect(type("email")).toEqual({ kind: "string" });
    expect(type("dueDate")).toEqual({ kind: "number" });
    expect(type("skills")).toEqual({ kind: "array", element: { kind: "string" } });
    expect(type("status")).toEqual({
      kind: "union",
      members: ["new", "triaged", "done"].map((value) => ({ kind: "literal", value })),
    });
    expect(t?.indexes.some((i) => i.fields.includes("status"))).toBe(true);
  });

  it("uses a domain's usual tables when the request only names the kind of app", () => {
    const p = designFromRequest("Build me an e-commerce store", emptySchema());
    expect(p.schema.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["products", "orders", "orderItems", "customers"]),
    );
    expect(p.assumptions[0]).toMatch(/e-commerce/);
    expect(p.confidence).toBeLessThan(0.85);
  });
});

describe("designFromRequest: things named in passing", () => {
  it("keeps a feature's subject named once, but not a word of a list named once with nothing of its own", () => {
    const p = designFromRequest(
      "I'm building Pitch (a debate coach). It needs:\n- Practise arguments against personas\n" +
        "- Spot logical fallacies and weak setups\n- Earn badges\n- An opportunity feed for coaches",
      emptySchema(),
    );
    const names = p.schema.tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["arguments", "personas", "badges", "opportunities"]));
    expect(names).not.toContain("fallacies");
    expect(names).not.toContain("setups");
  });
});

describe("designFromRequest: requests it should not guess on", () => {
  it.each([
    ["", /no request/],
    ["   ", /no request/],
    ["x".repeat(5000), /limit is 4000/],
    ["asdf qwer zxcv", /could not find/],
  ])("answers %j with a question and no change", (request, explanation) => {
    const p = designFromRequest(request, emptySchema());
    expect(p.valid).toBe(true);
    expect(p.operations).toEqual([]);
    expect(p.questions.length).toBeGreaterThan(0);
    expect(p.explanation).toMatch(explanation);
    expect(p.confidence).toBeLessThan(0.5);
  });

  it("asks when a relation is stated both ways", () => {
    const p = designFromRequest("Each project belongs to a team. Each team belongs to a project.", emptySchema());
    expect(p.questions.length).toBeGreaterThan(0);
    expect(p.confidence).toBeLessThan(0.5);
  });
});

describe("finalizeProposal", () => {
  it("never returns invalid operations as valid", () => {
    const p = finalizeProposal(emptySchema(), {
      operations: [
        { op: "addField", table: "missing", field: { name: "x", validator: { kind: "string" }, optional: false } },
      ],
      explanation: "Adds x.",
      confidence: 0.9,
      source: "model",
    });
    expect(p.valid).toBe(false);
    expect(p.operations).toEqual([]);
    expect(p.errors[0]).toMatch(/Operation 1 \(addField\): Table "missing" does not exist/);
    expect(p.schema).toEqual(emptySchema());
  });
});

describe("roles", () => {
  it("points a role at the entity the request names, else at users", () => {
    const p = designFromRequest(
      "employees belong to departments, each employee has a manager who is also an employee, and a mentor",
      emptySchema(),
    );
    const employees = findTable(p.schema, "employees");
    expect(employees?.fields.find((f) => f.name === "managerId")).toEqual({
      name: "managerId",
      validator: { kind: "id", table: "employees" },
      optional: true,
    });
    expect(refsOf(p.schema, "employees")).toContain("departments");
    expect(unindexedRefs(p.schema)).toEqual([]);
  });
});
