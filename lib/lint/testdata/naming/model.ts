import { schema, table, v } from "../build";

// Convention here: camelCase fields and plural tables.
export default schema(
  table("users", { firstName: v.string(), lastName: v.string(), email_address: v.string(), Nickname: v.optional(v.string()) }),
  table("teams", { displayName: v.string(), meta: v.object({ created_by: v.string() }) }),
  table("invoice", { amountCents: v.number() }),
  table("user_profiles", { bioText: v.string() }),
  table("data", { sampleValue: v.number() }),
  // Collections named as a whole are not "singular" slips.
  table("embeddings_cache", { vector: v.array(v.number()) }),
  table("search_history", { query: v.string() }),
  // Mass nouns are not singulars of a countable thing ("feedbacks", "anonymousUsages" read wrong).
  table("feedback", { text: v.string() }),
  table("anonymous_usage", { count: v.number() }),
);
