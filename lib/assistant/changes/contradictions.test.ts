/**
 * Self-contradictory change requests of our own wording (`testing/contradictions.ts`): no operation and a question
 * naming the table or field; and look-alikes that are not contradictory ("optional rather than required", "instead
 * of deleting, mark as deleted") must still apply. Floors only rise. Both ways in: the designer and the chat.
 */
import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../../schema/model";
import { designFromRequest } from "../designer/index";
import { answerTurn } from "../turn/index";
import type { Proposal } from "../types";
import { CONTRADICTORY, LOOK_ALIKES, libSchema } from "./testing/contradictions";

type Answer = (request: string, schema: SchemaModel) => Proposal;
const designer: Answer = (r, s) => designFromRequest(r, s);
const chat: Answer = (r, s) => answerTurn(r, { schema: s });

function asked(answer: Answer, c: (typeof CONTRADICTORY)[number]): boolean {
  const p = answer(c.request, libSchema());
  const q = p.questions.join(" ").toLowerCase();
  return p.operations.length === 0 && c.names.some((n) => q.includes(n.toLowerCase()));
}

function applied(answer: Answer, c: (typeof LOOK_ALIKES)[number]): boolean {
  const p = answer(c.request, libSchema());
  const first = p.operations[0];
  return (
    !!first &&
    first.op === c.op &&
    (!c.field || JSON.stringify(first).includes(`"${c.field}"`)) &&
    p.questions.length === 0
  );
}

describe("self-contradictory change requests", () => {
  for (const [name, answer, floor] of [
    ["designer", designer, 28],
    ["chat", chat, 32],
  ] as const) {
    it(`${name}: asks, naming the field or table, with no operation`, () => {
      expect(CONTRADICTORY.filter((c) => asked(answer, c)).length).toBeGreaterThanOrEqual(floor);
    });
    it(`${name}: look-alikes that are not contradictory still apply`, () => {
      expect(LOOK_ALIKES.filter((c) => applied(answer, c)).length).toBeGreaterThanOrEqual(17);
    });
  }

  it("one field set required and optional across two sentences asks", () => {
    const c = { request: "Could you please make the isbn on books optional? It must always be set.", names: ["isbn"] };
    expect(asked(designer, c)).toBe(true);
    expect(asked(chat, c)).toBe(true);
  });

  it("one field renamed to two names, given two types, or removed and then indexed asks", () => {
    for (const c of [
      { request: "rename subtitle on books to tagline and to byline", names: ["subtitle"] },
      { request: "change the isbn of books to a number and to a string", names: ["isbn"] },
      { request: "make pageCount on books a number and a string", names: ["pageCount"] },
      { request: "remove the email field from members and index members by email", names: ["email"] },
      { request: "remove the loans table and keep the loans table", names: ["loans"] },
      { request: "merge loans into members and keep both tables", names: ["loans"] },
    ]) {
      expect(asked(designer, c), c.request).toBe(true);
      expect(asked(chat, c), c.request).toBe(true);
    }
  });

  it("an operation asked for and refused on the same field asks at the chat's front door", () => {
    for (const c of [
      { request: "index books by isbn and don't index books by isbn", names: ["isbn"] },
      { request: "add an index on members by email, no index on email please", names: ["email"] },
    ])
      expect(asked(chat, c), c.request).toBe(true);
  });

  it("a soft delete said together with a hard delete asks", () => {
    expect(asked(chat, { request: "soft delete books and hard delete books", names: ["books"] })).toBe(true);
  });

  it("the word set aside ('rather than', 'don't make … optional', 'no longer optional') is no second wish", () => {
    for (const request of [
      "the isbn on books should be optional rather than required",
      "the subtitle of books is no longer optional, make it required",
      "don't make phone optional, make it required on members",
    ]) {
      const p = designer(request, libSchema());
      expect(p.questions).toEqual([]);
      expect(p.operations[0]?.op).toBe("setOptional");
    }
  });
});
