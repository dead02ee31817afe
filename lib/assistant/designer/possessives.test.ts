import { describe, expect, it } from "vitest";
import { emptySchema } from "../../schema/model";
import { designFromRequest } from "./index";

function refs(request: string, table: string): string[] {
  const p = designFromRequest(request, emptySchema());
  expect(p.valid).toBe(true);
  const t = p.schema.tables.find((x) => x.name === table);
  return (t?.fields ?? []).flatMap((f) => (f.validator.kind === "id" ? [f.validator.table] : []));
}

function indexed(request: string, table: string, field: string): boolean {
  const t = designFromRequest(request, emptySchema()).schema.tables.find((x) => x.name === table);
  return Boolean(t?.indexes.some((i) => i.fields[0] === field));
}

describe("possessives name a parent", () => {
  it("links every record of a list opened by 'their' to the owner named before it, with its index", () => {
    const request = "It tracks pets, their vaccinations and vet visits.";
    expect(refs(request, "vaccinations")).toContain("pets");
    expect(refs(request, "vetVisits")).toContain("pets");
    expect(indexed(request, "vaccinations", "petId")).toBe(true);
  });

  it("reads 'X's Y' as Y belonging to X", () => {
    expect(refs("A platform for gyms. Each gym's trainers run classes.", "trainers")).toContain("gyms");
  });
});

describe("a possessive names the owner even when nothing else does", () => {
  it("'your circle's drops': the circle is a record and owns the drops", () => {
    const p = designFromRequest("Set a goal and see your circle's drops.", emptySchema());
    const drops = p.schema.tables.find((t) => t.name === "drops");
    expect(p.schema.tables.map((t) => t.name)).toContain("circles");
    expect(drops?.fields.some((f) => f.validator.kind === "id" && f.validator.table === "circles")).toBe(true);
  });

  it("'each stock's research jobs': the owned records keep their two-word name", () => {
    const p = designFromRequest("Track each stock's research jobs.", emptySchema());
    const jobs = p.schema.tables.find((t) => t.name === "researchJobs");
    expect(jobs?.fields.some((f) => f.validator.kind === "id" && f.validator.table === "stocks")).toBe(true);
  });
});
