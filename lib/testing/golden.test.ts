import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { expectGolden } from "./golden";

describe("expectGolden", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "golden-"));
    vi.stubEnv("UPDATE_GOLDEN", "");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it("passes on an equal golden; strings compare as they are, values as pretty JSON", () => {
    writeFileSync(path.join(dir, "a.txt"), "hello\n");
    writeFileSync(path.join(dir, "b.json"), '{\n  "x": 1\n}\n');
    expectGolden(path.join(dir, "a.txt"), "hello\n");
    expectGolden(path.join(dir, "b.json"), { x: 1 });
  });

  it("fails on a different golden, naming the file", () => {
    const file = path.join(dir, "a.txt");
    writeFileSync(file, "hello\n");
    expect(() => expectGolden(file, "goodbye\n")).toThrow(file);
  });

  it("fails on a missing golden and writes nothing", () => {
    const file = path.join(dir, "missing.txt");
    expect(() => expectGolden(file, "new\n")).toThrow(/Missing golden file .*UPDATE_GOLDEN=1/);
    expect(() => readFileSync(file)).toThrow();
  });

  it("UPDATE_GOLDEN=1 writes missing and different goldens (creating folders) and passes", () => {
    vi.stubEnv("UPDATE_GOLDEN", "1");
    const file = path.join(dir, "deep", "er", "c.json");
    expectGolden(file, { y: [1] });
    expect(readFileSync(file, "utf8")).toBe('{\n  "y": [\n    1\n  ]\n}\n');
    expectGolden(file, { y: 2 });
    expect(readFileSync(file, "utf8")).toBe('{\n  "y": 2\n}\n');
  });
});
