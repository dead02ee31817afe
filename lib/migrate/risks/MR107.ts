import { validatorToCode } from "../../schema/model";
import { defineRisk, mayHoldField } from "./types";

/** MR107: a field's type changes to an unrelated type; values need converting. */
export default defineRisk({
  code: "MR107",
  severity: "error",
  kinds: ["changeType"],
  applies: (c, ctx) => mayHoldField(ctx, c.table, c.field),
  message: (c) => `Field "${c.table}.${c.field}" changes type from ${validatorToCode(c.from)} to ${validatorToCode(c.to)}; existing values must be converted.`,
  safePath: "Add the new type as a union member first, convert values in the backfill, then remove the old type.",
});
