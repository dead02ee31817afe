/**
 * Rules of the change reader for notations and whole messages (issue 17), with phrasings of our own, both ways in
 * (the designer and the chat):
 * - notations stand for plain commands: "T.f: optional -> required", "a -> b (table rename)", sed's "s/a/b/",
 *   "rename field: table=T from=a to=b", a commit prefix before "T.f (type)", "T: new field f: type", "new field
 *   on T: f type", "string[]" and "array of strings", a union written as code;
 * - a message's bullets are sentences; a table said once (a heading, "for T we need …", the change just read) is
 *   the scope of the sentences after it that name none; the heading, reasons and context ask for nothing;
 * - "require X, then remove Y" applies both (no question whether X is required);
 * - a message that only refuses an operation ("don't index members by email") changes nothing;
 * - values written in capitals keep the user's case.
 */
import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../../schema/model";
import { schema, table, opt, req, V } from "../../testing/model";
import { designFromRequest } from "../designer/index";
import { answerTurn } from "../turn/index";
import type { Proposal } from "../types";

type Answer = (request: string, schema: SchemaModel) => Proposal;
const ways: [string, Answer][] = [
  ["designer", (r, s) => designFromRequest(r, s)],
  ["chat", (r, s) => answerTurn(r, { schema: s })],
];

function shop(): SchemaModel {
  return schema(
    table("orders", [
      req("total", V.number()),
      opt("note", V.string()),
      req("status", V.union(V.literal("open"), V.literal("paid"))),
      opt("coupon", V.string()),
    ]),
    table("customers", [req("email", V.string()), opt("phone", V.string())]),
    table("invoices", [req("dueAt", V.number()), req("state", V.union(V.literal("draft"), V.literal("sent")))]),
  );
}

function check(cases: [string, unknown[]][]) {
  for (const [way, answer] of ways)
    it(way, () => {
      for (const [request, operations] of cases) {
        const p = answer(request, shop());
        expect(p.operations, request).toEqual(operations);
        expect(p.questions, request).toEqual([]);
      }
    });
}

describe("notations stand for plain commands", () => {
  check([
    ["orders.note: optional -> required", [{ op: "setOptional", table: "orders", field: "note", optional: false }]],
    ["customers -> clients (table rename)", [{ op: "renameTable", from: "customers", to: "clients" }]],
    ["s/note/remark/ on orders", [{ op: "renameField", table: "orders", from: "note", to: "remark" }]],
    ["s/customers/clients/ for the table name pls", [{ op: "renameTable", from: "customers", to: "clients" }]],
    [
      "rename field: table=orders from=note to=remark",
      [{ op: "renameField", table: "orders", from: "note", to: "remark" }],
    ],
    [
      "orders: note -> remark; also delete coupon",
      [
        { op: "renameField", table: "orders", from: "note", to: "remark" },
        { op: "removeField", table: "orders", field: "coupon" },
      ],
    ],
    [
      "feat(schema): orders.color (text)",
      [{ op: "addField", table: "orders", field: { name: "color", validator: V.string(), optional: true } }],
    ],
    [
      "new field on orders: giftWrap boolean",
      [{ op: "addField", table: "orders", field: { name: "giftWrap", validator: V.boolean(), optional: true } }],
    ],
    [
      "customers: new field tags: array of strings",
      [{ op: "addField", table: "customers", field: { name: "tags", validator: V.array(V.string()), optional: true } }],
    ],
    [
      "i want customers have labels, it is string[]",
      [
        {
          op: "addField",
          table: "customers",
          field: { name: "labels", validator: V.array(V.string()), optional: true },
        },
      ],
    ],
    [
      'customers.tier = v.union(v.literal("free"), v.literal("pro"))',
      [
        {
          op: "addField",
          table: "customers",
          field: { name: "tier", validator: V.union(V.literal("free"), V.literal("pro")), optional: true },
        },
      ],
    ],
  ]);
});

describe("a message's bullets, its heading and the table it names once", () => {
  check([
    [
      "Schema cleanup for orders:\n- make total optional\n- remove coupon",
      [
        { op: "setOptional", table: "orders", field: "total", optional: true },
        { op: "removeField", table: "orders", field: "coupon" },
      ],
    ],
    [
      "ok so for orders we need two small changes. rename note to remark. and coupon is not used anymore so remove it",
      [
        { op: "renameField", table: "orders", from: "note", to: "remark" },
        { op: "removeField", table: "orders", field: "coupon" },
      ],
    ],
    [
      "Can phone be required on customers? Legacy imports always have it and the support team keeps asking.",
      [{ op: "setOptional", table: "customers", field: "phone", optional: false }],
    ],
  ]);
});

