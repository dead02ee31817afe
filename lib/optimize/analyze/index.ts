/**
 * Static analysis of a project's Convex functions: every database read and write, attributed to the function
 * that reaches it, with the index, ranges, filters, order and terminal of each query.
 */
import type { Diagnostic, SchemaModel } from "../../schema/model";
import type { Analysis, DbAccess, FunctionRef, NotAnalysed } from "../types";
import type { ParsedFile } from "./ast";
import type { Node } from "./ast";
import {
  child,
  childNodes,
  children,
  identName,
  locOf,
  memberName,
  parseFile,
  propertyKeyName,
  stringValue,
  unwrap,
} from "./ast";
import type { Frame, Run } from "./evaluate";
import { chosenIndex, Evaluator, Scope } from "./evaluate";
import type { FoundFunction } from "./functions";
import { findFunctions, isFunctionFile, registeredLooking } from "./functions";
import type { ModuleInfo, PathAlias } from "./modules";
import { isRelative, readModule, resolveLocal } from "./modules";
import { argsValue } from "./predicates";
import { terminal } from "./queries";
import { mergeVariants } from "./variants";
import type { QueryState, Value } from "./values";
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
  // Index names the analysis read on a known table are accounted for by those accesses, field names are no index
  // names; the rest may be used by code it did not follow (a name kept in a constant, a computed table), so they
  // count as used on every table.
  const literals = new Set<string>();
  const exact = new Set<string>();
  const patterns = new Map<string, string[]>();
  for (const m of modules.values()) {
    const roles = literalRoles(m.parsed.program);
    const found = new Map<number, string>();
    collectLiterals(m.parsed.program, found);
    for (const [start, value] of found)
      if (!consumed.has(`${m.parsed.file}:${start}`) && !roles.fields.has(start)) literals.add(value);
    const skip = (n: Node) => roles.fields.has(n.start) || roles.fixedIndexes.has(n.start);
    collectNames(m.parsed.program, skip, exact, patterns);
  }
  return {
    functions,
    accesses,
    notAnalysed,
    errors,
    complete,
    literals: [...literals].sort(),
    names: { exact: [...exact].sort(), patterns: [...patterns.values()] },
    packages: importedPackages(modules),
  };
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
  // An action's ctx has no database: it reaches tables only through other registered functions (analysed apart).
  const action = ACTION_KINDS.has(found.ref.kind);
  // Custom builders run first; the ctx fields they add (`ctx.user`, `ctx.session`) reach the handler.
  const extra = new Map<string, Value>();
  for (const c of found.customizations) {
    const fn = ev.fnValue(c.node, { ...frame, module: c.module, scope: new Scope(c.module) }, "customization");
    const given: Value = { k: "ctx", extra: new Map(extra), ...(action ? { action } : {}) };
    const ret =
      c.form === "crpc"
        ? ev.callFunction(fn, [crpcOptions({ ctx: given, next: CRPC_NEXT, input: UNKNOWN })], frame)
        : ev.callFunction(fn, [given, argsValue(c.args)], frame);
    const added = c.form === "input" || c.form === "crpc" ? memberOf(ret, "ctx") : ret;
    if (added.k === "obj") for (const [k, v] of added.props) if (k !== "db") extra.set(k, v);
  }
  const ctx: Value = { k: "ctx", extra, ...(action ? { action } : {}) };
  const handler = handlerValue(ev, found, frame);
  if (found.migration) {
    runMigration(ev, found.migration, ctx, frame);
  } else if (!handler) {
    const at = found.handler ?? found.module.parsed.program;
    const entry = ev.notAnalysed(
      at,
      frame,
      `The handler of "${found.ref.name}" could not be found statically.`,
      undefined,
      true,
    );
    if (action) entry.vectorOnly = true;
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
    const chosen = chosenIndex(s);
    if (chosen) entry.indexes = [chosen];
    run.notAnalysed.push(entry);
  }
  return run;
}

/**
 * A migration's work: the library pages through the table (in `customRange`'s index range, when given) and calls
 * `migrateOne(ctx, doc)` for each document.
 */
