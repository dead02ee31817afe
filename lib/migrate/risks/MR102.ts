import { defineRisk, mayHoldField } from "./types";

/** MR102: a field that holds data is removed. */
export default defineRisk({
  code: "MR102",
  severity: "error",
  summary: "A field that holds data is removed.",
  kinds: ["dropField"],
  // A merged field's values live on in the merge target.
  applies: (c, ctx) => mayHoldField(ctx, c.table, c.field.name) && !ctx.merges?.[`${c.table}.${c.field.name}`],
  message: (c) => `Field "${c.table}.${c.field.name}" is removed and its values will be deleted.`,
  safePath:
    "If it was renamed, confirm the rename; otherwise keep the backup the run takes and make sure no code reads the field.",
});
