import { schema, table, v } from "../build";

export default schema(
  table("tags", { label: v.string() }),
  table("posts", { title: v.string(), tagIds: v.array(v.id("tags")) }),
  table("users", { name: v.string(), friendIds: v.array(v.id("users")), settings: v.object({ blocked: v.array(v.id("users")) }) }),
  table("postTags", { label: v.string() }),
);
