/**
 * A small abstract interpreter over a function body: it follows `ctx`, `db`, query builders, ids and documents
 * through variables, helpers (local and imported), callbacks and branches, and hands database calls to `queries.ts`.
 * Whatever it cannot follow becomes a "not analysed" entry instead of a guess.
 */
import type { SchemaModel } from "../../schema/model";
import type { DbAccess, FunctionRef, NotAnalysed } from "../types";
import type { Node } from "./ast";
import {
  child,
  childNodes,
  children,
  identName,
  isFunctionNode,
  locOf,
  memberName,
  propertyKeyName,
  stringValue,
  unwrap,
} from "./ast";
import type { ImportBinding, ModuleInfo, Resolved } from "./modules";
import { callbackBody, mentions } from "./predicates";
import { resolveExport, resolveLocal } from "./modules";
import { registeredHandler } from "./functions";
import { awaitEnts, entMethod, entsTableCall, isEntsFactory } from "./ents";
import { libraryCall, libraryFactory, libraryValueCall } from "./library";
import { listOnlyLooksUp, positionReadsElement } from "./order-use";
import { dbCall, queryCall } from "./queries";
import { typeValue } from "./types-values";
import type { QueryState, Value } from "./values";
import { carriesDb, join, memberOf, reachesTables, strings, UNKNOWN } from "./values";

interface Binding {
  value: Value;
  depth: number;
  /** Set on the binding an assignment in a nested block makes: the variable's binding outside that block. */
  outer?: Binding;
}

export class Scope {
  readonly vars = new Map<string, Binding>();
  constructor(
    readonly module: ModuleInfo,
    readonly parent?: Scope,
  ) {}
  find(name: string): Binding | undefined {
    return this.vars.get(name) ?? this.parent?.find(name);
  }
}

export interface Frame {
  module: ModuleInfo;
  scope: Scope;
  depth: number;
  returns?: Value[];
}

/** Shared state of one function's analysis. */
export interface Run {
  modules: Map<string, ModuleInfo>;
  schema?: SchemaModel;
  fn: FunctionRef;
  via: string[];
  accesses: DbAccess[];
  notAnalysed: NotAnalysed[];
  stack: Node[];
  states: QueryState[];
  /** Function values created but not yet called: analysed once at the end with unknown arguments. */
  uncalled: Map<Node, { value: Extract<Value, { k: "fn" }> }>;
  /**
   * String literals the analysis read as the index name of a query on a known table (`file:offset`): shared by the
   * whole project, so only names left unread elsewhere count as "maybe used by code not followed".
   */
  consumed: Set<string>;
}

/** `CRPC_NEXT` of crpc.ts (kept as a string here so the evaluator does not import the cRPC reader). */
const CRPC_NEXT_PATH = "better-convex:next";
const ARRAY_CALLBACK = new Set(["map", "forEach", "flatMap", "filter", "find", "some", "every", "findIndex", "reduce"]);
const MAX_DEPTH = 10;

export class Evaluator {
  /** Top-level initialisers being evaluated (a cycle such as `const a = b.x; const b = a.y` stops here). */
  private readonly resolving = new Set<Node>();

  constructor(readonly run: Run) {}

