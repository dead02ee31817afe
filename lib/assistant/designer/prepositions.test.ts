import { describe, expect, it } from "vitest";
import { emptySchema } from "../../schema/model";
import { designFromRequest } from "./index";

describe("a word used as a preposition names no record", () => {
  it("'a kanban board like trello' designs no likes table and no likeId", () => {
    const p = designFromRequest("a kanban board like trello with boards, lists, cards and comments", emptySchema());
    const names = p.schema.tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["boards", "lists", "cards", "comments"]));
    expect(names).not.toContain("likes");
    expect(p.schema.tables.flatMap((t) => t.fields.map((f) => f.name))).not.toContain("likeId");
  });

  it("'like' as a verb still records likes", () => {
    const p = designFromRequest("users can like posts and follow other users", emptySchema());
    expect(p.schema.tables.map((t) => t.name)).toContain("likes");
  });
});
