/**
 * convex-ents: `ctx.table("users")` (from `entsTableFactory(ctx, entDefinitions)`) is a query builder with its own
 * methods. Read as the `ctx.db` queries it runs: `table(name, index, range)` is `withIndex`, awaiting the query (or
 * `.map`, `.docs`) collects it, `get(field, value)` reads the unique index convex-ents names after the field, and an
 * ent's `patch`/`replace`/`delete` write its table. Edges read through indexes convex-ents creates, never the
 * project's own: they are listed as not analysed without holding back unused-index claims.
 */
import type { Node } from "./ast";
import { stringValue } from "./ast";
import type { Evaluator, Frame } from "./evaluate";
import type { ImportBinding } from "./modules";
import { callbackBody } from "./predicates";
import { indexUse, recordAccess, searchUse, terminal } from "./queries";
import type { QueryState, Value } from "./values";
import { UNKNOWN } from "./values";

export function isEntsFactory(imp: ImportBinding): boolean {
  return imp.spec === "convex-ents" && imp.imported === "entsTableFactory";
}

/** `ctx.table("users")`, `ctx.table("messages", "by_channel", q => q.eq(...))`. */
export function entsTableCall(ev: Evaluator, argNodes: Node[], n: Node, frame: Frame): Value {
  const args = argNodes.map((a) => {
    const cb = callbackBody(a);
    return cb ? (ev.expr(cb.body, frame), UNKNOWN) : ev.expr(a, frame);
  });
  const table = args[0]?.k === "str" ? args[0].v : undefined;
  if (!table) {
    ev.notAnalysed(
      n,
      frame,
      "The table name given to ctx.table (convex-ents) is computed at run time.",
      undefined,
      true,
    );
    return UNKNOWN;
  }
  const state: QueryState = {
    table,
    origin: n,
    module: frame.module,
    operation: "query",
    filters: [],
    steps: [],
    node: n,
    tracker: { used: false },
    ents: true,
  };
  if (argNodes.length >= 2) {
    const name = stringValue(argNodes[1]);
    if (!name) {
      const entry = ev.notAnalysed(n, frame, `The index name used on "${table}" is computed at run time.`, table, true);
      entry.indexNameUnknown = true;
      return UNKNOWN;
    }
    ev.consume(argNodes[1], frame);
    state.index = indexUse(name, argNodes[2], frame.module.parsed, n);
    state.steps = ["withIndex"];
  }
  ev.run.states.push(state);
  return { k: "query", states: [state] };
}

const TERMINAL: Record<string, "collect" | "first" | "unique" | "take" | "paginate"> = {
  docs: "collect",
  map: "collect",
  first: "first",
  firstX: "first",
  unique: "unique",
  uniqueX: "unique",
};

/** A convex-ents method on a query state, or undefined when it is a `ctx.db` query method (filter, order, take…). */
export function entsQueryMethod(
  ev: Evaluator,
  s: QueryState,
  method: string,
  argNodes: Node[],
  n: Node,
  frame: Frame,
): Value | undefined {
  if (TERMINAL[method]) {
    const doc = terminal(ev, s, TERMINAL[method], argNodes, n, frame);
    if (method === "map") {
      const cb = ev.expr(argNodes[0] as Node, frame);
      if (cb.k === "fn") ev.callFunction(cb, [entDoc(s.table), UNKNOWN], frame);
    }
    return markEnts(doc);
  }
  switch (method) {
    case "get":
    case "getX": {
      if (argNodes.length >= 2) {
        // get(indexName, ...values): one value per leading field of the index; get("email", value) reads the
        // unique index convex-ents declares under the field's name.
        const name = stringValue(argNodes[0]);
        if (!name) return undefined;
        ev.consume(argNodes[0], frame);
        const table = ev.run.schema?.tables.find((t) => t.name === s.table);
        const declared = table?.indexes.find((i) => i.name === name);
        const fields = declared ? declared.fields.slice(0, argNodes.length - 1) : [name];
        const use = indexUse(name, undefined, frame.module.parsed, n);
        use.eq = fields;
        use.steps = fields.map((field) => ({ op: "eq", field }));
        terminal(ev, { ...s, index: use, steps: [...s.steps, "withIndex"] }, "unique", [], n, frame);
        return entDoc(s.table);
      }
      recordAccess(ev, frame, n, s.table, "get", "read");
      return entDoc(s.table);
    }
    case "getMany":
    case "getManyX":
      recordAccess(ev, frame, n, s.table, "get", "read");
      return { k: "array", el: entDoc(s.table) };
    case "normalizeId":
      // Checks an id string against the table: no read.
      return { k: "id", table: s.table };
    case "insert":
    case "insertMany":
      recordAccess(ev, frame, n, s.table, "insert", "write");
      return method === "insert" ? { k: "id", table: s.table } : { k: "array", el: { k: "id", table: s.table } };
    case "search": {
      const name = stringValue(argNodes[0]);
      if (!name) return undefined;
      ev.consume(argNodes[0], frame);
      const state: QueryState = {
        ...s,
        search: searchUse(name, argNodes[1], frame.module.parsed, n),
        steps: [...s.steps, "withSearchIndex"],
        node: n,
        tracker: { used: false },
      };
      ev.run.states.push(state);
      return { k: "query", states: [state] };
    }
    default:
      return undefined;
  }
}

/** `await ctx.table("users")`: convex-ents reads every document of the query. */
export function awaitEnts(ev: Evaluator, q: Extract<Value, { k: "query" }>, n: Node, frame: Frame): Value {
  let out: Value = UNKNOWN;
  for (const s of q.states) {
    if (!s.ents) continue;
    s.tracker.used = true;
    out = markEnts(terminal(ev, s, "collect", [], n, frame));
  }
  return out;
}

/** A method on an ent: writes of its own table, edges (not analysed, see the file comment). */
export function entMethod(
  ev: Evaluator,
  doc: Extract<Value, { k: "doc" }>,
  method: string,
  n: Node,
  frame: Frame,
): Value | undefined {
  if (method === "patch" || method === "replace" || method === "delete") {
    recordAccess(ev, frame, n, doc.table, method, "write");
    return UNKNOWN;
  }
  if (method === "edge" || method === "edgeX") {
    ev.notAnalysed(n, frame, `An edge of "${doc.table}" is read through convex-ents' own index.`, undefined, false);
    return UNKNOWN;
  }
  if (method === "doc") return doc;
  return undefined;
}

function entDoc(table: string): Value {
  return { k: "doc", table, ents: true };
}

function markEnts(v: Value): Value {
  if (v.k === "doc") return { ...v, ents: true };
  if (v.k === "array" && v.el.k === "doc") return { ...v, el: { ...v.el, ents: true } };
  return v;
}
