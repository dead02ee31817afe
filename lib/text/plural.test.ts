import { describe, expect, it } from "vitest";
import { count, plural, pluralOf } from "./index";

describe("plural", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect(count(1, "index")).toBe("1 index");
    expect(count(2, "index")).toBe("2 indexes");
    expect(count(0, "table")).toBe("0 tables");
    expect(count(1, "journaled batch")).toBe("1 journaled batch");
    expect(count(3, "journaled batch")).toBe("3 journaled batches");
    expect(plural(1, "reference")).toBe("reference");
    expect(plural(5, "reference")).toBe("references");
  });

  it("follows the regular English endings, and takes an irregular plural when given", () => {
    expect(["batch", "index", "status", "box", "wish", "query", "day", "field"].map(pluralOf)).toEqual([
      "batches",
      "indexes",
      "statuses",
      "boxes",
      "wishes",
      "queries",
      "days",
      "fields",
    ]);
    expect(count(2, "child", "children")).toBe("2 children");
    expect(count(1, "child", "children")).toBe("1 child");
  });

  it("separates thousands", () => {
    expect(count(2000, "document")).toBe("2,000 documents");
    expect(count(24000, "document")).toBe("24,000 documents");
  });
});
