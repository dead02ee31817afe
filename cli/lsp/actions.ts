/**
 * Code actions: a lint finding's fix applied to the schema file by the surgical editor; "add index for this
 * query" (the optimizer's index advice for the queries on the selected lines); and "rewrite .filter to
 * .withIndex" where the codemod proves the rewrite keeps the query's meaning. Each action is a set of whole-file
 * results, turned into minimal text edits by the server.
 */
import { applyOperationsToSource } from "../../lib/schema";
import type { SchemaOperation } from "../../lib/schema/operations";
import { adviseIndexes, planCodemod } from "../../lib/optimize";
import type { ProjectState } from "./project-state";

export interface FileAction {
  title: string;
  kind: "quickfix" | "refactor.rewrite";
  /** New contents by project-relative file. */
  changed: Record<string, string>;
  /** Codes of the diagnostics it resolves. */
  codes: string[];
  preferred?: boolean;
}

/** Actions for 1-based lines [from, to] of a file. */
export function codeActions(state: ProjectState, file: string, from: number, to: number): FileAction[] {
  const schema = state.schema;
  if (!schema) return [];
  const entry = state.input.entry;
  const within = (loc?: { file: string; line: number }) =>
    !!loc && loc.file === file && loc.line >= from && loc.line <= to;
  const out: FileAction[] = [];
  const editSchema = (ops: SchemaOperation[]): string | undefined => {
    const source = state.files[entry];
    if (source === undefined) return undefined;
    const { aliases, packages, zodMajor } = state.input;
    const r = applyOperationsToSource(source, ops, entry, state.files, { aliases, packages, zodMajor });
    return r.ok && r.source !== source ? r.source : undefined;
  };

  for (const d of state.lint) {
    if (!within(d.loc)) continue;
    for (const fix of d.fixes ?? []) {
      const ops = fix.operations ?? [];
      if (!ops.length) continue;
      const edited = editSchema(ops);
      if (edited)
        out.push({
          title: `${d.code}: ${fix.description}`,
          kind: "quickfix",
          changed: { [entry]: edited },
          codes: [d.code],
          preferred: out.length === 0,
        });
    }
  }

  const accesses = state
    .analysis()
    .accesses.filter(
      (a) =>
        a.operation === "query" && [a.loc, a.index?.loc, a.terminal?.loc, ...a.filters.map((f) => f.loc)].some(within),
    );
  if (!accesses.length) return out;
  const codes = state
    .findings()
    .filter((f) => within(f.loc))
    .map((f) => f.code);
  const analysis = { ...state.analysis(), accesses };
  const rewriteOnly = planCodemod({
    files: state.files,
    schema,
    schemaFile: entry,
    analysis,
    advice: [],
    aliases: state.input.aliases,
  });
  for (const r of rewriteOnly.rewrites) {
    const changed = planCodemod({
      files: state.files,
      schema,
      schemaFile: entry,
      analysis: { ...analysis, accesses: accesses.filter((a) => a.filters[0]?.loc === r.loc) },
      advice: [],
      aliases: state.input.aliases,
    }).changed;
    out.push({
      title: `Rewrite .filter to .withIndex("${r.index}")`,
      kind: "quickfix",
      changed,
      codes,
      preferred: true,
    });
  }
  for (const advice of adviseIndexes(schema, accesses)) {
    if (advice.action !== "add") continue;
    const edited = editSchema(advice.operations);
    if (!edited) continue;
    const fields = advice.index.fields.join(", ");
    out.push({
      title: `Add index "${advice.index.name}" (${fields}) on "${advice.table}" to ${entry}`,
      kind: "quickfix",
      changed: { [entry]: edited },
      codes,
    });
    // With the index in place, the filter may become a withIndex: offer both in one step when the codemod proves it.
    if (rewriteOnly.rewrites.length) continue;
    const both = planCodemod({
      files: state.files,
      schema,
      schemaFile: entry,
      analysis,
      advice: [{ ...advice, strong: true }],
      aliases: state.input.aliases,
    });
    if (both.errors.length === 0 && both.rewrites.length) {
      out.push({
        title: `Add index "${advice.index.name}" and rewrite .filter to .withIndex`,
        kind: "quickfix",
        changed: both.changed,
        codes,
      });
    }
  }
  return out;
}
