/**
 * Rules of the change reader for requests of several clauses (issue 17), each with phrasings of our own, both ways
 * in (the designer and the chat):
 * - a refused removal and the change of the field kept are one request, whatever separates them (";", ". ",
 *   ", and", "then");
 * - "make <field> a list of <type>" changes the field's type (no table from the words);
 * - a request that contradicts itself (required and optional, added and refused, renamed and back, removed and
 *   required, renamed while keeping the name) changes nothing and asks, naming the field or table;
 * - a later command may name what an earlier one renamed by its new name, or by "it".
 */
import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../../schema/model";
import { opt, req, schema, table, V } from "../../testing/model";
import { designFromRequest } from "../designer/index";
import { answerTurn } from "../turn/index";
import type { Proposal } from "../types";
import { libSchema } from "./testing/contradictions";

type Answer = (request: string, schema: SchemaModel) => Proposal;
const ways: [string, Answer][] = [
  ["designer", (r, s) => designFromRequest(r, s)],
  ["chat", (r, s) => answerTurn(r, { schema: s })],
];

function asks(p: Proposal, name: string): boolean {
  return p.operations.length === 0 && p.questions.join(" ").includes(name);
}

describe("a refused removal, then a change of the field kept", () => {
  const requests = [
    "don't drop the phone from members; make it mandatory",
    "Don't remove phone from members. Make it required.",
    "do not delete the phone of members, and make it mandatory",
    "never delete phone on members then make it required",
    "don't drop the phone from members and make it required",
  ];
  for (const [way, answer] of ways)
    it(way, () => {
      for (const request of requests) {
        const p = answer(request, libSchema());
        expect(p.questions, request).toEqual([]);
        expect(p.operations, request).toEqual([
          { op: "setOptional", table: "members", field: "phone", optional: false },
        ]);
      }
    });
});

describe("make <field> a list of <type>", () => {
  const cases: [string, string, unknown][] = [
    ["make pageCount a list of string", "pageCount", { kind: "array", element: { kind: "string" } }],
    ["make the page count of books an array of numbers", "pageCount", { kind: "array", element: { kind: "number" } }],
    ["make the subtitle on books a list of strings", "subtitle", { kind: "array", element: { kind: "string" } }],
  ];
  for (const [way, answer] of ways)
    it(`${way}: changes the field's type, creates no table`, () => {
      for (const [request, field, validator] of cases) {
        const p = answer(request, libSchema());
        expect(p.operations, request).toEqual([{ op: "changeFieldType", table: "books", field, validator }]);
      }
    });
  it("a list of a table's documents is a list of references to it", () => {
    const p = designFromRequest("make bookId on loans a list of books", libSchema());
    expect(p.operations).toEqual([
      {
        op: "changeFieldType",
        table: "loans",
        field: "bookId",
        validator: { kind: "array", element: { kind: "id", table: "books" } },
      },
    ]);
  });
});

describe("a request that contradicts itself asks, naming the field", () => {
  const withStatus = () =>
    schema(
      table("books", [req("title", V.string()), opt("subtitle", V.string()), req("status", V.string())]),
      table("embeddings", [req("embedding", V.array(V.number())), req("text", V.string())]),
    );
  const cases: [string, string][] = [
    ["make status both required and optional", "status"],
    ["add a genre field to books but don't add genre", "genre"],
    ["add a rating number to books and do not add a rating", "rating"],
    ["rename title to heading and heading to title", "title"],
    ["rename title on books to heading, then rename heading back to title", "title"],
    ["remove subtitle and make subtitle required", "subtitle"],
    ["books need the subtitle to be required and never filled in", "subtitle"],
    ["books require a status and it is never set", "status"],
    ["rename books to volumes while keeping the name books", "books"],
    ["rename books to volumes but don't change the name", "books"],
    ["rename embeddings to vectors but keep it called embeddings", "embeddings"],
    ["index books by status but don't index status", "status"],
    ["add a genre string to books and remove genre from books", "genre"],
    ["make subtitle on books optional and make subtitle required", "subtitle"],
  ];
  for (const [way, answer] of ways)
    it(way, () => {
      for (const [request, name] of cases) expect(asks(answer(request, withStatus()), name), request).toBe(true);
    });
});

describe("look-alikes still apply", () => {
  for (const [way, answer] of ways)
    it(way, () => {
      const renames = answer("rename title to heading and subtitle to tagline", libSchema());
      expect(renames.questions).toEqual([]);
      expect(renames.operations.map((o) => o.op === "renameField" && [o.from, o.to])).toEqual([
        ["title", "heading"],
        ["subtitle", "tagline"],
      ]);
      const then = answer("rename subtitle on books to tagline, then make it required", libSchema());
      expect(then.questions).toEqual([]);
      expect(then.operations).toEqual([
        { op: "renameField", table: "books", from: "subtitle", to: "tagline" },
        { op: "setOptional", table: "books", field: "tagline", optional: false },
      ]);
      const added = answer("add a genre field to books", libSchema());
      expect(added.operations.map((o) => o.op)).toEqual(["addField"]);
    });
});
