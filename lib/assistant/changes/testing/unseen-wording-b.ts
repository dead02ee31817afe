/**
 * A second held-out set (issue 17), written after the change reader existed and measured once before any rule was
 * changed for it: a shop schema and phrasings written without looking at the reader's rules.
 */
import type { SchemaOperation } from "../../../schema/operations";
import type { Field, SchemaModel, Table, Validator } from "../../../schema/model";
import { emptySchema } from "../../../schema/model";
import type { UnseenCase } from "./unseen-wording";

const s: Validator = { kind: "string" };
const n: Validator = { kind: "number" };
const b: Validator = { kind: "boolean" };
const id = (table: string): Validator => ({ kind: "id", table });
const union = (...values: string[]): Validator => ({
  kind: "union",
  members: values.map((value) => ({ kind: "literal", value })),
});
const f = (name: string, validator: Validator, optional = false): Field => ({ name, validator, optional });
const table = (name: string, fields: Field[], indexes: [string, string[]][] = [], search: string[] = []): Table => ({
  name,
  fields,
  indexes: indexes.map(([iname, fields]) => ({ name: iname, fields })),
  searchIndexes: search.map((field) => ({ name: `search_${field}`, searchField: field, filterFields: [] })),
  vectorIndexes: [],
});

export function shopSchema(): SchemaModel {
  return {
    ...emptySchema(),
    tables: [
      table(
        "customers",
        [
          f("fullName", s),
          f("email", s),
          f("phone", s, true),
          f("loyaltyTier", union("bronze", "silver", "gold")),
          f("signedUpAt", n),
          f("address", s, true),
          f("postcode", s, true),
        ],
        [["by_email", ["email"]]],
      ),
      table(
        "products",
        [
          f("title", s),
          f("sku", s),
          f("priceCents", n),
          f("stock", n),
          f("categoryId", id("categories")),
          f("isActive", b),
          f("imageUrl", s, true),
        ],
        [["by_categoryId", ["categoryId"]]],
        ["title"],
      ),
      table("categories", [f("label", s), f("slug", s), f("parentId", id("categories"), true)]),
      table(
        "orders",
        [
          f("customerId", id("customers")),
          f("status", union("pending", "paid", "shipped", "cancelled")),
          f("totalCents", n),
          f("placedAt", n),
          f("note", s, true),
          f("couponCode", s, true),
        ],
        [["by_customerId", ["customerId"]]],
      ),
      table(
        "orderItems",
        [f("orderId", id("orders")), f("productId", id("products")), f("quantity", n), f("unitPriceCents", n)],
        [["by_orderId", ["orderId"]]],
      ),
      table(
        "reviews",
        [
          f("productId", id("products")),
          f("customerId", id("customers")),
          f("rating", n),
          f("text", s, true),
          f("createdAt", n),
        ],
        [["by_productId", ["productId"]]],
      ),
      table("coupons", [f("code", s), f("percentOff", n), f("expiresAt", n, true), f("maxUses", n, true)]),
      table(
        "customerPrefs",
        [f("customerId", id("customers")), f("newsletter", b), f("language", s)],
        [["by_customerId", ["customerId"]]],
      ),
    ],
  };
}

const opt = (t: string, field: string, optional = true): SchemaOperation[][] => [
  [{ op: "setOptional", table: t, field, optional }],
];
const renameField = (t: string, from: string, to: string): SchemaOperation[][] => [
  [{ op: "renameField", table: t, from, to }],
];
const renameTable = (from: string, to: string): SchemaOperation[][] => [[{ op: "renameTable", from, to }]];
const added = (t: string, name: string, validator: Validator): SchemaOperation[][] =>
  [true, false].map((optional) => [{ op: "addField", table: t, field: { name, validator, optional } }]);
const relation = (t: string, target: string, singular: string): SchemaOperation[][] =>
  [`${singular}Id`, singular].flatMap((name) =>
    [true, false].flatMap((optional): SchemaOperation[][] => {
      const add: SchemaOperation = { op: "addField", table: t, field: { name, validator: id(target), optional } };
      return [[add], [add, { op: "addIndex", table: t, index: { name: `by_${name}`, fields: [name] } }]];
    }),
  );
const index = (t: string, ...fields: string[]): SchemaOperation[][] => [
  [{ op: "addIndex", table: t, index: { name: `by_${fields.join("_")}`, fields } }],
];
const softDelete = (t: string): SchemaOperation[][] =>
  (
    [
      ["deletedAt", n, true],
      ["isDeleted", b, true],
      ["isDeleted", b, false],
    ] as [string, Validator, boolean][]
  ).flatMap(([name, validator, optional]) => {
    const add: SchemaOperation = { op: "addField", table: t, field: { name, validator, optional } };
    return [[add], [add, { op: "addIndex", table: t, index: { name: `by_${name}`, fields: [name] } }]];
  });