  /** Visits a statement or expression for its effects. */
  visit(node: Node, frame: Frame): void {
    switch (node.type) {
      case "VariableDeclaration":
        for (const d of children(node, "declarations")) {
          const init = child(d, "init");
          // `let q;` holds nothing until it is assigned: a branch's assignment then is the value (not "unknown").
          this.bind(child(d, "id") as Node, init ? this.expr(init, frame) : UNASSIGNED, frame);
        }
        return;
      case "FunctionDeclaration": {
        const name = identName(child(node, "id"));
        if (name) frame.scope.vars.set(name, { value: this.fnValue(node, frame, name), depth: frame.depth });
        return;
      }
      case "ReturnStatement": {
        const arg = child(node, "argument");
        const v = arg ? this.expr(arg, frame) : UNKNOWN;
        if (v.k === "query") for (const s of v.states) s.tracker.used = true;
        frame.returns?.push(v);
        return;
      }
      case "BlockStatement": {
        const block = this.inner(frame);
        const body = children(node, "body");
        for (const s of body) this.visit(s, block);
        // A block that always returns or throws hands no assignment on to the code after it.
        this.leave(
          block,
          body.some((s) => s.type === "ReturnStatement" || s.type === "ThrowStatement"),
        );
        return;
      }
      case "ForOfStatement":
        return this.forOf(node, frame);
      case "IfStatement": {
        // Each branch starts from the values before the `if`; what they assign is joined once both are read.
        this.expr(child(node, "test") as Node, frame);
        const [yes, no] = [this.inner(frame), this.inner(frame)];
        this.visit(child(node, "consequent") as Node, yes);
        const alternate = child(node, "alternate");
        if (alternate) this.visit(alternate, no);
        this.leave(yes);
        this.leave(no);
        return;
      }
      case "ExpressionStatement":
        this.expr(child(node, "expression") as Node, frame);
        return;
      default: {
        if (EXPRESSIONS.has(node.type)) {
          this.expr(node, frame);
          return;
        }
        const inner = isBranching(node) ? this.inner(frame) : frame;
        for (const c of childNodes(node)) this.visit(c, inner);
        if (inner !== frame) this.leave(inner);
      }
    }
  }

  /**
   * Leaving a nested scope: a variable of an enclosing scope that was assigned in it may hold the value it had
   * before or the one it got here, unless the scope always returned (`terminated`).
   */
  leave(frame: Frame, terminated = false, fnBody = false): void {
    if (terminated) return;
    const parent = frame.scope.parent;
    for (const [name, b] of frame.scope.vars) {
      if (!b.outer) continue;
      const here = parent?.vars.get(name);
      // A function's assignments reach the variables it closes over directly (calls run one after another).
      if (fnBody || !parent || here === b.outer) b.outer.value = join(b.outer.value, b.value);
      // A branch's reach the enclosing block only, so a sibling branch (`else`) does not see them.
      else if (here?.outer === b.outer) here.value = join(here.value, b.value);
      else parent.vars.set(name, { value: join(b.outer.value, b.value), depth: frame.depth - 1, outer: b.outer });
    }
  }

  /** A nested block: new scope, one level deeper (assignments there may not happen). */
  inner(frame: Frame): Frame {
    return { ...frame, scope: new Scope(frame.module, frame.scope), depth: frame.depth + 1 };
  }

  private forOf(node: Node, frame: Frame): void {
    const right = this.expr(child(node, "right") as Node, frame);
    let element: Value = UNKNOWN;
    if (right.k === "array") element = right.el;
    if (right.k === "query" && node.await) element = queryCall(this, right, "iterate", [], node, frame);
    const body = this.inner(frame);
    const left = child(node, "left") as Node;
    const target = left.type === "VariableDeclaration" ? child(children(left, "declarations")[0], "id") : left;
    if (target) this.bind(target, element, body);
    this.visit(child(node, "body") as Node, body);
    this.leave(body);
  }

