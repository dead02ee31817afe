/**
 * The incremental project state must give the optimizer exactly what a whole-project analysis gives: on every
 * optimizer fixture, findings from the union of per-file analyses equal those of `analyzeProject` over all files,
 * also after edits that go through `update`.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSchema } from "../../lib/schema";
import { analyzeProject, checkOptimizations } from "../../lib/optimize";
import { readTree } from "../../lib/optimize/testing/fixture";
import { ProjectState } from "./project-state";

const FIXTURES = path.join(__dirname, "../../lib/optimize/testdata");

/** Each file's own diagnostics (what a keystroke publishes first) equal its share of the whole project's. */
function expectFileDiagnosticsConsistent(state: ProjectState): void {
  const all = state.diagnostics();
  for (const file of new Set([...Object.keys(state.files), ...all.keys()]))
    expect(state.fileDiagnostics(file), file).toEqual(all.get(file) ?? []);
}

function wholeProject(files: Record<string, string>) {
  const parsed = parseSchema({ files, entry: "convex/schema.ts" });
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const analysis = analyzeProject({ files }, { schema: parsed.schema });
  return Object.assign(checkOptimizations({ schema: parsed.schema, analysis }), { accesses: analysis.accesses.length });
}

describe("ProjectState", () => {
  for (const name of readdirSync(FIXTURES)) {
    it(`gives the whole-project findings on ${name}`, () => {
      const files = readTree(path.join(FIXTURES, name, "convex"), path.join(FIXTURES, name));
      const state = new ProjectState({ files, entry: "convex/schema.ts" });
      const expected = wholeProject(files);
      expect(state.findings()).toEqual([...expected]);
      expect(state.analysis().accesses.length).toBe(expected.accesses);
      expectFileDiagnosticsConsistent(state);
      // Each function file analysed on its own (with the files it imports), as after a keystroke, gives the same.
      for (const file of Object.keys(files)) if (file !== "convex/schema.ts") state.update(file, files[file]);
      expect(state.findings()).toEqual([...expected]);
      expect(state.analysis().accesses.length).toBe(expected.accesses);
      expectFileDiagnosticsConsistent(state);
    });
  }

  it("reads functions from the folder convex.json names, also after an edit", () => {
    const schema = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({ notes: defineTable({ title: v.string() }).index("by_title", ["title"]) });
`;
    const notes = (index: string) => `import { query } from "./_generated/server";
export const list = query({ handler: (ctx) => ctx.db.query("notes").withIndex("${index}").collect() });
`;
    const state = new ProjectState({
      files: { "app/backend/schema.ts": schema, "app/backend/notes.ts": notes("by_title") },
      entry: "app/backend/schema.ts",
      functionsDir: "app/backend",
    });
    expect(state.analysis().functions.map((f) => f.name)).toEqual(["notes:list"]);
    expect(state.findings().filter((f) => f.code === "OPT105")).toEqual([]);
    state.update("app/backend/notes.ts", notes("by_nothing"));
    // by_title is now unused, and the function names an index the table lacks.
    expect(state.findings().map((f) => `${f.code} ${f.loc?.file}`)).toEqual(
      expect.arrayContaining(["OPT105 app/backend/schema.ts", "OPT109 app/backend/notes.ts"]),
    );
  });

  it("follows edits of a function file, a helper it imports and the schema", () => {
    const files = readTree(path.join(FIXTURES, "task-tracker", "convex"), path.join(FIXTURES, "task-tracker"));
    const state = new ProjectState({ files, entry: "convex/schema.ts" });
    const helper = Object.keys(files).find((f) => f.startsWith("convex/lib/") && /ctx\.db/.test(files[f]))!;
    const edits: [string, string][] = [
      ["convex/tasks.ts", files["convex/tasks.ts"].replace(/withIndex\("(\w+)"/, 'withIndex("$1_missing"')],
      [helper, files[helper].replace(/withIndex\("(\w+)"/, 'withIndex("$1_gone"')],
      ["convex/schema.ts", files["convex/schema.ts"].replace(/\.index\("(\w+)"/, '.index("$1_renamed"')],
    ];
    for (const [file, text] of edits) {
      expect(text).not.toBe(files[file]);
      files[file] = text;
      const { analysed } = state.update(file, text);
      // The edited file at once; the function files importing a helper afterwards, one by one.
      if (file === "convex/tasks.ts") expect(analysed).toEqual([file]);
      if (file === helper) {
        expect(state.staleCount).toBeGreaterThan(0);
        while (state.refreshOne());
      }
      expectFileDiagnosticsConsistent(state);
      // Without a whole analysis, only an "unused index" may be withheld (a deleted literal still counts).
      const whole = [...wholeProject(files)];
      expect(state.findings().filter((f) => f.code !== "OPT105")).toEqual(whole.filter((f) => f.code !== "OPT105"));
      state.markAllStale();
      while (state.refreshOne());
      expect(state.findings().filter((f) => f.code !== "OPT105")).toEqual(whole.filter((f) => f.code !== "OPT105"));
      state.reanalyseAll();
      expect(state.findings()).toEqual(whole);
      expectFileDiagnosticsConsistent(state);
    }
  });

  it("a schema that stops parsing is reported once, by the schema parser, and the analysis knows it is incomplete", () => {
    const files = readTree(path.join(FIXTURES, "task-tracker", "convex"), path.join(FIXTURES, "task-tracker"));
    const state = new ProjectState({ files, entry: "convex/schema.ts" });
    expect(state.analysis().complete).toBe(true);
    state.update("convex/schema.ts", files["convex/schema.ts"].replace("defineSchema({", "defineSchema({ ,"));
    expect(
      state
        .diagnostics()
        .get("convex/schema.ts")!
        .map((d) => d.code),
    ).toEqual(["SA001"]);
    expect(state.analysis().complete).toBe(false); // as analyzeProject says of a project with a file it cannot parse
    expectFileDiagnosticsConsistent(state);
    state.update("convex/schema.ts", files["convex/schema.ts"]);
    expect(state.analysis().complete).toBe(true);
    expect(state.findings()).toEqual([...wholeProject(files)]);
  });
});