describe("clause grammar: a user story's role, discourse markers, a type or values said in the next sentence", () => {
  check([
    [
      "As a support agent I want to store rating on each customer. Type: number.",
      [{ op: "addField", table: "customers", field: { name: "rating", validator: V.number(), optional: true } }],
    ],
    [
      "please add to customers a field nickname, type is string",
      [{ op: "addField", table: "customers", field: { name: "nickname", validator: V.string(), optional: true } }],
    ],
    [
      "Some background first. Long story short, orders needs a weight field (int). Nothing else for now.",
      [{ op: "addField", table: "orders", field: { name: "weight", validator: V.number(), optional: true } }],
    ],
    [
      "Can orders get a size field? Values: small/medium/large",
      [
        {
          op: "addField",
          table: "orders",
          field: {
            name: "size",
            validator: V.union(V.literal("small"), V.literal("medium"), V.literal("large")),
            optional: true,
          },
        },
      ],
    ],
    ["Can we get rid of coupon on orders?", [{ op: "removeField", table: "orders", field: "coupon" }]],
    [
      "note in orders should be obligatory, is not ok to be empty",
      [{ op: "setOptional", table: "orders", field: "note", optional: false }],
    ],
    [
      "please make total not obligatory in the orders table",
      [{ op: "setOptional", table: "orders", field: "total", optional: true }],
    ],
    [
      "As a maintainer I want the table customers renamed to clients.",
      [{ op: "renameTable", from: "customers", to: "clients" }],
    ],
    ["the table customers should be clients too", [{ op: "renameTable", from: "customers", to: "clients" }]],
    [
      "phone should be phoneNumber in customers",
      [{ op: "renameField", table: "customers", from: "phone", to: "phoneNumber" }],
    ],
    [
      "index on customers (email, phone) please, in that order",
      [{ op: "addIndex", table: "customers", index: { name: "by_email_and_phone", fields: ["email", "phone"] } }],
    ],
  ]);
});

describe("a field named in a sentence before, 'it' after; a new field's presence said after it", () => {
  check([
    [
      "In the retro we looked at the coupon column on orders. It was for an experiment that ended. Let's remove it.",
      [{ op: "removeField", table: "orders", field: "coupon" }],
    ],
    [
      'The naming in orders is confusing. People keep asking what "note" means. We agreed to rename it to remark.',
      [{ op: "renameField", table: "orders", from: "note", to: "remark" }],
    ],
    [
      "add weight (number) on orders, every row must have it",
      [{ op: "addField", table: "orders", field: { name: "weight", validator: V.number(), optional: false } }],
    ],
    [
      "add is gift to orders, a boolean, not optional",
      [{ op: "addField", table: "orders", field: { name: "isGift", validator: V.boolean(), optional: false } }],
    ],
    [
      "Can we add a yes/no flag isGift to orders?",
      [{ op: "addField", table: "orders", field: { name: "isGift", validator: V.boolean(), optional: true } }],
    ],
    ["nit: total should be optional", [{ op: "setOptional", table: "orders", field: "total", optional: true }]],
  ]);
});

describe("comma-joined clauses are read one by one; search by typing part of a field", () => {
  check([
    [
      "rename note to remark, and total should be optional",
      [
        { op: "renameField", table: "orders", from: "note", to: "remark" },
        { op: "setOptional", table: "orders", field: "total", optional: true },
      ],
    ],
    [
      "I want to find orders by typing part of their note",
      [
        {
          op: "addSearchIndex",
          table: "orders",
          index: { name: "search_note", searchField: "note", filterFields: [] },
        },
      ],
    ],
  ]);
  for (const [way, answer] of ways)
    it(`${way}: a list of values and a clause about "it" stay whole`, () => {
      const p = answer("make phone required on customers, and it can be blank", shop());
      expect(p.operations).toEqual([]);
      expect(p.questions.join(" ")).toContain("phone");
      const q = answer("each customer has a tier which can be free, pro or team", shop());
      expect(q.operations).toEqual([
        {
          op: "addField",
          table: "customers",
          field: {
            name: "tier",
            validator: V.union(V.literal("free"), V.literal("pro"), V.literal("team")),
            optional: true,
          },
        },
      ]);
    });
});

