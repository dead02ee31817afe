import { describe, expect, it } from "vitest";
import { computeLineStarts, locAt } from "./location";

describe("locAt", () => {
  const source = "ab\n\ncd\nlast";
  const starts = computeLineStarts(source);

  it("indexes line starts, empty lines included", () => expect(starts).toEqual([0, 3, 4, 7]));

  it("gives 1-based line and column for offsets at line starts, mid-line and on newlines", () => {
    const at = (offset: number) => locAt("f.ts", starts, offset);
    expect(at(0)).toEqual({ file: "f.ts", line: 1, column: 1 });
    expect(at(2)).toEqual({ file: "f.ts", line: 1, column: 3 }); // the newline ends line 1
    expect(at(3)).toEqual({ file: "f.ts", line: 2, column: 1 });
    expect(at(5)).toEqual({ file: "f.ts", line: 3, column: 2 });
    expect(at(source.length)).toEqual({ file: "f.ts", line: 4, column: 5 });
  });

  it("agrees with a line-by-line count on every offset", () => {
    for (let offset = 0; offset <= source.length; offset++) {
      const before = source.slice(0, offset).split("\n");
      expect(locAt("f.ts", starts, offset)).toEqual({
        file: "f.ts",
        line: before.length,
        column: before.at(-1)!.length + 1,
      });
    }
  });
});
