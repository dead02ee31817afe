import { locatedSchema, opt, req, table, V } from "../../../testing/model";

export default locatedSchema(
  table(
    "documents",
    [req("title", V.string()), opt("deletedAt", V.number()), opt("meta", V.object(req("folder", V.string())))],
    { by_deleted: ["deletedAt"], by_folder: ["meta.folder"], by_title_deleted: ["title", "deletedAt"] },
  ),
);
