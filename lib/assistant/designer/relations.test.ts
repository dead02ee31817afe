import { describe, expect, it } from "vitest";
import { emptySchema, referencedTables, type Table } from "../../schema/model";
import { buildDesign } from "./build";
import { emptyFacts, type Facts } from "./extract";
import { designFromRequest } from "./index";

const refersTo = (t: Table | undefined, to: string): boolean =>
  Boolean(t?.fields.some((f) => referencedTables(f.validator).includes(to)));

describe("the record a request is mostly about", () => {
  it("is the parent of the other records it names, with an index led by the reference", () => {
    const p = designFromRequest(
      "An app for design studios to run projects. Each project has a name and a deadline. Projects move from draft to delivered. Mood boards collect images and colours.",
      emptySchema(),
    );
    // "mood boards" (or "boards", as the request's words are read): a kind real apps rarely hang off anything.
    const boards = p.schema.tables.find((t) => /^(?:moodB|b)oards$/.test(t.name));
    expect(refersTo(boards, "projects")).toBe(true);
    expect(boards?.indexes.some((i) => i.fields[0] === "projectId")).toBe(true);
  });

  it("is never a thing attached to records, however often the request names it", () => {
    const p = designFromRequest(
      "An app for design studios to run projects. Projects move from draft to delivered. Photos are uploaded with a caption. Photos can be starred. Mood boards collect photos and colours.",
      emptySchema(),
    );
    const boards = p.schema.tables.find((t) => /^(?:moodB|b)oards$/.test(t.name));
    expect(refersTo(boards, "projects")).toBe(true);
    expect(
      refersTo(
        p.schema.tables.find((t) => t.name === "photos"),
        "projects",
      ),
    ).toBe(true);
  });
});

/** Facts naming these entities, one clause each list. */
function facts(clauses: string[][]): Facts {
  return emptyFacts({ explicit: [...new Set(clauses.flat())], clauses });
}

describe("a record whose name ends with another record's name", () => {
  it("is a kind of it, never its child: maintenance requests beside requests", () => {
    const built = buildDesign(emptySchema(), facts([["request"], ["request"], ["maintenance request", "note"]]));
    const created = built.operations.flatMap((o) => (o.op === "createTable" ? [o] : []));
    const fields = (t: string) => created.find((o) => o.table === t)?.fields ?? [];
    const refs = (t: string) => fields(t).flatMap((f) => referencedTables(f.validator));
    expect(refs("maintenanceRequests")).not.toContain("requests");
    expect(refs("notes")).toContain("requests");
  });
});

describe("the record named in most clauses", () => {
  const refsIn = (built: ReturnType<typeof buildDesign>, t: string): string[] =>
    built.operations
      .flatMap((o) => (o.op === "createTable" && o.table === t ? (o.fields ?? []) : []))
      .flatMap((f) => referencedTables(f.validator));

  it("is the main record when named at least twice as often as one real apps usually reference", () => {
    // "agents" are rarely referenced in real apps, "jobs" often; the request is about agents.
    const built = buildDesign(
      emptySchema(),
      facts([["agent"], ["agent", "job"], ["agent"], ["agent"], ["job"], ["bounty"], ["bounty"]]),
    );
    expect(refsIn(built, "bounties")).toContain("agents");
    expect(refsIn(built, "bounties")).not.toContain("jobs");
  });

  it("is not the main record when the usual one is named nearly as often", () => {
    const built = buildDesign(
      emptySchema(),
      facts([["agent"], ["agent", "job"], ["agent"], ["job"], ["job"], ["bounty"], ["bounty"]]),
    );
    expect(refsIn(built, "bounties")).toContain("jobs");
  });

  it("is never the tenant of a multi-tenant app: the tenant scopes every record already", () => {
    const f = facts([
      ["tenant", "agent"],
      ["tenant", "agent"],
      ["tenant"],
      ["tenant"],
      ["tenant"],
      ["agent"],
      ["agent"],
      ["document"],
      ["document"],
    ]);
    f.directives.tenancy = true;
    const built = buildDesign(emptySchema(), f);
    expect(refsIn(built, "documents")).toEqual(expect.arrayContaining(["tenants", "agents"]));
  });
});

describe("the main record", () => {
  it("is never the child of a record it is the parent of: its guess comes before the clause-level ones", () => {
    const built = buildDesign(emptySchema(), facts([["course", "folder"], ["course"], ["course"], ["folder"]]));
    const refs = (t: string): string[] =>
      built.operations
        .flatMap((o) => (o.op === "createTable" && o.table === t ? (o.fields ?? []) : []))
        .flatMap((f) => referencedTables(f.validator));
    expect(refs("folders")).toContain("courses");
    expect(refs("courses")).not.toContain("folders");
  });
});

describe("a record about many records of another kind", () => {
  const refsIn = (built: ReturnType<typeof buildDesign>, t: string): string[] =>
    built.operations
      .flatMap((o) => (o.op === "createTable" && o.table === t ? (o.fields ?? []) : []))
      .flatMap((f) => referencedTables(f.validator));

  it("belongs where those records belong: message quotas of a conversation's messages", () => {
    const built = buildDesign(
      emptySchema(),
      facts([["conversation", "message"], ["message quota"], ["message quota"]]),
    );
    expect(refsIn(built, "messages")).toContain("conversations");
    expect(refsIn(built, "messageQuotas")).toContain("conversations");
    expect(refsIn(built, "messageQuotas")).not.toContain("messages");
  });

  it("is not a record about one record: comment likes are of their comment", () => {
    const built = buildDesign(emptySchema(), facts([["post", "comment"], ["comment like"], ["comment like"]]));
    expect(refsIn(built, "commentLikes")).toContain("comments");
  });
});