const extend = (t: string, field: string, ...values: string[]): SchemaOperation[][] => [
  [{ op: "changeFieldType", table: t, field, validator: union(...values) }],
];
const search = (t: string, field: string): SchemaOperation[][] => [
  [{ op: "addSearchIndex", table: t, index: { name: `search_${field}`, searchField: field, filterFields: [] } }],
];
const remove = (t: string, field: string): SchemaOperation[][] => [[{ op: "removeField", table: t, field }]];
const split = (from: string, to: string, ref: string, moved: string[]): SchemaOperation[][] => {
  const source = shopSchema().tables.find((t) => t.name === from);
  const fields = moved.map((m) => source?.fields.find((x) => x.name === m) ?? f(m, s));
  const removes = moved.map((m): SchemaOperation => ({ op: "removeField", table: from, field: m }));
  const refField = f(ref, id(from));
  return [
    [
      { op: "createTable", table: to, fields: [refField, ...fields], indexes: [{ name: `by_${ref}`, fields: [ref] }] },
      ...removes,
    ],
    [{ op: "createTable", table: to, fields: [refField, ...fields] }, ...removes],
  ];
};
const mergePrefs: SchemaOperation[][] = [
  [
    { op: "addField", table: "customers", field: f("newsletter", b, true) },
    { op: "addField", table: "customers", field: f("language", s, true) },
    { op: "dropTable", table: "customerPrefs" },
  ],
];
const allTables = [
  "customers",
  "products",
  "categories",
  "orders",
  "orderItems",
  "reviews",
  "coupons",
  "customerPrefs",
];

