import { defineRisk } from "./types";

/** MR105: an index that queries use is removed or redefined. */
export default defineRisk({
  code: "MR105",
  severity: "error",
  summary: "An index that queries use is removed or redefined.",
  kinds: ["dropIndex", "dropSearchIndex", "dropVectorIndex"],
  applies: (c, ctx) => (ctx.usedIndexes ?? []).includes(`${c.table}.${c.index.name}`),
  message: (c) => `Index "${c.table}.${c.index.name}" is removed but queries use it.`,
  safePath: "Change the queries to another index and deploy them before removing this one.",
});