  /** Evaluates an expression to an abstract value, recording database calls on the way. */
  expr(node: Node, frame: Frame): Value {
    if (node.type === "TSAsExpression" || node.type === "TSSatisfiesExpression") {
      const inner = this.expr(child(node, "expression") as Node, frame);
      if (inner.k !== "unknown") return inner;
      // A cast to a string type (`table as "users"`) promises nothing at run time; ids and documents keep their table.
      const typed = typeValue(child(node, "typeAnnotation"));
      return typed.k === "str" || typed.k === "strs" ? UNKNOWN : typed;
    }
    const n = unwrap(node);
    switch (n.type) {
      case "Identifier":
        return this.lookup(n.name as string, frame);
      case "ThisExpression":
        return frame.scope.find("this")?.value ?? UNKNOWN;
      case "NewExpression": {
        // Instances are not modelled: what the constructor and its methods do with ctx is reported, not guessed.
        const args = children(n, "arguments").map((a) => this.expr(a, frame));
        // A client of a Convex component (`new Agent(components.agent, …)`) works on the component's own tables.
        if (args.some((a) => a.k === "component")) return COMPONENT;
        return this.unknownCall(n, args, frame);
      }
      case "Literal":
        if (typeof n.value === "string") return { k: "str", v: n.value };
        if (typeof n.value === "number") return { k: "num", v: n.value };
        return n.value === null ? { k: "null" } : UNKNOWN;
      case "TemplateLiteral": {
        const s = stringValue(n);
        if (s !== undefined) return { k: "str", v: s };
        for (const e of children(n, "expressions")) this.expr(e, frame);
        return UNKNOWN;
      }
      case "AwaitExpression": {
        const v = this.expr(child(n, "argument") as Node, frame);
        return v.k === "query" && v.states.some((s) => s.ents) ? awaitEnts(this, v, n, frame) : v;
      }
      case "MemberExpression":
        return this.member(n, frame);
      case "CallExpression":
        return this.call(n, frame);
      case "AssignmentExpression":
        return this.assign(n, frame);
      case "ConditionalExpression": {
        this.expr(child(n, "test") as Node, frame);
        const [yes, no] = [this.inner(frame), this.inner(frame)];
        const a = this.expr(child(n, "consequent") as Node, yes);
        const b = this.expr(child(n, "alternate") as Node, no);
        this.leave(yes);
        this.leave(no);
        return join(a, b);
      }
      case "LogicalExpression": {
        const a = this.expr(child(n, "left") as Node, frame);
        const right = this.inner(frame);
        const b = this.expr(child(n, "right") as Node, right);
        this.leave(right);
        return n.operator === "&&" ? (b.k === "query" ? b : UNKNOWN) : join(a, b);
      }
      case "ArrowFunctionExpression":
      case "FunctionExpression":
        return this.fnValue(n, frame, "(anonymous)");
      case "ObjectExpression":
        return this.object(n, frame);
      case "ArrayExpression": {
        let el: Value | undefined;
        const items: Value[] = [];
        let spread = false;
        for (const e of (n.elements ?? []) as (Node | null)[]) {
          if (!e) {
            items.push(UNKNOWN); // a hole: keeps the positions of the elements after it
            continue;
          }
          spread ||= e.type === "SpreadElement";
          const v = this.expr(e.type === "SpreadElement" ? (child(e, "argument") as Node) : e, frame);
          items.push(v);
          el = el === undefined ? v : join(el, v);
        }
        return spread ? { k: "array", el: el ?? UNKNOWN } : { k: "array", el: el ?? UNKNOWN, items };
      }
      default:
        for (const c of childNodes(n)) this.visit(c, frame);
        return UNKNOWN;
    }
  }

  private object(n: Node, frame: Frame): Value {
    const props = new Map<string, Value>();
    for (const p of children(n, "properties")) {
      if (p.type === "SpreadElement") {
        const v = this.expr(child(p, "argument") as Node, frame);
        if (v.k === "obj") for (const [k, x] of v.props) props.set(k, x);
        continue;
      }
      const key = p.computed ? undefined : (identName(child(p, "key")) ?? stringValue(child(p, "key")));
      if (p.computed) this.expr(child(p, "key") as Node, frame);
      const v = this.expr(child(p, "value") as Node, frame);
      if (key) props.set(key, v);
    }
    return { k: "obj", props };
  }

  private member(n: Node, frame: Frame): Value {
    const obj = this.expr(child(n, "object") as Node, frame);
    if (n.computed) this.expr(child(n, "property") as Node, frame);
    const key = memberName(n);
    if (n.computed && obj.k === "array" && key === undefined) return obj.el;
    if (n.computed && obj.k === "obj" && key === undefined) return anyString(obj);
    return key === undefined ? UNKNOWN : this.memberValue(obj, key);
  }

  /** `obj[key]` for an already evaluated object, including exports of a namespace import. */
  private memberValue(obj: Value, key: string): Value {
    if (obj.k === "module") {
      const r = resolveExport(this.run.modules, obj.file, key);
      return r ? this.resolvedValue(r, key) : UNKNOWN;
    }
    return memberOf(obj, key, this.run.schema);
  }

  private assign(n: Node, frame: Frame): Value {
    const v = this.expr(child(n, "right") as Node, frame);
    const left = child(n, "left") as Node;
    const name = identName(left);
    if (name && n.operator === "=") {
      const b = frame.scope.find(name);
      // In a nested block (a branch), the rest of the block sees the new value only; outside it, the variable holds
      // the old or the new one (`let q = …; if (x) { q = other; q = q.filter(…) }`).
      // The outer binding gets the block's last value when the block is left (see `leave`).
      if (b && b.depth === frame.depth) b.value = v;
      else if (b) frame.scope.vars.set(name, { value: v, depth: frame.depth, outer: b });
    } else if (left.type !== "Identifier") {
      this.visit(left, frame);
    }
    return v;
  }

