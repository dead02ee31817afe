/** Database calls: `db.get/insert/patch/replace/delete/query`, `ctx.vectorSearch`, and query builder methods. */
import type { CompareOp, DbAccess, DbOperation, FilterCall, IndexUse, SearchUse, TerminalKind } from "../types";
import type { Node } from "./ast";
import { child, locOf, numberValue, stringValue, unwrap } from "./ast";
import type { Evaluator, Frame } from "./evaluate";
import { entsQueryMethod } from "./ents";
import { orderFreeUse } from "./order-use";
import { callbackBody, computedFieldPaths, parsePredicate, parseRangeSteps, predicateFields } from "./predicates";
import type { QueryState, Value } from "./values";
import { join, strings, UNKNOWN } from "./values";

const WRITES: Record<string, DbOperation> = { patch: "patch", replace: "replace", delete: "delete" };
const TERMINALS = new Set<string>(["collect", "take", "first", "unique", "paginate", "iterate"]);

/** A method call on `ctx.db` (or `ctx.vectorSearch`). */
export function dbCall(ev: Evaluator, method: string, argNodes: Node[], n: Node, frame: Frame): Value {
  const args = argNodes.map((a) => ev.expr(a, frame));
  const str = (i: number): string | undefined => (args[i]?.k === "str" ? (args[i] as { v: string }).v : undefined);
  const record = (table: string, operation: DbOperation, mode: "read" | "write", value?: Node): void => {
    const access = baseAccess(ev, frame, n, table, operation, mode);
    const written = value ? objectKeys(value) : undefined;
    if (written) access.writeFields = written;
    ev.run.accesses.push(access);
  };
  const idTable = (v: Value | undefined): string | undefined => (v?.k === "id" ? v.table : undefined);
  switch (method) {
    case "query": {
      const table = str(0);
      if (!table) return computedQuery(ev, args[0], argNodes[0], n, frame);
      const state: QueryState = {
        table,
        origin: n,
        module: frame.module,
        operation: "query",
        filters: [],
        steps: [],
        node: n,
        tracker: { used: false },
      };
      ev.run.states.push(state);
      return { k: "query", states: [state] };
    }
    case "get": {
      const table = args.length >= 2 ? str(0) : idTable(args[0]);
      if (!table) {
        ev.notAnalysed(n, frame, "The table of this id is not known statically.", undefined, false);
        return UNKNOWN;
      }
      record(table, "get", "read");
      return { k: "doc", table };
    }
    case "insert": {
      const table = str(0);
      if (!table) {
        ev.notAnalysed(n, frame, "The table name of this insert is computed at run time.", undefined, false);
        return UNKNOWN;
      }
      record(table, "insert", "write", argNodes[1]);
      return { k: "id", table };
    }
    case "patch":
    case "replace":
    case "delete": {
      const explicit = args.length >= (method === "delete" ? 2 : 3);
      const table = explicit ? str(0) : idTable(args[0]);
      if (!table) {
        ev.notAnalysed(
          n,
          frame,
          `The table of the id passed to "${method}" is not known statically.`,
          undefined,
          false,
        );
        return UNKNOWN;
      }
      record(table, WRITES[method], "write", method === "delete" ? undefined : argNodes[explicit ? 2 : 1]);
      return UNKNOWN;
    }
    case "vectorSearch": {
      const table = str(0);
      const index = str(1);
      if (!table || !index) {
        ev.notAnalysed(n, frame, "The table or index of this vector search is computed at run time.", table, true);
        return UNKNOWN;
      }
      ev.consume(argNodes[1], frame);
      const access = baseAccess(ev, frame, n, table, "vectorSearch", "read");
      access.index = { name: index, loc: locOf(frame.module.parsed, argNodes[1]), eq: [], range: [], steps: [] };
      ev.run.accesses.push(access);
      return { k: "array", el: UNKNOWN };
    }
    case "normalizeId": {
      const table = str(0);
      return table ? { k: "id", table } : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/**
 * The top-level keys an object literal written by insert/patch/replace names, or undefined when they are not all
 * known (a spread, a computed key, a value that is not an object literal such as `args`).
 */
function objectKeys(node: Node): string[] | undefined {
  const obj = unwrap(node);
  if (obj.type !== "ObjectExpression") return undefined;
  const keys: string[] = [];
  for (const p of (obj.properties as Node[] | undefined) ?? []) {
    if (p.type !== "Property" || p.computed) return undefined;
    const key = child(p, "key");
    const name = key?.type === "Identifier" ? (key.name as string) : key ? stringValue(key) : undefined;
    if (name === undefined) return undefined;
    keys.push(name);
  }
  return keys;
}

/**
 * `ctx.db.query(args.table)`: followed like any query, so a scan of the whole table is still seen. Until the chain
 * picks an index it can use none; `withIndex(name)` limits it to the tables declaring `name`.
 */
function computedQuery(ev: Evaluator, value: Value | undefined, node: Node | undefined, n: Node, frame: Frame): Value {
  const known = value ? strings(value) : undefined;
  const at = node ? unwrap(node) : undefined;
  const text = at ? frame.module.parsed.source.slice(at.start, Math.min(at.end, at.start + 60)) : "?";
  const entry = ev.notAnalysed(
    n,
    frame,
    `The table name of this query is computed at run time (\`${text}\`${known ? `: one of ${known.join(", ")}` : ""}).`,
    undefined,
    false,
    known,
  );
  const state: QueryState = {
    table: "",
    computed: { text, tables: known, entry },
    origin: n,
    module: frame.module,
    operation: "query",
    filters: [],
    steps: [],
    node: n,
    tracker: { used: false },
  };
  ev.run.states.push(state);
  return { k: "query", states: [state] };
}

/** Records a plain access (get, insert, write) at `n`. */
export function recordAccess(
  ev: Evaluator,
  frame: Frame,
  n: Node,
  table: string,
  operation: DbOperation,
  mode: "read" | "write",
): void {
  ev.run.accesses.push(baseAccess(ev, frame, n, table, operation, mode));
}

function baseAccess(
  ev: Evaluator,
  frame: Frame,
  n: Node,
  table: string,
  operation: DbOperation,
  mode: "read" | "write",
): DbAccess {
  const fn = ev.run.fn;
  return {
    function: fn.name,
    functionKind: fn.kind,
    file: fn.file,
    loc: locOf(frame.module.parsed, n),
    via: [...ev.run.via],
    table,
    operation,
    mode,
    filters: [],
    equalityFields: [],
    rangeFields: [],
    filterFields: [],
  };
}

/** A method call on a query builder value (each alternative state is continued separately). */
export function queryCall(
  ev: Evaluator,
  q: Extract<Value, { k: "query" }>,
  method: string,
  argNodes: Node[],
  n: Node,
  frame: Frame,
): Value {
  for (const s of q.states) s.tracker.used = true;
  // Evaluate arguments for their own effects (values inside callbacks, e.g. `q.eq("a", await helper(ctx))`).
  for (const a of argNodes) {
    const cb = callbackBody(a);
    if (cb) ev.expr(cb.body, frame);
    else ev.expr(a, frame);
  }
  const results: Value[] = q.states.map((s) => continueState(ev, s, method, argNodes, n, frame));
  const states = results.flatMap((r) => (r.k === "query" ? r.states : []));
  if (states.length === results.length) return { k: "query", states };
  return results[0] ?? UNKNOWN;
}

function continueState(ev: Evaluator, s: QueryState, method: string, argNodes: Node[], n: Node, frame: Frame): Value {
  const ents = s.ents ? entsQueryMethod(ev, s, method, argNodes, n, frame) : undefined;
  if (ents) return ents;
  const next = (patch: Partial<QueryState>): Value => {
    // Each step has its own tracker: a chain whose last step is lost (joined with a value not known) is noted.
    const state: QueryState = { ...s, ...patch, steps: [...s.steps, method], node: n, tracker: { used: false } };
    ev.run.states.push(state);
    return { k: "query", states: [state] };
  };
  const f = frame.module.parsed;
  switch (method) {
    case "withIndex":
    case "withSearchIndex": {
      const literal = stringValue(argNodes[0]);
      const names = literal !== undefined ? [literal] : indexNames(ev, argNodes[0], frame);
      if (s.computed) {
        // The index narrows the tables this query can be on: those declaring it (all of them when unknown).
        const entry = s.computed.entry;
        entry.affectsIndexes = true;
        const schema = ev.run.schema;
        if (names && schema) {
          const declaring = schema.tables
            .filter((t) => [...t.indexes, ...t.searchIndexes].some((i) => names.includes(i.name)))
            .map((t) => t.name);
          entry.tables = (entry.tables ?? declaring).filter((t) => declaring.includes(t));
        }
        // ... and the indexes it can use to the ones named.
        if (names) entry.indexes = [...new Set([...(entry.indexes ?? []), ...names])];
        else entry.indexNameUnknown = true;
      } else if (!names) {
        const entry = ev.notAnalysed(
          n,
          frame,
          `The index name used on "${s.table}" is computed at run time.`,
          s.table,
          true,
        );
        entry.indexNameUnknown = true;
        return UNKNOWN;
      } else if (literal !== undefined) {
        ev.consume(argNodes[0], frame);
      }
      if (!names) return UNKNOWN;
      // A name that is one of a few strings (`withSearchIndex(indexName)` called with "a" or "b"): one query each.
      const variants = names.map((name) =>
        method === "withIndex"
          ? next({ index: indexUse(name, argNodes[1], f, n) })
          : next({ search: searchUse(name, argNodes[1], f, n) }),
      );
      return variants.length === 1 ? variants[0] : variants.reduce(join);
    }
    case "filter":
      return next({ filters: [...s.filters, filterCall(s, argNodes[0], n, frame)] });
    case "order": {
      const dir = stringValue(argNodes[0]);
      return next({ order: dir === "asc" || dir === "desc" ? dir : "dynamic" });
    }
    case "fullTableScan":
      return next({});
    default:
      if (TERMINALS.has(method)) return terminal(ev, s, method as TerminalKind, argNodes, n, frame);
      ev.notAnalysed(
        n,
        frame,
        `The query method "${method}" on "${s.table || s.computed?.text}" is not known to the analysis.`,
        s.table || undefined,
        true,
        s.computed?.tables,
      );
      return UNKNOWN;
  }
}

export function terminal(
  ev: Evaluator,
  s: QueryState,
  kind: TerminalKind,
  argNodes: Node[],
  n: Node,
  frame: Frame,
): Value {
  s.tracker.used = true;
  const access = baseAccess(ev, frame, s.origin, s.table, "query", "read");
  access.loc = locOf(s.module.parsed, s.origin);
  access.index = s.index;
  access.search = s.search;
  access.filters = s.filters;
  access.order = s.order;
  const nArg = kind === "take" ? (numberValue(argNodes[0]) ?? "dynamic") : undefined;
  const at = kind === "iterate" ? locOf(frame.module.parsed, n) : methodLoc(frame.module.parsed, n);
  access.terminal = { kind, loc: at, ...(nArg !== undefined ? { n: nArg } : {}) };
  if (kind === "collect" || kind === "iterate") {
    const free = orderFreeUse(frame.module.parsed.program, n, kind);
    if (free) access.orderFree = free;
  }
  access.equalityFields = s.index?.eq ?? s.search?.eq ?? [];
  access.rangeFields = s.index?.range ?? [];
  access.filterFields = [...new Set(s.filters.flatMap((fc) => predicateFields(fc.predicate)))];
  if (s.computed)
    access.computedTable = { text: s.computed.text, ...(s.computed.tables ? { tables: s.computed.tables } : {}) };
  ev.run.accesses.push(access);
  const doc: Value = s.computed ? UNKNOWN : { k: "doc", table: s.table };
  if (kind === "first" || kind === "unique" || kind === "iterate") return doc;
  if (kind === "paginate") return { k: "obj", props: new Map([["page", { k: "array", el: doc }]]) };
  return { k: "array", el: doc, source: access };
}

/** Where the method name of a call `x.method(...)` is (a call's own start is the start of its whole chain). */
function methodLoc(f: Frame["module"]["parsed"], n: Node): ReturnType<typeof locOf> {
  const c = child(n, "callee");
  if (!c) return locOf(f, n);
  return locOf(f, child(unwrap(c), "property") ?? n);
}

export function indexUse(name: string, cb: Node | undefined, f: Frame["module"]["parsed"], n: Node): IndexUse {
  const use: IndexUse = { name, loc: methodLoc(f, n), eq: [], range: [], steps: [], callEnd: n.end };
  const body = callbackBody(cb);
  if (body) use.rangeEnd = body.body.end;
  const steps = parseRangeSteps(cb);
  if (!steps || steps.some((s) => !s.field || !["eq", "gt", "gte", "lt", "lte"].includes(s.method))) {
    use.opaque = true;
    return use;
  }
  for (const s of steps) {
    use.steps.push({ op: s.method as CompareOp, field: s.field as string });
    if (s.method === "eq") use.eq.push(s.field as string);
    else if (!use.range.includes(s.field as string)) use.range.push(s.field as string);
  }
  return use;
}

export function searchUse(name: string, cb: Node | undefined, f: Frame["module"]["parsed"], n: Node): SearchUse {
  const use: SearchUse = { name, loc: methodLoc(f, n), eq: [] };
  const steps = parseRangeSteps(cb);
  if (!steps || steps.some((s) => !s.field || (s.method !== "search" && s.method !== "eq"))) {
    use.opaque = true;
    return use;
  }
  for (const s of steps) {
    if (s.method === "search") use.searchField = s.field;
    else use.eq.push(s.field as string);
  }
  return use;
}

/**
 * The index names a non-literal `withIndex` argument can be: a variable or parameter holding one of a few known
 * strings. Only names and member chains are evaluated again (they have no effects).
 */
function indexNames(ev: Evaluator, node: Node | undefined, frame: Frame): string[] | undefined {
  const at = node ? unwrap(node) : undefined;
  if (!at || (at.type !== "Identifier" && at.type !== "MemberExpression")) return undefined;
  const known = strings(ev.expr(at, frame));
  return known?.length ? known : undefined;
}

function filterCall(s: QueryState, arg: Node | undefined, n: Node, frame: Frame): FilterCall {
  const f = frame.module.parsed;
  const callee = unwrap(child(n, "callee") as Node);
  const prop = child(callee, "property") as Node;
  const objectNode = unwrap(child(callee, "object") as Node);
  const cb = callbackBody(arg);
  const computed = cb ? computedFieldPaths(cb.body, cb.param, f.source) : [];
  return {
    predicate: cb ? parsePredicate(cb.body, cb.param, f.source) : { op: "opaque" },
    ...(computed.length ? { computedFields: computed } : {}),
    loc: locOf(f, prop),
    span: { start: prop.start, end: n.end },
    param: cb?.param,
    directlyAfterQuery: s.steps.length === 0 && objectNode === s.node && s.module === frame.module,
    directlyAfterIndex:
      s.steps.length === 1 && s.steps[0] === "withIndex" && objectNode === s.node && s.module === frame.module,
  };
}