export const SHOP_CASES: UnseenCase[] = [
  {
    kind: "setOptional",
    request: "sometimes we don't know the customer's full name, so allow it to be empty",
    accept: opt("customers", "fullName"),
  },
  {
    kind: "setOptional",
    request: "orders placed by phone have no total yet — make total cents optional",
    accept: opt("orders", "totalCents"),
  },
  { kind: "setOptional", request: "products can exist without a sku", accept: opt("products", "sku") },
  { kind: "setOptional", request: "mark coupons.percentOff as optional", accept: opt("coupons", "percentOff") },
  {
    kind: "setRequired",
    request: "coupons must have an expiresAt value",
    accept: opt("coupons", "expiresAt", false),
  },
  {
    kind: "setRequired",
    request: "phone number should be required for customers",
    accept: opt("customers", "phone", false),
  },
  { kind: "setRequired", request: "from now on an order always has a note", accept: opt("orders", "note", false) },
  { kind: "setRequired", request: "make image url mandatory on products", accept: opt("products", "imageUrl", false) },
  {
    kind: "renameField",
    request: "rename fullName to name on customers",
    accept: renameField("customers", "fullName", "name"),
  },
  {
    kind: "renameField",
    request: "on products, priceCents → price",
    accept: renameField("products", "priceCents", "price"),
  },
  {
    kind: "renameField",
    request: "call the rating of reviews 'stars'",
    accept: renameField("reviews", "rating", "stars"),
  },
  {
    kind: "renameField",
    request: "the text field in reviews should be renamed to body",
    accept: renameField("reviews", "text", "body"),
  },
  {
    kind: "renameTable",
    request: "orderItems should be called lineItems",
    accept: renameTable("orderItems", "lineItems"),
  },
  { kind: "renameTable", request: "rename coupons → discounts", accept: renameTable("coupons", "discounts") },
  { kind: "renameTable", request: "let's name the reviews table feedback", accept: renameTable("reviews", "feedback") },
  { kind: "addField", request: "give products a weight (number)", accept: added("products", "weight", n) },
  { kind: "addField", request: "orders need a trackingNumber string", accept: added("orders", "trackingNumber", s) },
  { kind: "addField", request: "add a boolean called giftWrap to orders", accept: added("orders", "giftWrap", b) },
  { kind: "addField", request: "customers should get a birthday date", accept: added("customers", "birthday", n) },
  {
    kind: "addRelation",
    request: "each coupon belongs to a customer",
    accept: relation("coupons", "customers", "customer"),
  },
  {
    kind: "addRelation",
    request: "reviews should be linked to the order too",
    accept: relation("reviews", "orders", "order"),
  },
  {
    kind: "addRelation",
    request: "coupons can point at a category",
    accept: relation("coupons", "categories", "category"),
  },
  { kind: "addIndex", request: "we look up products by sku constantly", accept: index("products", "sku") },
  {
    kind: "addIndex",
    request: "fetching orders by status and placedAt is slow",
    accept: index("orders", "status", "placedAt"),
  },
  { kind: "addIndex", request: "index reviews by rating", accept: index("reviews", "rating") },
  { kind: "addIndex", request: "list coupons by their code", accept: index("coupons", "code") },
  {
    kind: "softDelete",
    request: "never really delete orders; mark them deleted",
    accept: softDelete("orders"),
  },
  { kind: "softDelete", request: "reviews need soft delete", accept: softDelete("reviews") },
  { kind: "softDelete", request: "let admins undo deleting a coupon", accept: softDelete("coupons") },
  {
    kind: "enumNew",
    request: "orders get a channel: web, mobile or store",
    accept: added("orders", "channel", union("web", "mobile", "store")),
  },
  {
    kind: "enumNew",
    request: "add a size to products: small, medium, large",
    accept: added("products", "size", union("small", "medium", "large")),
  },
  {
    kind: "enumNew",
    request: "customers have a contact preference which can be email, sms or phone",
    accept: added("customers", "contactPreference", union("email", "sms", "phone")),
  },
  {
    kind: "enumExtend",
    request: "refunded is also a possible order status",
    accept: extend("orders", "status", "pending", "paid", "shipped", "cancelled", "refunded"),
  },
  {
    kind: "enumExtend",
    request: "add platinum to the loyalty tiers",
    accept: extend("customers", "loyaltyTier", "bronze", "silver", "gold", "platinum"),
  },
  {
    kind: "enumExtend",
    request: "customers can be diamond tier too",
    accept: extend("customers", "loyaltyTier", "bronze", "silver", "gold", "diamond"),
  },
  {
    kind: "search",
    request: "customers need to be searchable by full name",
    accept: search("customers", "fullName"),
  },
  { kind: "search", request: "add keyword search over review text", accept: search("reviews", "text") },
  { kind: "search", request: "let shoppers search categories by label", accept: search("categories", "label") },
  { kind: "removeField", request: "drop couponCode from orders", accept: remove("orders", "couponCode") },
  {
    kind: "removeField",
    request: "the postcode on customers is useless, remove it",
    accept: remove("customers", "postcode"),
  },
  { kind: "removeField", request: "we stopped using maxUses on coupons", accept: remove("coupons", "maxUses") },
  {
    kind: "split",
    request: "move address and postcode from customers into a customerAddresses table",
    accept: split("customers", "customerAddresses", "customerId", ["address", "postcode"]),
  },
  {
    kind: "split",
    request: "pull priceCents and stock out of products into productInventory, with a reference to the product",
    accept: split("products", "productInventory", "productId", ["priceCents", "stock"]),
  },
  { kind: "merge", request: "fold customerPrefs into customers", accept: mergePrefs },
  {
    kind: "merge",
    request: "customer prefs can just live on customers, get rid of the prefs table",
    accept: mergePrefs,
  },
  { kind: "alreadyDone", request: "index products by category", already: true },
  { kind: "alreadyDone", request: "make the note on orders optional", already: true },
  { kind: "alreadyDone", request: "allow cancelled as an order status", already: true },
  { kind: "alreadyDone", request: "customers need an email field", already: true },
  { kind: "alreadyDone", request: "search products by title", already: true },
  { kind: "offTopic", request: "what's a good name for a cat" },
  { kind: "offTopic", request: "how many calories are in an apple" },
  { kind: "offTopic", request: "tell me about the roman empire" },
  {
    kind: "contradictory",
    request: "the sku on products must be required and optional",
    mentions: ["products", "sku"],
  },
  {
    kind: "contradictory",
    request: "delete stock from products but keep it required",
    mentions: ["products", "stock"],
  },
  {
    kind: "contradictory",
    request: "rename customers to clients and keep calling them customers",
    mentions: ["customers", "clients"],
  },
  { kind: "ambiguous", request: "rename productId to item", mentions: ["orderItems", "reviews"] },
  { kind: "ambiguous", request: "make customerId optional", mentions: ["orders", "reviews", "customerPrefs"] },
  { kind: "ambiguous", request: "add a discount", mentions: allTables },
  {
    kind: "ambiguous",
    request: "add an index on orders",
    mentions: ["customerId", "status", "totalCents", "placedAt", "note", "couponCode"],
  },
];