  private call(n: Node, frame: Frame): Value {
    const callee = unwrap(child(n, "callee") as Node);
    const argNodes = children(n, "arguments");
    if (callee.type === "MemberExpression") {
      const method = memberName(callee);
      const objNode = unwrap(child(callee, "object") as Node);
      if (identName(objNode) === "Promise" && !frame.scope.find("Promise")) {
        const vs = argNodes.map((a) => this.expr(a, frame));
        return method === "all" && vs[0] ? vs[0] : UNKNOWN;
      }
      const obj = this.expr(objNode, frame);
      if (callee.computed) this.expr(child(callee, "property") as Node, frame);
      if (method && obj.k === "db") return dbCall(this, method, argNodes, n, frame);
      if (method && obj.k === "query") return queryCall(this, obj, method, argNodes, n, frame);
      const ent = method && obj.k === "doc" && obj.ents ? entMethod(this, obj, method, n, frame) : undefined;
      if (ent) return ent;
      if (method === "vectorSearch" && obj.k === "ctx") return dbCall(this, "vectorSearch", argNodes, n, frame);
      if (method && obj.k === "array" && ARRAY_CALLBACK.has(method))
        return this.arrayCallback(obj, method, argNodes, n, frame);
      const fn = method ? this.memberValue(obj, method) : UNKNOWN;
      if (fn.k === "entsTable") return entsTableCall(this, argNodes, n, frame);
      const args = argNodes.map((a) => this.expr(a, frame));
      if (fn.k === "fn") return this.callFunction(fn, args, frame, obj);
      if (fn.k === "fns") return fn.alts.map((f) => this.callFunction(f, args, frame, obj)).reduce(join);
      // `agent.createThread(ctx, …)`, `rateLimiter.limit(ctx, …)`: a component only reaches its own tables.
      if (fn.k === "component") return COMPONENT;
      const fromLibrary = fn.k === "lib" ? libraryValueCall(this, fn.path) : undefined;
      return fromLibrary ?? this.unknownCall(n, args, frame);
    }
    const fn = this.expr(callee, frame);
    if (fn.k === "entsTable") return entsTableCall(this, argNodes, n, frame);
    const args = argNodes.map((a) => this.expr(a.type === "SpreadElement" ? (child(a, "argument") as Node) : a, frame));
    if (fn.k === "fn") return this.callFunction(fn, args, frame);
    if (fn.k === "fns") return fn.alts.map((f) => this.callFunction(f, args, frame)).reduce(join);
    // A cRPC middleware's `next({ ctx })`: what it is given is what the middleware hands on.
    if (fn.k === "lib" && fn.path === CRPC_NEXT_PATH) return args[0] ?? UNKNOWN;
    const libraryValue = fn.k === "lib" ? libraryValueCall(this, fn.path) : undefined;
    if (libraryValue) return libraryValue;
    if (fn.k === "component") return COMPONENT;
    const calleeName = identName(callee);
    const imported = calleeName && !frame.scope.find(calleeName) ? frame.module.imports.get(calleeName) : undefined;
    if (imported && isEntsFactory(imported)) return { k: "entsTable" };
    const fromLibrary = imported ? libraryCall(this, imported, args, n, frame) : undefined;
    if (fromLibrary) return fromLibrary;
    // A package function given a component (`listMessages(ctx, components.agent, …)`) runs that component's functions.
    if (imported && !imported.file && args.some((a) => a.k === "component")) return COMPONENT;
    const wrapper = this.databaseWrapper(callee, frame);
    if (wrapper && args.some((a) => a.k === "db")) {
      // Row-level security from convex-helpers: the wrapped db queries like the original; its rules run unseen.
      this.notAnalysed(
        n,
        frame,
        `The rules given to "${wrapper}" are run by the library and not analysed.`,
        undefined,
        true,
      );
      return { k: "db" };
    }
    return this.unknownCall(n, args, frame);
  }

