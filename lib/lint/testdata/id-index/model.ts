import { schema, table, v } from "../build";

// ownerId: only a compound index not led by it → reported; projectId: led by an index → fine;
// meta.reviewerId: nested reference, indexable by dotted path → reported; parentId nullable → reported.
export default schema(
  table("users", { name: v.string() }),
  table("projects", { name: v.string() }),
  table(
    "tasks",
    {
      title: v.string(),
      ownerId: v.id("users"),
      projectId: v.id("projects"),
      parentId: v.union(v.id("tasks"), v.null()),
      meta: v.object({ reviewerId: v.id("users") }),
    },
    { indexes: { by_project: ["projectId"], by_project_owner: ["projectId", "ownerId"], by_ownerId: ["title"] } },
  ),
);
