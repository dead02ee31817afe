import { locatedSchema, req, table, V } from "../../../testing/model";

export default locatedSchema(
  table("_secrets", [req("value", V.string())]),
  table("bad-table", [req("value", V.string())]),
  table(
    "notes",
    [
      req("_owner", V.string()),
      req("$tag", V.string()),
      req("body", V.object(req("_inner", V.string()), req("plain key", V.string()))),
    ],
    { by_id: ["body.plain key"], by_creation_time: ["_owner"], _hidden: ["$tag"], "bad-name": ["_owner"] },
  ),
);
