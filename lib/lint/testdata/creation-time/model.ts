import { locatedSchema, opt, req, table, V } from "../../../testing/model";

export default locatedSchema(
  table("orders", [req("total", V.number()), req("createdAt", V.number()), req("updatedAt", V.number())]),
  table("invoices", [
    req("total", V.number()),
    req("created_at", V.string()),
    opt("creationTime", V.number()),
    req("createdBy", V.string()),
  ]),
);
