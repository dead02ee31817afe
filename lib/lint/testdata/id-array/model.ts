import { locatedSchema, req, table, V } from "../../../testing/model";

export default locatedSchema(
  table("tags", [req("label", V.string())]),
  table("posts", [req("title", V.string()), req("tagIds", V.array(V.id("tags")))]),
  table("users", [
    req("name", V.string()),
    req("friendIds", V.array(V.id("users"))),
    req("settings", V.object(req("blocked", V.array(V.id("users"))))),
  ]),
  table("postTags", [req("label", V.string())]),
);
