/**
 * Static analysis of a project's Convex functions: every database read and write, attributed to the function
 * that reaches it, with the index, ranges, filters, order and terminal of each query.
 */
import type { Diagnostic, SchemaModel } from "../../schema/model";
import type { Analysis, DbAccess, FunctionRef, NotAnalysed } from "../types";
import type { ParsedFile } from "./ast";
import type { Node } from "./ast";
import { child, childNodes, children, identName, locOf, memberName, parseFile, stringValue, unwrap } from "./ast";
import type { Frame, Run } from "./evaluate";
import { Evaluator, Scope } from "./evaluate";
import type { FoundFunction } from "./functions";
import { findFunctions, isFunctionFile, registeredLooking } from "./functions";
import type { ModuleInfo, PathAlias } from "./modules";
import { readModule, resolveLocal } from "./modules";
import { argsValue } from "./predicates";
import { mergeVariants } from "./variants";
import type { Value } from "./values";
import { memberOf, UNKNOWN } from "./values";
import { CRPC_NEXT, crpcOptions } from "./crpc";

export interface AnalyzeInput {
  /** Project files by path relative to the project root, e.g. `"convex/tasks.ts"`. */
  files: Record<string, string>;
  /** Import aliases of the functions' tsconfig (`"@cvx/*"` → `"convex/*"`); without them "@/x" is "<root>/x". */
  aliases?: PathAlias[];
  /** The functions folder (`ProjectFiles.functionsDir`, from convex.json); without it, files under a `convex/` folder. */
  functionsDir?: string;
}

export interface AnalyzeOptions {
  /** The parsed schema: lets document fields typed `v.id("t")` give ids of "t". */
  schema?: SchemaModel;
}

export type { PathAlias };

const SOURCE = /\.(ts|tsx|js|jsx|mjs|cts|mts)$/;

function isSource(file: string): boolean {
  return (
    SOURCE.test(file) && !file.endsWith(".d.ts") && !file.includes("node_modules/") && !file.includes("/_generated/")
  );
}

/**
 * Analyses every Convex function in `input.files`. Pure: the files are given as data.
 * Whatever cannot be followed statically is listed in `notAnalysed`, never guessed.
 */
export function analyzeProject(input: AnalyzeInput, options: AnalyzeOptions = {}): Analysis {
  const paths = Object.keys(input.files).filter(isSource).sort();
  const fileSet = new Set(paths);
  const modules = new Map<string, ModuleInfo>();
  const errors: Diagnostic[] = [];
  for (const file of paths) {
    const outcome = parseFile(file, input.files[file]);
    if (!outcome.ok) {
      errors.push({
        code: "OPT001",
        severity: "error",
        message: `File "${file}" could not be parsed: ${outcome.message}`,
        loc: outcome.loc,
      });
      continue;
    }
    modules.set(file, readModule(outcome.parsed, fileSet, input.aliases));
  }
  // Unresolved imports are not reported by themselves: handing the database to one is (see unknownCall).
  const notAnalysed: NotAnalysed[] = [];
  const functions: FunctionRef[] = [];
  const accesses: DbAccess[] = [];
  const consumed = new Set<string>();
  for (const m of modules.values()) {
    if (!isFunctionFile(m.parsed.file, input.functionsDir)) continue;
    for (const found of findFunctions(modules, m, input.functionsDir)) {
      functions.push(found.ref);
      const run = analyzeFunction(modules, found, consumed, options.schema);
      accesses.push(...mergeVariants(run.accesses));
      notAnalysed.push(...run.notAnalysed);
    }
  }
  if (functions.length === 0 && options.schema) notAnalysed.push(...unrecognisedFunctions(modules, input.functionsDir));
  const complete = errors.length === 0 && modules.size > 0;
  // Index names the analysis read on a known table are accounted for by those accesses; the rest may be used by
  // code it did not follow (a name kept in a constant, a computed table), so they count as used on every table.
  const literals = new Set<string>();
  for (const m of modules.values()) {
    const found = new Map<number, string>();
    collectLiterals(m.parsed.program, found);
    for (const [start, value] of found) if (!consumed.has(`${m.parsed.file}:${start}`)) literals.add(value);
  }
  return { functions, accesses, notAnalysed, errors, complete, literals: [...literals].sort() };
}

/**
 * A project with a schema whose files yield no function at all, though some export what looks registered: one
 * entry per file, naming the first such export, so the silence is explained (the builder is not known).
 */
function unrecognisedFunctions(modules: Map<string, ModuleInfo>, functionsDir?: string): NotAnalysed[] {
  const out: NotAnalysed[] = [];
  for (const m of modules.values()) {
    if (!isFunctionFile(m.parsed.file, functionsDir)) continue;
    const found = registeredLooking(m);
    if (!found.length) continue;
    const first = found[0];
    const more = found.length > 1 ? ` and ${found.length - 1} more` : "";
    out.push({
      loc: locOf(m.parsed, first.node),
      reason: `No Convex function was recognised in the project, though "${first.name}" (\`${first.callee.slice(0, 60)}(…)\`)${more} look registered: their builder is not known to the analysis.`,
      affectsIndexes: true,
    });
  }
  return out;
}