function runMigration(ev: Evaluator, mig: NonNullable<FoundFunction["migration"]>, ctx: Value, frame: Frame): void {
  const table = mig.table ? stringValue(mig.table) : undefined;
  if (!table) {
    const at = mig.table ?? mig.node;
    ev.notAnalysed(at, frame, "The table this migration pages through is computed at run time.", undefined, true);
  } else {
    const state: QueryState = {
      table,
      origin: mig.node,
      module: frame.module,
      operation: "query",
      filters: [],
      steps: [],
      node: mig.node,
      tracker: { used: true },
    };
    let query: Value = { k: "query", states: [state] };
    const range = mig.customRange ? ev.expr(mig.customRange, frame) : undefined;
    if (range?.k === "fn") query = ev.callFunction(range, [query], frame);
    if (query.k === "query") for (const s of query.states) terminal(ev, s, "paginate", [], mig.node, frame);
    else
      ev.notAnalysed(
        mig.customRange ?? mig.node,
        frame,
        "The range this migration reads could not be followed.",
        table,
        true,
      );
  }
  const one = mig.migrateOne ? ev.expr(mig.migrateOne, frame) : undefined;
  if (one?.k === "fn") {
    ev.run.uncalled.delete(one.node);
    ev.callFunction(
      { ...one, closure: one.closure ?? new Scope(one.module) },
      [ctx, table ? { k: "doc", table } : UNKNOWN],
      frame,
    );
  }
}

function handlerValue(ev: Evaluator, found: FoundFunction, frame: Frame): Extract<Value, { k: "fn" }> | undefined {
  if (!found.handler) return undefined;
  const v = ev.expr(found.handler, frame);
  if (v.k !== "fn") return undefined;
  ev.run.uncalled.delete(v.node);
  // Give the handler a closure so it is not listed as a helper in `via`.
  return { ...v, closure: v.closure ?? new Scope(v.module) };
}

const ACTION_KINDS = new Set<FunctionRef["kind"]>(["action", "internalAction", "httpAction"]);

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
    // The schema's declarations (tables, validators, an index's name and fields) name no index a function uses.
    if (SCHEMA_CALLS.has(identName(callee) ?? "")) return;
    if (DECLARATIONS.has(memberName(callee) ?? "")) return collectLiterals(callee, out);
  }
  for (const c of childNodes(node)) collectLiterals(c, out);
}

const NAME_PART = /^[\w$]*$/;
const SCHEMA_CALLS = new Set(["defineSchema", "defineTable", "defineEnt", "defineEntSchema"]);
const RANGE_METHODS = new Set(["eq", "gt", "gte", "lt", "lte", "search"]);

/**
 * Literals whose role is plain from the code around them, by offset: field names (`q.field("x")` in a filter,
 * `q.eq("x", …)` in an index range) and index names given to a query on a table written in place
 * (`db.query("t").withIndex("by_x")`, `ctx.table("t", "by_x")`, `vectorSearch("t", "by_x")`), which can only
 * ever apply to that table.
 */
function literalRoles(program: Node): { fields: Set<number>; fixedIndexes: Set<number> } {
  const fields = new Set<number>();
  const fixedIndexes = new Set<number>();
  const literal = (n: Node | undefined) => (n && stringValue(n) !== undefined ? unwrap(n) : undefined);
  const markFields = (fn: Node | undefined, methods: Set<string>) => {
    const f = fn ? unwrap(fn) : undefined;
    if (!f || (f.type !== "ArrowFunctionExpression" && f.type !== "FunctionExpression")) return;
    const walk = (node: Node): void => {
      if (node.type === "CallExpression") {
        const callee = unwrap(child(node, "callee") as Node);
        const first = literal(children(node, "arguments")[0]);
        if (first && methods.has(memberName(callee) ?? "")) fields.add(first.start);
      }
      for (const c of childNodes(node)) walk(c);
    };
    walk(child(f, "body") as Node);
  };
  const walk = (node: Node): void => {
    if (node.type === "CallExpression") {
      const callee = unwrap(child(node, "callee") as Node);
      const method = memberName(callee);
      const args = children(node, "arguments");
      if (method === "withIndex" || method === "withSearchIndex") {
        markFields(args[1], RANGE_METHODS);
        const on = unwrap(child(callee, "object") as Node);
        const name = literal(args[0]);
        const onTable = on.type === "CallExpression" && memberName(unwrap(child(on, "callee") as Node)) === "query";
        if (name && onTable && literal(children(on, "arguments")[0])) fixedIndexes.add(name.start);
      } else if (method === "filter") {
        markFields(args[0], new Set(["field"]));
      } else if ((method === "table" || method === "vectorSearch") && literal(args[0]) && literal(args[1])) {
        fixedIndexes.add((literal(args[1]) as Node).start);
        if (method === "table") markFields(args[2], RANGE_METHODS);
      }
    }
    for (const c of childNodes(node)) walk(c);
  };
  walk(program);
  return { fields, fixedIndexes };
}