  private arrayCallback(
    arr: Extract<Value, { k: "array" }>,
    method: string,
    argNodes: Node[],
    n: Node,
    frame: Frame,
  ): Value {
    // A by-id lookup, and all the code does with the list: one `get` could replace reading it.
    const program = frame.module.parsed.program;
    if (arr.source && isIdLookup(program, n) && listOnlyLooksUp(program, n, (c) => isIdLookup(program, c))) {
      arr.source.findsById ??= locOf(frame.module.parsed, child(unwrap(child(n, "callee") as Node), "property") ?? n);
    }
    const args = argNodes.map((a) => this.expr(a, frame));
    const cb = args[0];
    const ret =
      cb?.k === "fn"
        ? this.callFunction(cb, method === "reduce" ? [UNKNOWN, arr.el] : [arr.el, UNKNOWN], frame)
        : UNKNOWN;
    if (method === "map" || method === "flatMap") return { k: "array", el: method === "map" ? ret : UNKNOWN };
    if (method === "filter") return arr;
    if (method === "find") return arr.el;
    return UNKNOWN;
  }

  /** A call we cannot follow: anything carrying the database that goes into it is reported, not guessed. */
  private unknownCall(n: Node, args: Value[], frame: Frame): Value {
    const callee = unwrap(child(n, "callee") as Node);
    const name = frame.module.parsed.source.slice(callee.start, Math.min(callee.end, callee.start + 60));
    for (const a of args) {
      if (a.k === "query") {
        for (const s of a.states) {
          s.tracker.used = true;
          const on = s.computed ? `the table named by \`${s.computed.text}\`` : `"${s.table}"`;
          const entry = this.notAnalysed(
            n,
            frame,
            `A query on ${on} is passed to "${name}", which could not be followed.`,
            s.table || undefined,
            true,
            s.computed?.tables,
          );
          const chosen = chosenIndex(s);
          if (chosen) entry.indexes = [chosen];
        }
      } else if (carriesDb(a)) {
        const what =
          a.k === "ctx"
            ? `The ${a.action ? "action's " : ""}function context (ctx)`
            : a.k === "db"
              ? "The database (db)"
              : "An object holding the database";
        const entry = this.notAnalysed(
          n,
          frame,
          `${what} is passed to "${name}", which could not be followed.`,
          undefined,
          true,
        );
        if (!reachesTables(a)) entry.vectorOnly = true;
      }
    }
    return UNKNOWN;
  }

  /** `wrapDatabaseReader` / `wrapDatabaseWriter` imported from convex-helpers, by local name. */
  private databaseWrapper(callee: Node, frame: Frame): string | undefined {
    const name = identName(callee);
    const imp = name ? frame.module.imports.get(name) : undefined;
    if (!imp || !imp.spec.startsWith("convex-helpers")) return undefined;
    return imp.imported === "wrapDatabaseReader" || imp.imported === "wrapDatabaseWriter" ? imp.imported : undefined;
  }

  notAnalysed(
    n: Node,
    frame: Frame,
    reason: string,
    table: string | undefined,
    affectsIndexes: boolean,
    tables?: string[],
  ): NotAnalysed {
    const entry: NotAnalysed = {
      function: this.run.fn.name,
      loc: locOf(frame.module.parsed, n),
      reason,
      table,
      affectsIndexes,
    };
    if (tables && table === undefined) entry.tables = tables;
    this.run.notAnalysed.push(entry);
    return entry;
  }

  /** Marks a string literal as read by the analysis as an index name of a known table. */
  consume(node: Node | undefined, frame: Frame): void {
    const n = node ? unwrap(node) : undefined;
    if (n && (n.type === "Literal" || n.type === "TemplateLiteral"))
      this.run.consumed.add(`${frame.module.parsed.file}:${n.start}`);
  }

  fnValue(node: Node, frame: Frame, name: string): Extract<Value, { k: "fn" }> {
    const value: Extract<Value, { k: "fn" }> = { k: "fn", node, module: frame.module, name, closure: frame.scope };
    if (!this.run.uncalled.has(node)) this.run.uncalled.set(node, { value });
    return value;
  }

