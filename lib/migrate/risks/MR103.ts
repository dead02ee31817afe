import { validatorToCode } from "../../schema/model";
import { defineRisk, mayHoldField } from "./types";

/** MR103: a field's type is narrowed; existing values may no longer fit. */
export default defineRisk({
  code: "MR103",
  severity: "warning",
  summary: "A field's type is narrowed; existing values may no longer fit.",
  kinds: ["narrowType"],
  applies: (c, ctx) => mayHoldField(ctx, c.table, c.field),
  message: (c) =>
    `Field "${c.table}.${c.field}" narrows from ${validatorToCode(c.from)} to ${validatorToCode(c.to)}; existing values may not fit.`,
  safePath: "Run the preflight to count values that do not fit, and give a default or a conversion for them.",
});
