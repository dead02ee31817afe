import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import type { SchemaModel } from "../schema/model";
import { emptySchema } from "../schema/model";
import { expectGolden } from "../testing/golden";
import { designFromRequest } from "./designer/index";

// testdata/<case>/request.txt (+ optional schema.json) → proposal.golden.json. UPDATE_GOLDEN=1 rewrites goldens.
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "testdata");

describe("designer goldens", () => {
  for (const name of readdirSync(dir).sort()) {
    it(name, () => {
      const request = readFileSync(path.join(dir, name, "request.txt"), "utf8").trim();
      const schemaFile = path.join(dir, name, "schema.json");
      const schema: SchemaModel = existsSync(schemaFile) ? JSON.parse(readFileSync(schemaFile, "utf8")) : emptySchema();
      const p = designFromRequest(request, schema);
      const actual =
        JSON.stringify(
          {
            valid: p.valid,
            explanation: p.explanation,
            questions: p.questions,
            assumptions: p.assumptions,
            destructive: p.destructiveReasons,
            confidence: p.confidence,
            operations: p.operations,
          },
          null,
          2,
        ) + "\n";
      expectGolden(path.join(dir, name, "proposal.golden.json"), actual);
    });
  }
});