  /**
   * Inlines a call to a known function: binds parameters, walks the body, joins the returned values. `self` is
   * the object a method is called on (`this` inside it; arrow functions keep their closure's `this`).
   */
  callFunction(fn: Extract<Value, { k: "fn" }>, args: Value[], frame: Frame, self?: Value): Value {
    this.run.uncalled.delete(fn.node);
    const closure = fn.closure instanceof Scope ? fn.closure : undefined;
    // A module-level function that receives no database handle cannot read or write; in a module that imports the
    // app's components it is still run for what it returns (`getTwilio()` making a component client).
    if (!closure && !args.some(carriesDb) && !importsComponents(fn.module)) return UNKNOWN;
    // Recursion is followed one level deep (a tree walk reaches the parent's table), then cut.
    if (this.run.stack.filter((n) => n === fn.node).length >= 2 || this.run.stack.length >= MAX_DEPTH) return UNKNOWN;
    const scope = new Scope(fn.module, closure ?? new Scope(fn.module));
    const inner: Frame = { module: fn.module, scope, depth: 0, returns: [] };
    if (fn.node.type !== "ArrowFunctionExpression") scope.vars.set("this", { value: self ?? UNKNOWN, depth: 0 });
    children(fn.node, "params").forEach((p, i) => this.bindParam(p, args[i] ?? UNKNOWN, inner));
    this.run.stack.push(fn.node);
    const label = closure ? undefined : `${fn.module.parsed.file}:${fn.name}`;
    if (label) this.run.via.push(label);
    const body = child(fn.node, "body") as Node;
    if (body.type === "BlockStatement") for (const s of children(body, "body")) this.visit(s, inner);
    else inner.returns?.push(this.expr(body, inner));
    this.leave(inner, false, true);
    if (label) this.run.via.pop();
    this.run.stack.pop();
    const returns = inner.returns ?? [];
    return returns.length ? returns.reduce(join) : UNKNOWN;
  }

  bindParam(p: Node, value: Value, frame: Frame): void {
    if (p.type === "TSParameterProperty") return this.bindParam(child(p, "parameter") as Node, value, frame);
    this.bind(p, value, frame);
  }

  /** Binds a declaration pattern (identifier, object/array destructuring, defaults, rest). */
  bind(pattern: Node, value: Value, frame: Frame): void {
    const p = unwrap(pattern);
    if (p.type === "Identifier") {
      const declared = typeValue(child(p, "typeAnnotation"));
      const unassigned: Value = declared.k === "unknown" ? { k: "null" } : declared;
      const typed = value === UNASSIGNED ? unassigned : value.k === "unknown" ? declared : value;
      frame.scope.vars.set(p.name as string, { value: typed, depth: frame.depth });
    } else if (p.type === "ObjectPattern") {
      for (const prop of children(p, "properties")) {
        if (prop.type === "RestElement") {
          this.bind(child(prop, "argument") as Node, value.k === "ctx" ? value : UNKNOWN, frame);
          continue;
        }
        const key = prop.computed ? undefined : (identName(child(prop, "key")) ?? stringValue(child(prop, "key")));
        this.bind(child(prop, "value") as Node, key ? memberOf(value, key, this.run.schema) : UNKNOWN, frame);
      }
    } else if (p.type === "ArrayPattern") {
      ((p.elements ?? []) as (Node | null)[]).forEach((el, i) => {
        // Positions count holes (`[, b]`) like JS does; `items` is absent for arrays not written as a literal.
        if (!el) return;
        if (el.type === "RestElement") return this.bind(el, UNKNOWN, frame);
        this.bind(el, value.k === "array" ? (value.items ? (value.items[i] ?? UNKNOWN) : value.el) : UNKNOWN, frame);
      });
    } else if (p.type === "AssignmentPattern") {
      const fallback = this.expr(child(p, "right") as Node, frame);
      this.bind(child(p, "left") as Node, value.k === "unknown" ? fallback : value, frame);
    } else if (p.type === "RestElement") {
      this.bind(child(p, "argument") as Node, UNKNOWN, frame);
    }
  }

  lookup(name: string, frame: Frame): Value {
    const b = frame.scope.find(name);
    if (b) return b.value;
    const m = frame.module;
    const imp = m.imports.get(name);
    if (imp?.imported === "*" && imp.file) return { k: "module", file: imp.file };
    if (imp && isComponentsImport(imp)) return COMPONENT;
    const r = resolveLocal(this.run.modules, m, name);
    return r ? this.resolvedValue(r, name) : UNKNOWN;
  }

