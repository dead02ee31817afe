import { locatedSchema, req, table, V } from "../../../testing/model";

export default locatedSchema(
  table("projects", [req("name", V.string()), req("meta", V.object(req("kind", V.string())))], {
    by_kind: ["meta.kind"],
    by_owner: ["ownerId"],
    by_meta_color: ["meta.color"],
    by_name_time: ["name", "_creationTime"],
  }),
);
