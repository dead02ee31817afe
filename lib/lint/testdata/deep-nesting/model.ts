import { locatedSchema, req, table, V } from "../../../testing/model";

// config nests object → object → array → object: 4 levels, more than the default 3; flat nests 1.
export default locatedSchema(
  table("settings", [
    req("config", V.object(req("theme", V.object(req("palettes", V.array(V.object(req("name", V.string())))))))),
    req("flat", V.object(req("a", V.string()))),
  ]),
);
