import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_FUNCTION_FILES, DEMO_SCHEMA_SOURCE } from "../../demo";
import { parseSchemaSource } from "../../schema";
import { applyOperations } from "../../schema/operations";
import { answerTurn, type ProjectContext } from "./index";

// Word salad made of the words every intent and change rule looks for: the front door never throws, never
// proposes operations that do not apply, and always says something.
const WORDS = [
  "make",
  "it",
  "faster",
  "why",
  "is",
  "slow",
  "what",
  "breaks",
  "if",
  "I",
  "rename",
  "remove",
  "generate",
  "CRUD",
  "for",
  "write",
  "me",
  "a",
  "poem",
  "about",
  "cats",
  "weather",
  "is",
  "my",
  "schema",
  "OK",
  "explain",
  "the",
  "tasks",
  "table",
  "dueDate",
  "title",
  "to",
  "name",
  "required",
  "optional",
  "on",
  "in",
  "and",
  "then",
  ",",
  "give",
  "(",
  ")",
  "or",
  "small",
  "large",
  "look",
  "up",
  "by",
  "project",
  "status",
  "don't",
  "really",
  "delete",
  "comments",
  "belongs",
  "owned",
  "split",
  "from",
  "into",
  "new",
  "index",
  "search",
  "vector",
  "soft",
  "—",
  "already",
  "can",
  "also",
  "be",
  "blocked",
  "taks",
  "titel",
  "'",
  '"',
  "→",
  "?",
  "users",
  "labels",
  "time entries",
  "which",
  "functions",
  "use",
  "QR",
  "code",
];

function demo(): ProjectContext {
  const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
  if (!parsed.ok) throw new Error("demo schema does not parse");
  return { schema: parsed.schema, files: { ...DEMO_FUNCTION_FILES, "convex/schema.ts": DEMO_SCHEMA_SOURCE } };
}

describe("front door robustness", () => {
  it("never throws, never proposes operations that do not apply, always answers", () => {
    const project = demo();
    const salad = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 18 }).map((ws) => ws.join(" "));
    fc.assert(
      fc.property(salad, (request) => {
        const p = answerTurn(request, project);
        expect(p.valid).toBe(true);
        expect(applyOperations(project.schema, p.operations).ok).toBe(true);
        expect(p.intent).toBeDefined();
        expect(p.explanation.length + p.questions.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });
});
