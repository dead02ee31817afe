import { defineRisk } from "./types";

/** MR110: a table is renamed; Convex copies documents to a new table and they get new `_id`s. */
export default defineRisk({
  code: "MR110",
  severity: "warning",
  summary: "A table is renamed; Convex copies documents to a new table and they get new `_id`s.",
  kinds: ["renameTable"],
  applies: () => true,
  message: (c) =>
    `Table "${c.from}" is renamed to "${c.to}": documents are copied and get new _id values, and references to them are rewritten.`,
  safePath: "Deploy code that reads both tables during the copy; ids stored outside Convex must be remapped.",
});
