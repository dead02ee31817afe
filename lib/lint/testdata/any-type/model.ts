import { locatedSchema, req, table, V } from "../../../testing/model";

export default locatedSchema(
  table("events", [
    req("kind", V.string()),
    req("payload", V.any()),
    req("extras", V.array(V.any())),
    req("attrs", V.record(V.string(), V.any())),
  ]),
  table("blobs", [], {}, { anyDocument: true }),
);
