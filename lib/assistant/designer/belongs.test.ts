import { describe, expect, it } from "vitest";
import { emptySchema } from "../../schema/model";
import { designFromRequest } from "./index";

describe("'X belongs to a Y' names two records", () => {
  it("designs both tables and the reference, even for words usually about the product", () => {
    const p = designFromRequest("Each device belongs to a household.", emptySchema());
    const devices = p.schema.tables.find((t) => t.name === "devices");
    expect(p.schema.tables.map((t) => t.name)).toContain("households");
    expect(devices?.fields.some((f) => f.validator.kind === "id" && f.validator.table === "households")).toBe(true);
  });

  it("keeps the noun phrase after 'belongs to' whole", () => {
    const p = designFromRequest("Every piece of equipment belongs to a maintenance team.", emptySchema());
    expect(p.schema.tables.map((t) => t.name)).toEqual(expect.arrayContaining(["equipment", "maintenanceTeams"]));
  });
});

describe("a clause that starts with an imperative verb", () => {
  it("reads the verb as a verb, not as part of a table's name", () => {
    const names = (r: string): string[] => designFromRequest(r, emptySchema()).schema.tables.map((t) => t.name);
    expect(names("Track expenses per trip.")).toEqual(expect.arrayContaining(["expenses", "trips"]));
    expect(names("Track expenses per trip.")).not.toContain("trackExpenses");
    expect(names("Share gardens with family members.")).toContain("gardens");
  });

  it("reads a list item's first word as a verb, after a colon too", () => {
    const names = (r: string): string[] => designFromRequest(r, emptySchema()).schema.tables.map((t) => t.name);
    const trips = names("Trip planner for groups.\n- Plan trips\n- Book travel\n- Invite members");
    expect(trips).toContain("trips");
    expect(trips).not.toContain("books");
    expect(trips).not.toContain("plans");
    expect(names("Budget app. Features: track expenses per trip.")).not.toContain("trackExpenses");
  });
});

describe("HTML entities in a pasted README", () => {
  it("are their characters, never words of the request", () => {
    const p = designFromRequest("Teacher Portal &mdash; Create classrooms &amp; manage assignments.", emptySchema());
    const names = p.schema.tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["classrooms", "assignments"]));
    expect(names.some((n) => /mdash|amp/i.test(n))).toBe(false);
  });
});

describe("a word ending in -s right before a determiner", () => {
  it("is a verb, not a table", () => {
    const p = designFromRequest(
      "Upload resumes. A background worker handles the upload and produces a clean profile.",
      emptySchema(),
    );
    const names = p.schema.tables.map((t) => t.name);
    expect(names).not.toContain("handles");
    expect(names).not.toContain("produces");
  });
});
