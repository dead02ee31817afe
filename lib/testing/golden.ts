/**
 * Test support (Node only, not part of the pure engine): the one golden-file comparison every fixture test uses.
 * A missing or different golden fails the test; `UPDATE_GOLDEN=1` writes the actual text instead, to be reviewed
 * in the diff before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";

/** The text a golden file holds: strings as they are, other values as pretty-printed JSON with a final newline. */
export function goldenText(actual: unknown): string {
  return typeof actual === "string" ? actual : `${JSON.stringify(actual, null, 2)}\n`;
}

/** Whether this run rewrites golden files instead of comparing (`UPDATE_GOLDEN=1`). */
export function updatingGoldens(): boolean {
  return process.env.UPDATE_GOLDEN === "1";
}

/**
 * Asserts that `actual` (a string, or a value compared as pretty JSON) equals the golden `file`. Fails when the file
 * is missing or differs, naming the file; with `UPDATE_GOLDEN=1` writes it (creating folders) and passes.
 */
export function expectGolden(file: string, actual: unknown): void {
  const text = goldenText(actual);
  if (updatingGoldens()) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(
      `Missing golden file ${file}; run the test with UPDATE_GOLDEN=1 to write it, then review the diff.`,
    );
  }
  expect(text, `golden ${file} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, "utf8"));
}
