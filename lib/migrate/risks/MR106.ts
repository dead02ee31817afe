import { defineRisk, hasDefault, mayMissField } from "./types";

/** MR106: an optional field becomes required while some documents lack it. */
export default defineRisk({
  code: "MR106",
  severity: "error",
  summary: "An optional field becomes required while some documents lack it.",
  kinds: ["makeRequired"],
  applies: (c, ctx) => mayMissField(ctx, c.table, c.field) && !hasDefault(ctx, c.table, c.field),
  message: (c) => `Field "${c.table}.${c.field}" becomes required but some documents do not have it.`,
  safePath: "Give a default (--default table.field=VALUE) for the backfill, or keep the field optional.",
});