  /** The value of a resolved top-level name, following the keys it is destructured by. */
  private resolvedValue(r: Resolved, name: string): Value {
    if (this.resolving.has(r.node)) return UNKNOWN;
    this.resolving.add(r.node);
    try {
      let v = this.topLevelValue(r.module, r.node, r.local ?? name);
      for (const key of r.keys ?? []) v = this.memberValue(v, key);
      return v;
    } finally {
      this.resolving.delete(r.node);
    }
  }

  /**
   * The value of a top-level declaration: functions, classes (their static methods), string/number constants,
   * known package factories (`convexAuth(...)`) and member chains of those (`auth.getUserId`).
   */
  private topLevelValue(m: ModuleInfo, node: Node, name: string): Value {
    const n = unwrap(node);
    if (isFunctionNode(n)) return { k: "fn", node: n, module: m, name };
    if (n.type === "ClassDeclaration" || n.type === "ClassExpression") return classValue(m, n, name);
    const registered = registeredHandler(this.run.modules, m, n);
    if (registered) return { k: "fn", node: registered.node, module: registered.module, name };
    const s = stringValue(n);
    if (s !== undefined) return { k: "str", v: s };
    if (n.type === "Literal" && typeof n.value === "number") return { k: "num", v: n.value };
    const frame: Frame = { module: m, scope: new Scope(m), depth: 0 };
    // A module variable set later (`let client = null; function get() { client ??= make(); return client }`): its
    // value is any of those it is given.
    const assigned = moduleAssignments(m).get(name);
    if (assigned?.length) {
      let v = this.topLevelInit(m, n, frame);
      for (const rhs of assigned) v = join(v, this.expr(rhs, frame));
      return v;
    }
    return this.topLevelInit(m, n, frame);
  }

  private topLevelInit(m: ModuleInfo, n: Node, frame: Frame): Value {
    if (n.type === "Literal" && n.value === null) return { k: "null" };
    // An object of helpers and clients (`const defaultDeps = { rateLimiter, getSubscription: (ctx) => … }`).
    if (n.type === "ObjectExpression" || n.type === "ArrayExpression") return this.expr(n, frame);
    if (
      (n.type === "CallExpression" || n.type === "NewExpression") &&
      children(n, "arguments").some((a) => isComponentRef(m, a))
    )
      return COMPONENT;
    if (n.type === "CallExpression") {
      const callee = identName(unwrap(child(n, "callee") as Node));
      const imp = callee ? m.imports.get(callee) : undefined;
      return (imp && !imp.file && libraryFactory(imp)) || UNKNOWN;
    }
    if (isNameChain(n)) return this.expr(n, frame);
    return UNKNOWN;
  }
}

const COMPONENT: Value = { k: "component" };
/** The value of a variable declared without one (`let q;`), bound as null unless its type says more. */
const UNASSIGNED: Value = { k: "unknown" };

function importsComponents(m: ModuleInfo): boolean {
  for (const imp of m.imports.values()) if (isComponentsImport(imp)) return true;
  return false;
}

const ASSIGNMENTS = new WeakMap<ModuleInfo, Map<string, Node[]>>();

/** Every `name = value` (also `??=`, `||=`) in a module, by name: how module variables are set after declaration. */
function moduleAssignments(m: ModuleInfo): Map<string, Node[]> {
  const cached = ASSIGNMENTS.get(m);
  if (cached) return cached;
  const out = new Map<string, Node[]>();
  const walk = (node: Node): void => {
    if (node.type === "AssignmentExpression" && ["=", "??=", "||="].includes(node.operator as string)) {
      const name = identName(child(node, "left"));
      if (name && m.locals.has(name)) out.set(name, [...(out.get(name) ?? []), child(node, "right") as Node]);
    }
    for (const c of childNodes(node)) walk(c);
  };
  walk(m.parsed.program);
  ASSIGNMENTS.set(m, out);
  return out;
}

/** The index a query has already chosen (`withIndex`, `withSearchIndex`): whatever runs it can use no other. */
export function chosenIndex(s: QueryState): string | undefined {
  return s.index?.name ?? s.search?.name;
}

/** `import { components } from "./_generated/api"`: the app's installed components. */
function isComponentsImport(imp: ImportBinding): boolean {
  return imp.imported === "components" && /(^|\/)_generated\/api(\.js)?$/.test(imp.spec);
}

