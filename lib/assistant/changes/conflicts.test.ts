import { describe, expect, it } from "vitest";
import { designFromRequest } from "../designer/index";
import { req, schema, table, V } from "../../testing/model";
import { conflictingChanges } from "./conflicts";

const shop = schema(
  table("products", [req("title", V.string()), req("sku", V.string())]),
  table("orders", [req("total", V.number())]),
);

describe("a change request that contradicts itself", () => {
  it("asks when a table is dropped and changed in one request", () => {
    const p = designFromRequest("drop the products table and add a color field to products", shop);
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toMatch(/products/);
  });

  it("asks when one field is renamed to two names", () => {
    const q = conflictingChanges(shop, [
      { op: "renameField", table: "products", from: "sku", to: "code" },
      { op: "renameField", table: "products", from: "sku", to: "barcode" },
    ]);
    expect(q).toMatch(/"code" or to "barcode"/);
  });

  it("asks when a removed field is also indexed", () => {
    const q = conflictingChanges(shop, [
      { op: "removeField", table: "products", field: "sku" },
      { op: "addIndex", table: "products", index: { name: "by_sku", fields: ["sku"] } },
    ]);
    expect(q).toMatch(/products\.sku/);
  });

  it("lets a merge and a split through: they change other names than the ones they remove", () => {
    expect(
      conflictingChanges(shop, [
        { op: "addField", table: "orders", field: { name: "title", validator: { kind: "string" }, optional: true } },
        { op: "dropTable", table: "products" },
      ]),
    ).toBeUndefined();
    expect(
      conflictingChanges(shop, [
        { op: "createTable", table: "skus", fields: [{ name: "sku", validator: { kind: "string" }, optional: false }] },
        { op: "removeField", table: "products", field: "sku" },
      ]),
    ).toBeUndefined();
  });
});
