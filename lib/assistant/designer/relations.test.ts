import { describe, expect, it } from "vitest";
import { emptySchema, referencedTables, type Table } from "../../schema/model";
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
