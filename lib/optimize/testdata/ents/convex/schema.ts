import { v } from "convex/values";
import { defineEnt, defineEntSchema, getEntDefinitions } from "convex-ents";

const schema = defineEntSchema({
  users: defineEnt({ name: v.string() })
    .field("email", v.string(), { unique: true })
    .edges("messages", { ref: true })
    .index("by_name", ["name"]),
  messages: defineEnt({ text: v.string(), likes: v.number() }).edge("user").index("by_likes", ["likes"]),
  tags: defineEnt({ label: v.string() }).index("by_label", ["label"]),
});

export default schema;
export const entDefinitions = getEntDefinitions(schema);
