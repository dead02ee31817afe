import { describe, expect, it } from "vitest";
import { runFixture } from "./testing/fixture";

describe("a filter an existing index serves in part", () => {
  const { findings } = runFixture("partly-served");
  const at = (line: number) => findings.find((f) => f.loc?.file === "convex/votes.ts" && f.loc.line === line);

  it("names the index in the finding's data, and offers reusing it before adding a new one", () => {
    expect(at(10)?.partlyServedBy).toEqual({ index: "by_message", fields: ["messageId"] });
    expect(at(10)?.fixes?.map((f) => f.description)).toEqual([
      'Query index "by_message" with .withIndex("by_message", q => q.eq("messageId", …)) and keep .filter for the rest.',
      'Add index "by_messageId_and_voter_and_value" on "messageId", "voter" and "value" to "votes" and query it with .withIndex.',
    ]);
    expect(at(20)?.partlyServedBy).toEqual({ index: "by_group", fields: ["group"] });
    expect(at(31)?.partlyServedBy).toBeUndefined();
    expect(at(31)?.message).not.toMatch(/serves/);
  });
});
