/** Source positions: 1-based line/column locations from UTF-16 offsets, as parsers (oxc) report them. */
import type { SourceLocation } from "./model";

/** Offsets at which each line of `source` starts (line 1 starts at 0); computed once per file. */
export function computeLineStarts(source: string): number[] {
  const starts = [0];
  let i = source.indexOf("\n");
  while (i !== -1) {
    starts.push(i + 1);
    i = source.indexOf("\n", i + 1);
  }
  return starts;
}

/** 1-based line/column of a UTF-16 offset, found by binary search over `lineStarts`. */
export function locAt(file: string, lineStarts: number[], offset: number): SourceLocation {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file, line: lo + 1, column: offset - lineStarts[lo] + 1 };
}
