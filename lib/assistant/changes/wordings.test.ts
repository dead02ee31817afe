/**
 * General wording rules of the change reader, with phrasings of our own over the library schema, both ways in:
 * slips in the words of a change ("renmae", "optinal"), renames said without "rename" ("X should be codeName",
 * "I'd prefer X over Y", "X is a better name for T", "change the name of X to Y", "… everywhere"), a modifier and a
 * type of a new field said around it ("an optional X (string)", ", type text", "— a number"), an index on fields
 * said before their table ("index X on T"), and a removal followed in the next sentence by a change of the same
 * field (a contradiction: no operation, a question).
 */
import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import { req, schema, table, V } from "../../testing/model";
import { designFromRequest } from "../designer/index";
import { answerTurn } from "../turn/index";
import { readRequest } from "./reader";
import type { Proposal } from "../types";
import { libSchema } from "./testing/contradictions";

type Answer = (request: string, schema: SchemaModel) => Proposal;
const ways: [string, Answer][] = [
  ["designer", (r, s) => designFromRequest(r, s)],
  ["chat", (r, s) => answerTurn(r, { schema: s })],
];

const cases: [string, SchemaOperation][] = [
  ["renmae phone to mobile on members", { op: "renameField", table: "members", from: "phone", to: "mobile" }],
  ["make the isbn of books optinal", { op: "setOptional", table: "books", field: "isbn", optional: true }],
  [
    "change the name of fullName in members to displayName, nothing else",
    { op: "renameField", table: "members", from: "fullName", to: "displayName" },
  ],
  [
    "phone in members needs to become mobilePhone",
    { op: "renameField", table: "members", from: "phone", to: "mobilePhone" },
  ],
  [
    "I'd prefer mobile over phone in the members table",
    { op: "renameField", table: "members", from: "phone", to: "mobile" },
  ],
  ["the loans table should be called borrowings everywhere", { op: "renameTable", from: "loans", to: "borrowings" }],
  ["patrons is a better name for the members table, switch it", { op: "renameTable", from: "members", to: "patrons" }],
  [
    "add an optional isbn13 (string) to books",
    { op: "addField", table: "books", field: { name: "isbn13", validator: { kind: "string" }, optional: true } },
  ],
  [
    "add a required isLocked to members, a boolean",
    { op: "addField", table: "members", field: { name: "isLocked", validator: { kind: "boolean" }, optional: false } },
  ],
  [
    "please add timezone to members, type text",
    { op: "addField", table: "members", field: { name: "timezone", validator: { kind: "string" }, optional: true } },
  ],
  [
    "I want every member to have rank — a number",
    { op: "addField", table: "members", field: { name: "rank", validator: { kind: "number" }, optional: true } },
  ],
  [
    "please index returnedAt on loans",
    { op: "addIndex", table: "loans", index: { name: "by_returnedAt", fields: ["returnedAt"] } },
  ],
  [
    "it'd be nice if members had an accent color. a string is fine",
    { op: "addField", table: "members", field: { name: "accentColor", validator: { kind: "string" }, optional: true } },
  ],
  [
    "we're adding share count to books for the new dashboard; it holds an integer",
    { op: "addField", table: "books", field: { name: "shareCount", validator: { kind: "number" }, optional: true } },
  ],
  [
    "can loans get a durationMs field? it's an integer",
    { op: "addField", table: "loans", field: { name: "durationMs", validator: { kind: "number" }, optional: true } },
  ],
  [
    "we need to store a starred on each book, true/false",
    { op: "addField", table: "books", field: { name: "starred", validator: { kind: "boolean" }, optional: true } },
  ],
  [
    "members may have a retry count — a number (int), not required",
    { op: "addField", table: "members", field: { name: "retryCount", validator: { kind: "number" }, optional: true } },
  ],
  [
    "change the name of title in books to heading, nothing else",
    { op: "renameField", table: "books", from: "title", to: "heading" },
  ],
  [
    'we should call book subtitle "tagline" — matches what the frontend uses',
    { op: "renameField", table: "books", from: "subtitle", to: "tagline" },
  ],
];

describe("wordings read as one change", () => {
  for (const [way, answer] of ways)
    it(way, () => {
      for (const [request, op] of cases) {
        const p = answer(request, libSchema());
        expect(p.questions, request).toEqual([]);
        expect(p.operations, request).toEqual([op]);
      }
    });
});