/**
 * What the code could name an index with (see `Analysis.names`): identifier-like string literals except field
 * names and index names given to a query on a table written in place (`skip`), property keys, and the fixed parts of
 * template literals and `+` concatenations that could form a name (only name characters, some letter among them).
 * The schema's own declarations (`defineTable(…)`, `.index("name", […])`) name nothing that uses an index.
 */
function collectNames(
  node: Node,
  skip: (n: Node) => boolean,
  exact: Set<string>,
  patterns: Map<string, string[]>,
): void {
  const add = (parts: string[]) => {
    if (parts.every((p) => NAME_PART.test(p)) && parts.some((p) => /[A-Za-z]/.test(p)))
      patterns.set(JSON.stringify(parts), parts);
  };
  const text = stringValue(node);
  if (text !== undefined && (node.type === "Literal" || node.type === "TemplateLiteral")) {
    if (IDENT.test(text) && !skip(node)) exact.add(text);
    return;
  }
  if (node.type === "TemplateLiteral") add(templateParts(node));
  if (node.type === "BinaryExpression" && node.operator === "+") {
    // The whole chain is one pattern; its inner `+` nodes would be looser ones (`"by_" + f` of `"by_" + f + "_at"`).
    const operands = concatOperands(node);
    const parts = concatParts(operands);
    if (parts) add(parts);
    for (const o of operands) collectNames(o, skip, exact, patterns);
    return;
  }
  if (
    (node.type === "Property" || node.type === "PropertyDefinition" || node.type === "MethodDefinition") &&
    !node.computed
  ) {
    const key = propertyKeyName(node);
    if (key && IDENT.test(key)) exact.add(key);
  }
  if (node.type === "CallExpression") {
    const callee = unwrap(child(node, "callee") as Node);
    if (SCHEMA_CALLS.has(identName(callee) ?? "")) return;
    if (DECLARATIONS.has(memberName(callee) ?? "")) return collectNames(callee, skip, exact, patterns);
  }
  for (const c of childNodes(node)) collectNames(c, skip, exact, patterns);
}

/** A template literal's fixed texts (one more than its computed parts). */
function templateParts(node: Node): string[] {
  return children(node, "quasis").map((q) => (q.value as { cooked?: string } | undefined)?.cooked ?? "");
}

/** The operands of a `+` chain, left to right. */
function concatOperands(node: Node): Node[] {
  const operands: Node[] = [];
  const flatten = (n: Node) => {
    const u = unwrap(n);
    if (u.type === "BinaryExpression" && u.operator === "+") {
      flatten(child(u, "left") as Node);
      flatten(child(u, "right") as Node);
    } else operands.push(u);
  };
  flatten(node);
  return operands;
}

/** `"by_" + field + "_at"` as fixed texts around computed parts, or undefined when no part is a string. */
function concatParts(operands: Node[]): string[] | undefined {
  let parts: string[] = [""];
  let anyString = false;
  for (const o of operands) {
    const s = stringValue(o);
    if (s !== undefined) {
      anyString = true;
      parts[parts.length - 1] += s;
    } else if (o.type === "TemplateLiteral") {
      anyString = true;
      const t = templateParts(o);
      parts[parts.length - 1] += t[0];
      parts = [...parts, ...t.slice(1)];
    } else parts.push("");
  }
  return anyString ? parts : undefined;
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

/** Package specifiers the modules import values from (not relative, not resolved to a project file). */
function importedPackages(modules: Map<string, ModuleInfo>): string[] {
  const out = new Set<string>();
  for (const m of modules.values())
    for (const imp of m.imports.values()) if (!imp.file && !isRelative(imp.spec)) out.add(imp.spec);
  return [...out].sort();
}
