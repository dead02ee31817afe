import { locatedSchema, req, table, V } from "../../../testing/model";

// ownerId: only a compound index not led by it → reported; projectId: led by an index → fine;
// meta.reviewerId: nested reference, indexable by dotted path → reported; parentId nullable → reported.
export default locatedSchema(
  table("users", [req("name", V.string())]),
  table("projects", [req("name", V.string())]),
  table(
    "tasks",
    [
      req("title", V.string()),
      req("ownerId", V.id("users")),
      req("projectId", V.id("projects")),
      req("parentId", V.union(V.id("tasks"), V.null())),
      req("meta", V.object(req("reviewerId", V.id("users")))),
    ],
    { by_project: ["projectId"], by_project_owner: ["projectId", "ownerId"], by_ownerId: ["title"] },
  ),
);
