import { locatedSchema, opt, req, table, V } from "../../../testing/model";

// tags is an array: by_tags cannot find posts by one tag; by_title is fine.
export default locatedSchema(
  table(
    "posts",
    [
      req("title", V.string()),
      req("tags", V.array(V.string())),
      req("meta", V.object(opt("labels", V.array(V.string())))),
    ],
    { by_tags: ["tags"], by_title: ["title"], by_labels: ["meta.labels"] },
  ),
);
