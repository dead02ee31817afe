import { defineRisk } from "./types";

/** MR108: a field is renamed; code reading the old name breaks. */
export default defineRisk({
  code: "MR108",
  severity: "warning",
  summary: "A field is renamed; code reading the old name breaks.",
  kinds: ["renameField"],
  applies: () => true,
  message: (c) => `Field "${c.table}.${c.from}" is renamed to "${c.to}"; code that reads "${c.from}" must change.`,
  safePath: "Deploy code that reads both names during the backfill, then only the new one.",
});