/** `components.agent` (or deeper) written as an argument, with `components` imported from `_generated/api`. */
function isComponentRef(m: ModuleInfo, node: Node): boolean {
  let n = unwrap(node);
  while (n.type === "MemberExpression" && !n.computed) n = unwrap(child(n, "object") as Node);
  const name = identName(n);
  const imp = name ? m.imports.get(name) : undefined;
  return !!imp && isComponentsImport(imp);
}

const BY_ID_SEARCH = new Set(["find", "filter", "some", "findIndex"]);

/**
 * `list.find(d => d._id === id)` (also `filter`, `some`, and `findIndex` when the position then reads the element,
 * `list[i]`: a position only compared fetches nothing).
 */
function isIdLookup(program: Node, call: Node): boolean {
  const callee = unwrap(child(call, "callee") as Node);
  const method = callee.type === "MemberExpression" ? memberName(callee) : undefined;
  if (!method || !BY_ID_SEARCH.has(method) || !comparesId(children(call, "arguments")[0])) return false;
  return method !== "findIndex" || positionReadsElement(program, call);
}

/** `d => d._id === id` (either side, `==` too): a callback looking for one document by its id. */
function comparesId(fn: Node | undefined): boolean {
  const cb = callbackBody(fn);
  if (!cb || cb.body.type !== "BinaryExpression" || (cb.body.operator !== "===" && cb.body.operator !== "=="))
    return false;
  const isParamId = (x: Node | undefined) => {
    const e = x ? unwrap(x) : undefined;
    return (
      !!e && e.type === "MemberExpression" && memberName(e) === "_id" && identName(child(e, "object")) === cb.param
    );
  };
  const [l, r] = [child(cb.body, "left"), child(cb.body, "right")];
  return (isParamId(l) && !mentions(r as Node, cb.param)) || (isParamId(r) && !mentions(l as Node, cb.param));
}

/**
 * `RECORD[key]` with a key known only at run time: when every value of the record is a known string (a constant map
 * from table to index name), one of those strings (or nothing, for a key it lacks); otherwise unknown.
 */
function anyString(obj: Extract<Value, { k: "obj" }>): Value {
  const all: string[] = [];
  for (const v of obj.props.values()) {
    const vs = strings(v);
    if (!vs) return UNKNOWN;
    all.push(...vs);
  }
  return all.length ? { k: "strs", vs: [...new Set(all)].sort() } : UNKNOWN;
}

/** `a`, `a.b.c`: names and plain member accesses only (evaluating them has no effect). */
function isNameChain(n: Node): boolean {
  if (n.type === "Identifier") return true;
  return n.type === "MemberExpression" && !n.computed && isNameChain(unwrap(child(n, "object") as Node));
}

/** A class as the object of its static methods (`Repo.list(ctx)`); instances are not modelled. */
function classValue(m: ModuleInfo, n: Node, name: string): Value {
  const props = new Map<string, Value>();
  for (const el of children(child(n, "body") as Node, "body")) {
    const key = el.static && !el.computed ? propertyKeyName(el) : undefined;
    const value = child(el, "value");
    const fn = value ? unwrap(value) : undefined;
    if (!key || !fn || !isFunctionNode(fn)) continue;
    if (el.type === "MethodDefinition" ? el.kind === "method" : el.type === "PropertyDefinition") {
      props.set(key, { k: "fn", node: fn, module: m, name: `${name}.${key}` });
    }
  }
  return { k: "obj", props };
}

const EXPRESSIONS = new Set([
  "CallExpression",
  "MemberExpression",
  "AwaitExpression",
  "AssignmentExpression",
  "ConditionalExpression",
  "LogicalExpression",
  "ArrowFunctionExpression",
  "FunctionExpression",
  "ObjectExpression",
  "ArrayExpression",
  "TSAsExpression",
  "TSNonNullExpression",
  "TSSatisfiesExpression",
  "ChainExpression",
  "ParenthesizedExpression",
  "TemplateLiteral",
]);

function isBranching(node: Node): boolean {
  return /^(If|For|ForIn|While|DoWhile|Switch|Try|Catch|Labeled)Statement$|^SwitchCase$|^CatchClause$/.test(node.type);
}
