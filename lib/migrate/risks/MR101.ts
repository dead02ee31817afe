import { defineRisk, hasDefault, mayHaveRows } from "./types";

/** MR101: a required field is added to a table that may hold documents and no default was given. */
export default defineRisk({
  code: "MR101",
  severity: "error",
  summary: "A required field is added to a table that may hold documents and no default was given.",
  kinds: ["addField"],
  // A merge target gets its value from the merged fields.
  applies: (c, ctx) =>
    !c.field.optional &&
    mayHaveRows(ctx, c.table) &&
    !hasDefault(ctx, c.table, c.field.name) &&
    !Object.values(ctx.merges ?? {}).includes(`${c.table}.${c.field.name}`),
  message: (c) =>
    `Required field "${c.table}.${c.field.name}" is added to a table that holds documents, and no value was chosen for them.`,
  safePath:
    "Give a default (--default table.field=VALUE) so the backfill can set it, or add the field as v.optional first.",
});
