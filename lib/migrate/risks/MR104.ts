import { defineRisk, mayHaveRows } from "./types";

/** MR104: a table that holds documents is dropped. */
export default defineRisk({
  code: "MR104",
  severity: "error",
  summary: "A table that holds documents is dropped.",
  kinds: ["dropTable"],
  applies: (c, ctx) => mayHaveRows(ctx, c.table),
  message: (c) => `Table "${c.table}" is dropped and its documents will be deleted.`,
  safePath:
    "If it was renamed, confirm the rename; otherwise keep the backup the run takes and remove code that reads it first.",
});
