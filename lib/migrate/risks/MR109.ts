import { defineRisk } from "./types";

/** MR109: a search or vector index is redefined and will be rebuilt. */
export default defineRisk({
  code: "MR109",
  severity: "info",
  summary: "A search or vector index is redefined and will be rebuilt.",
  kinds: ["changeSearchIndex", "changeVectorIndex", "changeIndex"],
  applies: () => true,
  message: (c) =>
    `Index "${c.table}.${c.to.name}" is redefined and will be rebuilt; queries on it see the new definition only after the rebuild.`,
  safePath: "Add the new definition under a new name (staged), switch queries, then drop the old index.",
});
