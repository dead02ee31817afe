import { validatorToCode } from "../../schema/model";
import type { Validator } from "../../schema/model";
import { defineRisk, mayHoldField } from "./types";

/** `v.id("old")` → `v.id("new")` for a confirmed table rename: the run rewrites those ids. */
function isIdRemap(from: Validator, to: Validator, renames: Record<string, string>): boolean {
  return from.kind === "id" && to.kind === "id" && renames[from.table] === to.table;
}

/** MR107: a field's type changes to an unrelated type; values need converting. */
export default defineRisk({
  code: "MR107",
  severity: "error",
  summary: "A field's type changes to an unrelated type; values need converting.",
  kinds: ["changeType"],
  applies: (c, ctx) => mayHoldField(ctx, c.table, c.field) && !isIdRemap(c.from, c.to, ctx.tableRenames ?? {}),
  message: (c) =>
    `Field "${c.table}.${c.field}" changes type from ${validatorToCode(c.from)} to ${validatorToCode(c.to)}; existing values must be converted.`,
  safePath: "Add the new type as a union member first, convert values in the backfill, then remove the old type.",
});
