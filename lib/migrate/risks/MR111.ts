import { defineRisk } from "./types";

/** MR111: schema validation is switched on; every existing document must match. */
export default defineRisk({
  code: "MR111",
  severity: "warning",
  summary: "Schema validation is switched on; every existing document must match.",
  kinds: ["changeOptions"],
  applies: (c) => !c.from.schemaValidation && c.to.schemaValidation,
  message: () => `Schema validation is switched on; every existing document must match the schema.`,
  safePath: "Run the preflight against an export first and fix the documents it lists.",
});
