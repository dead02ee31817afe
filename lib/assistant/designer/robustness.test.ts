import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../../schema/model";
import { emptySchema } from "../../schema/model";
import { applyOperations } from "../../schema/operations";
import { designFromRequest } from "./index";

const WORDS = [
  "a",
  "an",
  "the",
  "with",
  "and",
  "or",
  "has",
  "have",
  "many",
  "each",
  "belongs",
  "to",
  "of",
  "add",
  "remove",
  "rename",
  "make",
  "optional",
  "required",
  "table",
  "field",
  "users",
  "tasks",
  "projects",
  "orders",
  "customer",
  "status",
  "email",
  "price",
  "due",
  "date",
  "soft",
  "delete",
  "search",
  "by",
  "owner",
  "who",
  "owns",
  "it",
  "them",
  "many-to-many",
  ",",
  ".",
  ":",
  "(",
  ")",
  "?",
  "index",
  "on",
  "change",
  "number",
  "string",
  "list",
  "of",
  "blorps",
  "zz",
  "_id",
  "DROP",
  "TABLE",
  "ünïcödé",
  "🙂",
  "createdAt",
  "orderItems",
  "order_items",
  "123",
  "-",
  "/",
  "\n",
];

function check(request: string, schema: SchemaModel): void {
  const p = designFromRequest(request, schema);
  expect(p.valid).toBe(true);
  const again = applyOperations(schema, p.operations);
  expect(again.ok).toBe(true);
  expect(p.confidence).toBeGreaterThanOrEqual(0);
  expect(p.confidence).toBeLessThanOrEqual(1);
  if (p.operations.length === 0) expect(p.questions.length + p.explanation.length).toBeGreaterThan(0);
}

describe("designer robustness", () => {
  it("never throws and never returns an invalid schema for arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => check(s, emptySchema())),
      { numRuns: 150 },
    );
  });

  it("never throws on word salad, including follow-ups on an existing schema", () => {
    const start = designFromRequest("a task tracker with users, projects, tasks and orders", emptySchema()).schema;
    const salad = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 25 }).map((ws) => ws.join(" "));
    // "add 123 table" once proposed a table named "123s", which Convex refuses: it must become a question.
    fc.assert(
      fc.property(salad, (s) => check(s, start)),
      { numRuns: 300, examples: [["add 123 table"]] },
    );
  });
});
