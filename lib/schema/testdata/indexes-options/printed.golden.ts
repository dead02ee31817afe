import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema(
  {
    articles: defineTable({
      title: v.string(),
      body: v.string(),
      authorId: v.id("authors"),
      category: v.string(),
      publishedAt: v.optional(v.number()),
      embedding: v.array(v.number()),
      meta: v.object({ lang: v.string(), words: v.number() }),
    })
      .index("by_author", ["authorId"])
      .index("by_category_published", ["category", "publishedAt"])
      .index("by_meta_lang", { fields: ["meta.lang"], staged: true })
      .searchIndex("search_body", { searchField: "body", filterFields: ["category", "authorId"] })
      .searchIndex("search_title", { searchField: "title", staged: true })
      .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 768, filterFields: ["category"] })
      .vectorIndex("by_embedding_staged", { vectorField: "embedding", dimensions: 768, staged: true }),

    authors: defineTable({
      name: v.string(),
      createdAt: v.number(),
    })
      .index("by_creation", ["createdAt"]),
  },
  { schemaValidation: false, strictTableNameTypes: false },
);
