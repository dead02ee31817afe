/**
 * Three misreadings of change requests, each a general rule with phrasings written apart from the rules:
 * one name renamed to two names asks which ("to patrons and also to readers"); "make <field> a <type>" changes the
 * field's type (no new table from the field's words); a removal said not to happen ("do not remove the phone …, make
 * it required") produces no removal or soft delete, and what follows applies to the field kept. Both ways in.
 */
import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../../schema/model";
import { designFromRequest } from "../designer/index";
import { answerTurn } from "../turn/index";
import type { Proposal } from "../types";
import { libSchema } from "./testing/contradictions";

type Answer = (request: string, schema: SchemaModel) => Proposal;
const ways: [string, Answer][] = [
  ["designer", (r, s) => designFromRequest(r, s)],
  ["chat", (r, s) => answerTurn(r, { schema: s })],
];

function asks(answer: Answer, request: string, name: string): boolean {
  const p = answer(request, libSchema());
  return p.operations.length === 0 && p.questions.join(" ").includes(name);
}

function applies(answer: Answer, request: string, want: Record<string, unknown>): boolean {
  const p = answer(request, libSchema());
  return (
    p.questions.length === 0 &&
    p.operations.length === 1 &&
    Object.entries(want).every(
      ([k, v]) => JSON.stringify((p.operations[0] as Record<string, unknown>)[k]) === JSON.stringify(v),
    )
  );
}

describe("a name renamed to two names asks", () => {
  const cases: [string, string][] = [
    ["rename the members table to patrons and also to readers", "members"],
    ["please rename the loans table to borrowings and to checkouts", "loans"],
    ["rename books to volumes and to titles", "books"],
    ["rename isbn on books to code and also to barcode", "isbn"],
    ["rename fullName on members to displayName and also to nickname", "fullName"],
    ["rename the phone field of members to mobile and also to cell", "phone"],
    ["rename returnedAt on loans to backAt, and also to closedAt", "returnedAt"],
  ];
  for (const [way, answer] of ways)
    it(way, () => {
      for (const [request, name] of cases) expect(asks(answer, request, name), request).toBe(true);
    });
  const lookAlikes: [string, Record<string, unknown>][] = [
    ["rename the members table to patrons", { op: "renameTable", to: "patrons" }],
    ["rename loans to borrowings", { op: "renameTable", to: "borrowings" }],
    ["rename isbn on books to code", { op: "renameField", to: "code" }],
    ["rename fullName on members to displayName", { op: "renameField", to: "displayName" }],
    ["rename the phone field of members to mobile", { op: "renameField", to: "mobile" }],
  ];
  for (const [way, answer] of ways)
    it(`${way}: one new name still renames`, () => {
      for (const [request, want] of lookAlikes) expect(applies(answer, request, want), request).toBe(true);
    });
});

describe('"make <field> a <type>" changes the type', () => {
  const cases: [string, string, string][] = [
    ["make pageCount on books a string", "pageCount", "string"],
    ["make the pageCount of books a string", "pageCount", "string"],
    ["make pageCount on books text", "pageCount", "string"],
    ["make publishedAt on books a string", "publishedAt", "string"],
    ["make phone on members a number", "phone", "number"],
    ["make the isbn of books a number", "isbn", "number"],
    ["make returnedAt on loans a string", "returnedAt", "string"],
  ];
  for (const [way, answer] of ways)
    it(way, () => {
      for (const [request, field, kind] of cases)
        expect(applies(answer, request, { op: "changeFieldType", field, validator: { kind } }), request).toBe(true);
    });
  const lookAlikes: [string, Record<string, unknown>][] = [
    ["change pageCount on books to a string", { op: "changeFieldType", field: "pageCount" }],
    ["pageCount on books should be a string", { op: "changeFieldType", field: "pageCount" }],
    ["make pageCount on books optional", { op: "setOptional", field: "pageCount", optional: true }],
    ["make the phone on members required", { op: "setOptional", field: "phone", optional: false }],
    ["add a pages string to books", { op: "addField" }],
  ];
  for (const [way, answer] of ways)
    it(`${way}: look-alikes keep their reading`, () => {
      for (const [request, want] of lookAlikes) expect(applies(answer, request, want), request).toBe(true);
    });
});

describe('"make <field> a <qualified type>" is not read as the bare type', () => {
  for (const [way, answer] of ways)
    it(way, () => {
      for (const request of ["make isbn on books a unique string", "make pageCount on books a list of string"])
        expect(
          answer(request, libSchema()).operations.some(
            (o) => o.op === "changeFieldType" && o.validator.kind === "string",
          ),
          request,
        ).toBe(false);
    });
});

describe("a removal said not to happen produces none", () => {
  const cases: [string, string][] = [
    ["do not remove the phone from members, make it required", "phone"],
    ["don't remove phone from members, make it required", "phone"],
    ["do not delete the subtitle of books, make it required", "subtitle"],
    ["do not remove returnedAt from loans, just make it required", "returnedAt"],
    ["never remove the phone from members, make it required instead", "phone"],
  ];
  for (const [way, answer] of ways)
    it(way, () => {
      for (const [request, field] of cases)
        expect(applies(answer, request, { op: "setOptional", field, optional: false }), request).toBe(true);
    });
  it("chat: the refusal and the change in two sentences", () => {
    const request = "don't drop the phone on members; make it mandatory";
    expect(applies(ways[1][1], request, { op: "setOptional", field: "phone", optional: false }), request).toBe(true);
  });
  const lookAlikes: [string, Record<string, unknown>][] = [
    ["remove the phone from members", { op: "removeField", field: "phone" }],
    ["delete the subtitle of books", { op: "removeField", field: "subtitle" }],
    ["we no longer need the phone on members", { op: "removeField", field: "phone" }],
    ["don't make phone optional, make it required on members", { op: "setOptional", field: "phone", optional: false }],
    ["make the phone on members required", { op: "setOptional", field: "phone", optional: false }],
  ];
  for (const [way, answer] of ways)
    it(`${way}: look-alikes keep their reading`, () => {
      for (const [request, want] of lookAlikes) expect(applies(answer, request, want), request).toBe(true);
    });
});
