/**
 * Changes written as code (issue 17), read by the grammar of their notation, with names of our own: SQL DDL,
 * Prisma field lines and models, Convex `defineTable` / `v.*` snippets, and labels in front of a change (tags,
 * ticket ids, the notation's name, a heading of plain words).
 */
import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../../schema/model";
import { opt, req, schema, table, V } from "../../testing/model";
import { designFromRequest } from "../designer/index";
import type { SchemaOperation } from "../../schema/operations";
import { codeNotation } from "./read/code";
import { fieldRenamed } from "./read/field-rename";
import { unlabel } from "./read/label";
import { parentheticalNotes } from "./read/notes";
import { tableRenamed } from "./read/table-rename";

function library(): SchemaModel {
  return schema(
    table("books", [req("title", V.string()), opt("isbn", V.string()), req("shelfId", V.id("shelves"))]),
    table("shelves", [req("label", V.string()), opt("floor", V.number())]),
    table("loan_records", [
      req("borrowedAt", V.number()),
      opt("returnedAt", V.number()),
      req("state", V.union(V.literal("out"), V.literal("back"))),
    ]),
  );
}

const field = (t: string, name: string, validator: unknown, optional: boolean): SchemaOperation =>
  ({ op: "addField", table: t, field: { name, validator, optional } }) as SchemaOperation;

function check(cases: [string, SchemaOperation[]][]) {
  for (const [request, operations] of cases)
    it(request, () => {
      const p = designFromRequest(request, library());
      expect(p.operations).toEqual(operations);
      expect(p.questions).toEqual([]);
    });
}