describe("values and names around a list field", () => {
  const loans = () =>
    schema(
      table("members", [req("fullName", V.string()), req("name", V.string())]),
      table("loans", [
        req("status", V.union(V.literal("out"), V.literal("returned"))),
        req("state", V.union(V.literal("OPEN"), V.literal("CLOSED"))),
      ]),
    );
  it("reads the value, the list and the name as written", () => {
    expect(readRequest("can a loan's status be overdue too?", loans())).toBe("add overdue to the status of loans");
    expect(readRequest("add on_hold as a possible status for loans", loans())).toBe(
      "add on_hold to the status of loans",
    );
    expect(readRequest("Besides OPEN, CLOSED, the state of loans should accept LOST.", loans())).toBe(
      "add LOST to the state of loans",
    );
    expect(readRequest("change the name of fullName in members to displayName", loans())).toBe(
      "rename fullName on members to displayName",
    );
    expect(readRequest("new field on members: internalNote, plain text", loans())).toBe(
      "add internalNote (text) to members",
    );
  });
});

describe("relations said without 'reference'", () => {
  it("reads which table references which", () => {
    for (const [request, read] of [
      ["please connect loans with members (many loans per member)", "loans references members"],
      ["I need a relationship between loans and their book", "loans references books"],
      ["can a loan point at a member?", "loans references members"],
    ])
      expect(readRequest(request, libSchema()), request).toBe(read);
  });
});

describe("splits named next to 'own table' or 'separate … table', or pulled from one table into another", () => {
  it("reads the fields, their table and the new table", () => {
    for (const [request, read] of [
      [
        "can we put phone and email in their own table memberContacts, referencing the member?",
        "separate phone, email from members: new table memberContacts",
      ],
      [
        "I want a separate bookDetails table holding subtitle and pageCount",
        "separate subtitle, pageCount from books: new table bookDetails",
      ],
      [
        "pull subtitle + pageCount from books into bookExtras",
        "separate subtitle, pageCount from books: new table bookExtras",
      ],
    ])
      expect(readRequest(request, libSchema()), request).toBe(read);
  });
});

describe("a new field with its values", () => {
  it("reads the field's name and its values however they are written", () => {
    for (const [request, read] of [
      ["please add format (paper|ebook) to books", "give books a format (paper, ebook)"],
      ['books.format: "paper" | "ebook" | "audio"', "give books a format (paper, ebook, audio)"],
      ["new enum field size on books with options small, medium and large", "give books a size (small, medium, large)"],
      [
        "we'd like books to carry a difficulty, limited to easy or medium or hard",
        "give books a difficulty (easy, medium, hard)",
      ],
    ])
      expect(readRequest(request, libSchema()), request).toBe(read);
  });
});

describe("a new field holding several values of a type", () => {
  it("is a list of that type", () => {
    for (const [request, read] of [
      ["can we keep nicknames on members? multiple strings per member", "add nicknames (list of string) to members"],
      [
        "each member can have several photo urls (text values), store them as a list",
        "add photoUrls (list of text) to members",
      ],
    ])
      expect(readRequest(request, libSchema()), request).toBe(read);
  });
});

describe("numbered items", () => {
  for (const [way, answer] of ways)
    it(`${way}: each item is a change of its own`, () => {
      const p = answer("1) require phone on members 2) let loans be soft deleted", libSchema());
      expect(p.questions).toEqual([]);
      expect(p.operations[0]).toEqual({ op: "setOptional", table: "members", field: "phone", optional: false });
      expect(p.operations.some((o) => o.op === "addField" && o.table === "loans" && o.field.name === "deletedAt")).toBe(
        true,
      );
    });
});

describe("merges said without 'merge'", () => {
  it("reads which table goes into which", () => {
    for (const [request, read] of [
      ["we don't need loans as its own table, move everything onto books", "merge loans into books"],
      ["get rid of the loans table by putting its fields on the book", "merge loans into books"],
      ["I'd like to collapse loans into the members table and delete loans", "merge loans into members"],
    ])
      expect(readRequest(request, libSchema()), request).toBe(read);
  });
});

describe("a removal, then a change of the same field in the next sentence", () => {
  for (const [way, answer] of ways)
    it(`${way}: asks, naming the field, with no operation`, () => {
      for (const request of [
        "members: delete phone; also make phone required",
        "Remove the phone from members. Then make phone mandatory.",
      ]) {
        const p = answer(request, libSchema());
        expect(p.operations, request).toEqual([]);
        expect(p.questions.join(" "), request).toContain("phone");
      }
    });
  it("'require' is a word of its own, not a slip of 'required'", () => {
    expect(readRequest("require phone on members, then remove subtitle from books", libSchema())).toBe(
      "make members.phone required and remove subtitle from books",
    );
  });
  it("a change of another field still applies", () => {
    const p = designFromRequest("remove subtitle from books. make publishedAt required", libSchema());
    expect(p.questions).toEqual([]);
    expect(p.operations.map((o) => o.op)).toEqual(["removeField", "setOptional"]);
  });
});
