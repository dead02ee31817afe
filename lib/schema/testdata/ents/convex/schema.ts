// A book club written with convex-ents: every kind of edge, field options, soft deletion and an ent made from a table.
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { defineEnt, defineEntFromTable, defineEntSchema, getEntDefinitions } from "convex-ents";

const schema = defineEntSchema(
  {
    members: defineEnt({ displayName: v.string() })
      .field("handle", v.string(), { unique: true })
      .field("joinedAt", v.number(), { index: true })
      .field("role", v.union(v.literal("reader"), v.literal("host")), { default: "reader" })
      // 1:1 stored on cards.memberId, 1:many stored on reviews.memberId
      .edge("card", { ref: true })
      .edges("reviews", { ref: true })
      // many:many with clubs.members: join table "members_to_clubs"
      .edges("clubs")
      // self-directed many:many with an inverse, and a symmetric one
      .edges("follows", { to: "members", inverse: "followedBy" })
      .edges("buddies", { to: "members" })
      .edge("avatar", { to: "_storage", field: "avatarId", optional: true })
      .index("by_name", ["displayName"])
      .deletion("soft"),

    cards: defineEnt({ number: v.string() }).edge("member", { deletion: "soft" }),

    clubs: defineEnt({ title: v.string() })
      .edges("members")
      .edges("books", { table: "club_reading_list", field: "clubId" }),

    books: defineEnt({ title: v.string(), summary: v.string(), embedding: v.array(v.float64()) })
      .edges("clubs", { table: "club_reading_list", field: "bookId" })
      .edges("reviews", { ref: "subjectId" })
      .searchIndex("search_summary", { searchField: "summary", filterFields: ["title"] })
      .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 3 }),

    reviews: defineEnt(
      v.union(
        v.object({ kind: v.literal("stars"), stars: v.number() }),
        v.object({ kind: v.literal("text"), body: v.string() }),
      ),
    )
      .edge("member")
      .edge("subject", { to: "books", field: "subjectId" })
      .index("by_kind", ["kind"]),

    auditLog: defineEntFromTable(
      defineTable({ action: v.string(), at: v.number() })
        .index("by_at", ["at"])
        .index("by_action", { fields: ["action"], staged: true }),
    ),
  },
  { schemaValidation: true },
);

export default schema;

export const entDefinitions = getEntDefinitions(schema);