function analyzeFunction(
  modules: Map<string, ModuleInfo>,
  found: FoundFunction,
  consumed: Set<string>,
  schema?: SchemaModel,
): Run {
  const run: Run = {
    modules,
    schema,
    fn: found.ref,
    via: [],
    accesses: [],
    notAnalysed: [],
    stack: [],
    states: [],
    uncalled: new Map(),
    consumed,
  };
  const ev = new Evaluator(run);
  const moduleScope = new Scope(found.module);
  const frame: Frame = { module: found.module, scope: moduleScope, depth: 0 };
  // Custom builders run first; the ctx fields they add (`ctx.user`, `ctx.session`) reach the handler.
  const extra = new Map<string, Value>();
  for (const c of found.customizations) {
    const fn = ev.fnValue(c.node, { ...frame, module: c.module, scope: new Scope(c.module) }, "customization");
    const given: Value = { k: "ctx", extra: new Map(extra) };
    const ret =
      c.form === "crpc"
        ? ev.callFunction(fn, [crpcOptions({ ctx: given, next: CRPC_NEXT, input: UNKNOWN })], frame)
        : ev.callFunction(fn, [given, argsValue(c.args)], frame);
    const added = c.form === "input" || c.form === "crpc" ? memberOf(ret, "ctx") : ret;
    if (added.k === "obj") for (const [k, v] of added.props) if (k !== "db") extra.set(k, v);
  }
  const ctx: Value = { k: "ctx", extra };
  const handler = handlerValue(ev, found, frame);
  if (!handler) {
    const at = found.handler ?? found.module.parsed.program;
    ev.notAnalysed(at, frame, `The handler of "${found.ref.name}" could not be found statically.`, undefined, true);
  } else {
    ev.callFunction(
      handler,
      found.crpc
        ? [crpcOptions({ ctx, input: UNKNOWN })]
        : [ctx, argsValue(argsNode(modules, found.module, found.args))],
      frame,
    );
  }
  // Closures that were created but never called directly (callbacks handed to other code) run once.
  while (run.uncalled.size) {
    const [node, { value }] = run.uncalled.entries().next().value as [unknown, { value: Extract<Value, { k: "fn" }> }];
    run.uncalled.delete(node as never);
    ev.callFunction(value, [], frame);
  }
  const seen = new Set<object>();
  for (const s of run.states) {
    if (s.tracker.used || seen.has(s.tracker)) continue;
    seen.add(s.tracker);
    const entry: NotAnalysed = {
      function: found.ref.name,
      loc: locOf(s.module.parsed as ParsedFile, s.origin),
      reason: `A query on ${s.computed ? `the table named by \`${s.computed.text}\`` : `"${s.table}"`} is built but how it is run could not be followed.`,
      table: s.table || undefined,
      affectsIndexes: true,
    };
    if (s.computed?.tables) entry.tables = s.computed.tables;
    run.notAnalysed.push(entry);
  }
  return run;
}

function handlerValue(ev: Evaluator, found: FoundFunction, frame: Frame): Extract<Value, { k: "fn" }> | undefined {
  if (!found.handler) return undefined;
  const v = ev.expr(found.handler, frame);
  if (v.k !== "fn") return undefined;
  ev.run.uncalled.delete(v.node);
  // Give the handler a closure so it is not listed as a helper in `via`.
  return { ...v, closure: v.closure ?? new Scope(v.module) };
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const DECLARATIONS = new Set(["index", "searchIndex", "vectorIndex"]);

/** Identifier-like string literals by offset, skipping the names declared by `.index("name", ...)` and its kin. */
function collectLiterals(node: Node, out: Map<number, string>): void {
  if (node.type === "Literal" && typeof node.value === "string" && IDENT.test(node.value))
    out.set(node.start, node.value);
  const tpl = node.type === "TemplateLiteral" ? stringValue(node) : undefined;
  if (tpl !== undefined && IDENT.test(tpl)) out.set(node.start, tpl);
  if (node.type === "CallExpression") {
    const callee = unwrap(child(node, "callee") as Node);
    const args = children(node, "arguments");
    if (DECLARATIONS.has(memberName(callee) ?? "")) {
      collectLiterals(callee, out);
      for (const a of args.slice(1)) collectLiterals(a, out);
      return;
    }
  }
  for (const c of childNodes(node)) collectLiterals(c, out);
}

/**
 * The `args` validator object of a function: written inline, or a top-level constant it names (`args: updateArgs`,
 * also imported), so the ids it declares keep their tables.
 */
function argsNode(modules: Map<string, ModuleInfo>, m: ModuleInfo, node: Node | undefined): Node | undefined {
  const name = node ? identName(unwrap(node)) : undefined;
  if (!name) return node;
  const found = resolveLocal(modules, m, name);
  return found && !found.keys ? found.node : node;
}
