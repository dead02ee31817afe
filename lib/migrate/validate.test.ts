import { describe, expect, it } from "vitest";
import { opt, req, schema, table, V } from "../testing/model";
import { validateDocument } from "./validate";

const model = schema(
  table("messages", [req("author", V.string()), opt("tags", V.array(V.string())), req("n", V.int64())]),
);

describe("validateDocument", () => {
  it("01 valid document (system fields allowed)", () => {
    expect(validateDocument(model, "messages", { _id: "m1", _creationTime: 1, author: "a", n: 1n })).toStrictEqual([]);
  });
  it("02 missing required field, Convex wording", () => {
    expect(validateDocument(model, "messages", { _id: "m1", n: 1n })).toStrictEqual([
      {
        code: "missingField",
        table: "messages",
        documentId: "m1",
        path: "",
        field: "author",
        message:
          'Document with ID "m1" in table "messages" does not match the schema: Object is missing the required field `author`. Consider wrapping the field validator in `v.optional(...)` if this is expected.',
      },
    ]);
  });
  it("03 wrong value with path into arrays", () => {
    const [e] = validateDocument(model, "messages", { _id: "m2", author: "a", n: 1n, tags: ["x", 3] });
    expect(e.code).toBe("mismatch");
    expect(e.path).toBe(".tags[1]");
    expect(e.field).toBe("tags");
    expect(e.message).toContain("Value does not match validator.\nPath: .tags[1]\nValue: 3\nValidator: v.string()");
  });
  it("04 extra field", () => {
    expect(
      validateDocument(model, "messages", { _id: "m3", author: "a", n: 2n, x: 1 }).map((e) => e.code),
    ).toStrictEqual(["extraField"]);
  });
  it("05 number is not int64", () => {
    expect(validateDocument(model, "messages", { _id: "m4", author: "a", n: 1 }).map((e) => e.path)).toStrictEqual([
      ".n",
    ]);
  });
  it("06 unknown table and schemaValidation off", () => {
    expect(validateDocument(model, "nope", { _id: "x" })[0].code).toBe("unknownTable");
    const off = { ...model, options: { ...model.options, schemaValidation: false } };
    expect(validateDocument(off, "messages", { _id: "m5" })).toStrictEqual([]);
  });
  it("07 ids checked against their table when decodable", () => {
    const m = schema(table("t", [req("u", V.id("users"))]), table("users", []));
    const idTable = (id: string) => id.split("|")[0];
    expect(validateDocument(m, "t", { _id: "t|1", u: "users|1" }, { idTable })).toStrictEqual([]);
    expect(validateDocument(m, "t", { _id: "t|1", u: "teams|1" }, { idTable })[0].code).toBe("mismatch");
  });
});