describe("SQL DDL", () => {
  check([
    ["ALTER TABLE books ADD COLUMN pageCount integer", [field("books", "pageCount", V.number(), true)]],
    ["alter table shelves add color varchar(20) not null", [field("shelves", "color", V.string(), false)]],
    ["ALTER TABLE books ADD COLUMN keywords text[]", [field("books", "keywords", V.array(V.string()), true)]],
    [
      "ALTER TABLE books ADD COLUMN format ENUM('paper','ebook')",
      [field("books", "format", V.union(V.literal("paper"), V.literal("ebook")), true)],
    ],
    [
      "ALTER TABLE books ALTER COLUMN isbn SET NOT NULL",
      [{ op: "setOptional", table: "books", field: "isbn", optional: false }],
    ],
    [
      "ALTER TABLE books ALTER COLUMN title DROP NOT NULL;",
      [{ op: "setOptional", table: "books", field: "title", optional: true }],
    ],
    [
      "ALTER TABLE shelves RENAME COLUMN label TO name",
      [{ op: "renameField", table: "shelves", from: "label", to: "name" }],
    ],
    ["ALTER TABLE shelves RENAME TO racks", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["ALTER TABLE books DROP COLUMN isbn", [{ op: "removeField", table: "books", field: "isbn" }]],
    [
      "CREATE INDEX idx_loans ON loan_records (state, borrowedAt)",
      [
        {
          op: "addIndex",
          table: "loan_records",
          index: { name: "by_state_and_borrowedAt", fields: ["state", "borrowedAt"] },
        },
      ],
    ],
    [
      "ALTER TYPE loan_records_state ADD VALUE 'lost'",
      [
        {
          op: "changeFieldType",
          table: "loan_records",
          field: "state",
          validator: V.union(V.literal("out"), V.literal("back"), V.literal("lost")),
        },
      ],
    ],
  ]);
});

describe("Prisma", () => {
  check([
    ["add `subtitle String?` to Book", [field("books", "subtitle", V.string(), true)]],
    ["`copies Int` on Book (required)", [field("books", "copies", V.number(), false)]],
    ["`installedOn DateTime?` on Shelf", [field("shelves", "installedOn", V.number(), true)]],
    ["`aliases String[]` on Shelf, may be absent", [field("shelves", "aliases", V.array(V.string()), true)]],
    ["model shelves → model racks", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["`isbn?` → `isbn` on Book", [{ op: "setOptional", table: "books", field: "isbn", optional: false }]],
    [
      "`cover Cover` on Book where enum Cover { hard soft }",
      [field("books", "cover", V.union(V.literal("hard"), V.literal("soft")), true)],
    ],
  ]);
});

describe("Convex snippets", () => {
  check([
    ["shelves: defineTable({ ..., zone: v.optional(v.string()) })", [field("shelves", "zone", V.string(), true)]],
    ["books: + rating: v.number() // required", [field("books", "rating", V.number(), false)]],
    ["shelves: new field slug: v.string()", [field("shelves", "slug", V.string(), true)]],
    ["shelves capacity: number", [field("shelves", "capacity", V.number(), true)]],
    [
      'books: .index("by_title_isbn", ["title", "isbn"])',
      [{ op: "addIndex", table: "books", index: { name: "by_title_and_isbn", fields: ["title", "isbn"] } }],
    ],
    [
      "books: isbn: v.optional(v.string()) → isbn: v.string()",
      [{ op: "setOptional", table: "books", field: "isbn", optional: false }],
    ],
    ["books { - isbn }", [{ op: "removeField", table: "books", field: "isbn" }]],
    ["shelves { label } ⇒ shelves { name }", [{ op: "renameField", table: "shelves", from: "label", to: "name" }]],
  ]);
});

describe("labels in front of a change", () => {
  check([
    ["[Naming] shelves should be called racks", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["LIB-204: rename isbn on books to code", [{ op: "renameField", table: "books", from: "isbn", to: "code" }]],
    [
      "Catalog request: make floor on shelves required",
      [{ op: "setOptional", table: "shelves", field: "floor", optional: false }],
    ],
  ]);
  it("keeps a tag that names a table and a heading the change needs", () => {
    expect(unlabel("[books] rename isbn to code", library())).toBe("[books] rename isbn to code");
    expect(unlabel("in Prisma terms: `copies Int` on Book", library())).toBe("`copies Int` on Book");
  });
  it("reads no code in prose", () => {
    expect(codeNotation("books need a cover picture", library())).toBeUndefined();
    expect(codeNotation("ALTER TABLE ??? RENAME COLUMN label TO name", library())).toBeUndefined();
  });
});

describe("a table's new name said in a sentence of any length", () => {
  check([
    ["rename collection shelves to racks", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["renmae tabel shelves to racks", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    [
      "pls rename the shelves collection to racks (table name only)",
      [{ op: "renameTable", from: "shelves", to: "racks" }],
    ],
    [
      "Librarians never say shelves, so the shelves table needs to become racks.",
      [{ op: "renameTable", from: "shelves", to: "racks" }],
    ],
    ["could the shelves table be renamed to racks?", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["just a rename — shelves becomes racks", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["shelves → racks (table)", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["Could you change shelves's name to racks? Only the name.", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["table name shelves is confusing, use racks", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["I'd rather racks than shelves as the table name.", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["From the next release the shelves table is racks.", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["Rename the shelves table — we'd prefer racks.", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["let's go with racks instead of shelves for the table", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["can you rename shelves? racks would be better", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["switch the table name from shelves to racks", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["please rename shelves, we call them racks now", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["rename table shelves racks", [{ op: "renameTable", from: "shelves", to: "racks" }]],
    ["use racks as the name of the shelves table", [{ op: "renameTable", from: "shelves", to: "racks" }]],
  ]);
  it("leaves a field's rename, a kept name and a state alone", () => {
    expect(tableRenamed("isbn in books needs to become code", library())).toBeUndefined();
    expect(tableRenamed("rename shelves to racks but keep it called shelves", library())).toBeUndefined();
    expect(tableRenamed("the shelves table should be empty", library())).toBeUndefined();
    expect(tableRenamed("rename shelves to racks and books to volumes", library())).toBeUndefined();
  });
});

describe("notes around a new field are no part of it", () => {
  check([
    ['add a required code string to shelves (e.g. "A-12")', [field("shelves", "code", V.string(), false)]],
    ["add a stars number to books (1–5)", [field("books", "stars", V.number(), true)]],
    [
      "For the kiosk screen add shelfCode (string, 3 letters) to shelves",
      [field("shelves", "shelfCode", V.string(), true)],
    ],
    [
      "Kiosk needs to show where a book sits: add aisle (a number) to shelves.",
      [field("shelves", "aisle", V.number(), true)],
    ],
    ["Optional boolean isFeatured on books, for the front page", [field("books", "isFeatured", V.boolean(), true)]],
    ["shelves: is locked flag (true/false)", [field("shelves", "isLocked", V.boolean(), true)]],
    ["loan records tags (list of strings)", [field("loan_records", "tags", V.array(V.string()), true)]],
    ["could books have a popularity number?", [field("books", "popularity", V.number(), true)]],
    [
      "give shelves a hidden flag (bool), optional, defaults to visible in the app",
      [field("shelves", "hidden", V.boolean(), true)],
    ],
    [
      "could we store a list of cover colors (strings) per book?",
      [field("books", "coverColors", V.array(V.string()), true)],
    ],
  ]);
  it("keeps a type with its presence and values written as code", () => {
    expect(parentheticalNotes("add position (number, required) to shelves")).toBe(
      "add position (number, required) to shelves",
    );
    expect(parentheticalNotes('books.cover = v.union(v.literal("hard"), v.literal("soft"))')).toBe(
      'books.cover = v.union(v.literal("hard"), v.literal("soft"))',
    );
  });
  it("keeps an identifier's number in its name", () => {
    const p = designFromRequest("add an order number to loan records", library());
    expect(p.operations.map((o) => (o.op === "addField" ? o.field.name : o.op))).toEqual(["orderNumber"]);
  });
});

describe("a field's new name said in a sentence of any length", () => {
  const renamed = (from: string, to: string, t = "books"): SchemaOperation[] => [
    { op: "renameField", table: t, from, to },
  ];
  check([
    ["before: isbn  after: code   (table books)", renamed("isbn", "code")],
    ["could isbn on books be renamed barcode?", renamed("isbn", "barcode")],
    ["LIB-77: books.isbn → barcode (naming consistency)", renamed("isbn", "barcode")],
    ["Rename field: label (shelves) ⟶ caption", renamed("label", "caption", "shelves")],
    ["On the shelf model: label → display label.", renamed("label", "displayLabel", "shelves")],
    [
      "We argued about names for a week. On books the field isbn is going to be barcode from now on. Nothing else.",
      renamed("isbn", "barcode"),
    ],
  ]);
  it("leaves a kept name and a second change alone", () => {
    expect(fieldRenamed("books.isbn → barcode, but keep isbn", library())).toBeUndefined();
    expect(fieldRenamed("books.isbn → barcode and make title optional", library())).toBeUndefined();
  });
});

describe("a reference between two tables said as a notation or a sentence", () => {
  const ref = (name = "bookId"): SchemaOperation[] => [
    field("loan_records", name, V.id("books"), true),
    { op: "addIndex", table: "loan_records", index: { name: `by_${name}`, fields: [name] } },
  ];
  check([
    ["loan_records.bookId -> books", ref()],
    ["books 1—n loan records", ref()],
    ["link loan records → book", ref()],
    ["loan records missing FK to books", ref()],
    ["Each row of loan_records should reference one row of books.", ref()],
    ["a loan record is always owned by exactly one book", ref()],
    ["add a bookId on loan records", ref()],
  ]);
});

describe("presence asked twice, and of a field several tables have", () => {
  it("asks when a second sentence adds the opposite", () => {
    const p = designFromRequest(
      "ALTER TABLE books ALTER COLUMN isbn SET NOT NULL; and also it should be nullable",
      library(),
    );
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toMatch(/books\.isbn/);
  });
  it("applies the request after its reason", () => {
    const p = designFromRequest(
      "we keep getting books with no isbn, which breaks the list. make it required",
      library(),
    );
    expect(p.operations).toEqual([{ op: "setOptional", table: "books", field: "isbn", optional: false }]);
  });
  it("asks which table when the field is several tables'", () => {
    const twice = schema(
      table("books", [req("title", V.string()), opt("addedAt", V.number())]),
      table("shelves", [req("label", V.string()), opt("addedAt", V.number())]),
    );
    const p = designFromRequest("could added at be required?", twice);
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toMatch(/books.*shelves|shelves.*books/);
  });
});

describe("a query's shape and values written as code", () => {
  check([
    [
      "the kiosk lists loan_records where state = ? order by borrowedAt — needs an index",
      [
        {
          op: "addIndex",
          table: "loan_records",
          index: { name: "by_state_and_borrowedAt", fields: ["state", "borrowedAt"] },
        },
      ],
    ],
    [
      "SELECT * FROM books WHERE isbn = $1",
      [{ op: "addIndex", table: "books", index: { name: "by_isbn", fields: ["isbn"] } }],
    ],
    [
      "loan_records.state: out | back | lost",
      [
        {
          op: "changeFieldType",
          table: "loan_records",
          field: "state",
          validator: V.union(V.literal("out"), V.literal("back"), V.literal("lost")),
        },
      ],
    ],
    [
      "shelves woodType (oak or pine only)",
      [field("shelves", "woodType", V.union(V.literal("oak"), V.literal("pine")), true)],
    ],
  ]);
});

describe("presence and new fields in a row, and remarks in parentheses", () => {
  check([
    ["books.isbn: string", [{ op: "setOptional", table: "books", field: "isbn", optional: false }]],
    ["books.title?: string", [{ op: "setOptional", table: "books", field: "title", optional: true }]],
    ["books need not have a title", [{ op: "setOptional", table: "books", field: "title", optional: true }]],
    ["We always print it: books.pages, number, not optional.", [field("books", "pages", V.number(), false)]],
    [
      "Every loan record must have a dueAt timestamp (ms since epoch), required.",
      [field("loan_records", "dueAt", V.number(), false)],
    ],
    [
      "The kiosk screen shows where a shelf is: add aisle (a number) to shelves.",
      [field("shelves", "aisle", V.number(), true)],
    ],
  ]);
});

describe("a field that can go, and '+' between commands", () => {
  check([
    ["books.isbn can go", [{ op: "removeField", table: "books", field: "isbn" }]],
    ["the floor on shelves can be dropped", [{ op: "removeField", table: "shelves", field: "floor" }]],
    [
      "search books by title + make shelves.floor required",
      [
        {
          op: "addSearchIndex",
          table: "books",
          index: { name: "search_title", searchField: "title", filterFields: [] },
        },
        { op: "setOptional", table: "shelves", field: "floor", optional: false },
      ],
    ],
  ]);
  it("leaves a value that can go up alone", () => {
    expect(designFromRequest("the floor on shelves can go up to 12", library()).operations).toEqual([]);
  });
});

describe("a new field wished to exist, its name after its article", () => {
  check([
    ["there should be a color string on shelves", [field("shelves", "color", V.string(), true)]],
    ["we're adding a width number to shelves", [field("shelves", "width", V.number(), true)]],
    ["shelves lack a color string", [field("shelves", "color", V.string(), true)]],
    ["is it possible to add a color string to shelves?", [field("shelves", "color", V.string(), true)]],
    ["it would help to have a notes string on shelves", [field("shelves", "notes", V.string(), true)]],
  ]);
});
