import { locatedSchema, opt, req, table, V } from "../../../testing/model";

// Convention here: camelCase fields and plural tables.
export default locatedSchema(
  table("users", [
    req("firstName", V.string()),
    req("lastName", V.string()),
    req("email_address", V.string()),
    opt("Nickname", V.string()),
  ]),
  table("teams", [req("displayName", V.string()), req("meta", V.object(req("created_by", V.string())))]),
  table("invoice", [req("amountCents", V.number())]),
  table("user_profiles", [req("bioText", V.string())]),
  table("data", [req("sampleValue", V.number())]),
  // Collections named as a whole are not "singular" slips.
  table("embeddings_cache", [req("vector", V.array(V.number()))]),
  table("search_history", [req("query", V.string())]),
  // Mass nouns are not singulars of a countable thing ("feedbacks", "anonymousUsages" read wrong).
  table("feedback", [req("text", V.string())]),
  table("anonymous_usage", [req("count", V.number())]),
);