describe("relations and index wishes said as notations; a value set that the list lacks", () => {
  const ref = (t: string, f: string, to: string) => [
    { op: "addField", table: t, field: { name: f, validator: V.id(to), optional: true } },
    { op: "addIndex", table: t, index: { name: `by_${f}`, fields: [f] } },
  ];
  check([
    ["add a customers ref to invoices", ref("invoices", "customerId", "customers")],
    ["we need a foreign key from invoices to customers", ref("invoices", "customerId", "customers")],
    ["every invoice has one customer, please add the link", ref("invoices", "customerId", "customers")],
    [
      "the query invoices where dueAt == x is slow, we need index for it",
      [{ op: "addIndex", table: "invoices", index: { name: "by_dueAt", fields: ["dueAt"] } }],
    ],
    [
      "we query customers filtered by email and then by phone, add an index for it",
      [{ op: "addIndex", table: "customers", index: { name: "by_email_and_phone", fields: ["email", "phone"] } }],
    ],
    [
      "As an admin I need to set an invoice's state to void.",
      [
        {
          op: "changeFieldType",
          table: "invoices",
          field: "state",
          validator: V.union(V.literal("draft"), V.literal("sent"), V.literal("void")),
        },
      ],
    ],
    [
      "As a user I want to store tags on each customer. Type: list of strings.",
      [{ op: "addField", table: "customers", field: { name: "tags", validator: V.array(V.string()), optional: true } }],
    ],
  ]);
});

describe("a field's new name said with a naming verb; a reversible delete is a soft delete", () => {
  check([
    [
      "the email field on a customer should be named contact email",
      [{ op: "renameField", table: "customers", from: "email", to: "contactEmail" }],
    ],
    [
      "we have to keep customers for audits even after they're deleted, so make deletion soft",
      [
        { op: "addField", table: "customers", field: expect.objectContaining({ name: "deletedAt", optional: true }) },
        { op: "addIndex", table: "customers", index: { name: "by_deletedAt", fields: ["deletedAt"] } },
      ],
    ],
  ]);
});

describe("a new field's name written as code keeps its whole name; a possessive owns the name", () => {
  check([
    [
      "add closedAt to customers",
      [{ op: "addField", table: "customers", field: { name: "closedAt", validator: V.number(), optional: true } }],
    ],
    [
      "add isVip to customers",
      [{ op: "addField", table: "customers", field: { name: "isVip", validator: V.boolean(), optional: true } }],
    ],
    [
      "we also want to know each customer's signup source (text)",
      [{ op: "addField", table: "customers", field: { name: "signupSource", validator: V.string(), optional: true } }],
    ],
  ]);
});

describe("a table's new name said as a preference", () => {
  check([
    ["customers is a bad name, use clients", [{ op: "renameTable", from: "customers", to: "clients" }]],
    ["I'd prefer clients over customers as the table name", [{ op: "renameTable", from: "customers", to: "clients" }]],
    [
      "We've started calling customers clients in the product. Rename the table so the code matches.",
      [{ op: "renameTable", from: "customers", to: "clients" }],
    ],
  ]);
});

describe("presence said with negations and questions", () => {
  check([
    [
      "coupon on orders doesn't have to be filled, and total doesn't have to be set",
      [{ op: "setOptional", table: "orders", field: "total", optional: true }],
    ],
    [
      "why is email required on customers? it shouldn't be. fix pls",
      [{ op: "setOptional", table: "customers", field: "email", optional: true }],
    ],
    ["let email be empty for customers", [{ op: "setOptional", table: "customers", field: "email", optional: true }]],
  ]);
});

describe("a table called orders is no order", () => {
  check([
    [
      "index orders by status and total",
      [{ op: "addIndex", table: "orders", index: { name: "by_status_and_total", fields: ["status", "total"] } }],
    ],
  ]);
});

describe("a field required, then another removed: both applied, no question", () => {
  check([
    [
      "require the phone on customers, then remove email",
      [
        { op: "setOptional", table: "customers", field: "phone", optional: false },
        { op: "removeField", table: "customers", field: "email" },
      ],
    ],
  ]);
});

describe("a message that only refuses changes nothing", () => {
  for (const [way, answer] of ways)
    it(way, () => {
      for (const request of [
        "don't index customers by email",
        "no index on email please",
        "don't index customers by email. no index on email please",
      ]) {
        const p = answer(request, shop());
        expect(p.operations, request).toEqual([]);
      }
      const p = answer("index customers by phone. don't index customers by email", shop());
      expect(p.operations).toEqual([
        { op: "addIndex", table: "customers", index: { name: "by_phone", fields: ["phone"] } },
      ]);
    });
});

describe("values written in capitals keep the user's case", () => {
  check([
    [
      "add REFUNDED to the status of orders",
      [
        {
          op: "changeFieldType",
          table: "orders",
          field: "status",
          validator: V.union(V.literal("open"), V.literal("paid"), V.literal("REFUNDED")),
        },
      ],
    ],
    [
      "give customers a tier (FREE, PRO)",
      [
        {
          op: "addField",
          table: "customers",
          field: { name: "tier", validator: V.union(V.literal("FREE"), V.literal("PRO")), optional: true },
        },
      ],
    ],
  ]);
});
