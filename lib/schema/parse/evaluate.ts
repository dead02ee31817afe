/**
 * A small static evaluator for the subset of JavaScript that schema files use: literals, objects (with spreads),
 * arrays, constants, imports/exports across files, helper functions with literal arguments, `v.*` builders and
 * `defineTable`/`defineSchema` chains. Anything else evaluates to an `unknown` value with a reason; callers turn
 * that into a located warning where it matters.
 */
import type { Table, Validator } from "../model";
import type { ParseContext } from "./context";
import { EMBEDDED_PACKAGES, KNOWN_EXPORTS } from "./known";
import { leadingComment, locOf, nameOf, type Binding, type Node, type SourceModule } from "./source";
import { callTableMethod, defineSchemaCall, defineTableCall, tableHelper } from "./tables";
import { callEntMethod, defineEntCall, entFromTableCall, entsFromTablesCall } from "./ents";
import { defineEntSchemaCall } from "./ent-schema";
import { buildValidator, buildValidatorFrom, evalArgs, validatorMember, validatorMethod } from "./validators";
import { classStatics, enumObject, objectStatic, truthy } from "./statics";
import { snippet, unknown, type Entry, type Scope, type Val } from "./values";
import { isZodHelper, isZodNamespace, zodBuild, zodHelperCall, zodMember, zodMethod, ZOD_NAMESPACES } from "./zod";

const MAX_DEPTH = 64;

export function evaluate(ctx: ParseContext, node: Node, scope: Scope): Val {
  switch (node.type) {
    case "Literal":
      if (node.bigint !== undefined && node.bigint !== null)
        return { t: "lit", value: String(node.bigint), bigint: true };
      if (node.regex) return unknown("a regular expression", node, scope.mod);
      return { t: "lit", value: node.value };
    case "TemplateLiteral":
      return evalTemplate(ctx, node, scope);
    case "UnaryExpression": {
      const arg = evaluate(ctx, node.argument, scope);
      if (node.operator === "-" && arg.t === "lit" && typeof arg.value === "number")
        return { t: "lit", value: -arg.value };
      if (node.operator === "-" && arg.t === "lit" && arg.bigint)
        return { t: "lit", value: `-${arg.value}`, bigint: true };
      return unknown(`the operator "${node.operator}"`, node, scope.mod);
    }
    case "BinaryExpression":
      return evalBinary(ctx, node, scope);
    case "Identifier":
      return lookup(ctx, node.name, node, scope);
    case "ThisExpression":
      return lookup(ctx, "this", node, scope);
    case "ObjectExpression":
      return evalObject(ctx, node, scope);
    case "ArrayExpression":
      return evalArray(ctx, node, scope);
    case "CallExpression":
      return evalCall(ctx, node, scope);
    case "MemberExpression":
      return evalMember(ctx, node, scope);
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSNonNullExpression":
    case "TSTypeAssertion":
    case "TSInstantiationExpression":
    case "ParenthesizedExpression":
      return evaluate(ctx, node.expression, scope);
    case "TSEnumDeclaration":
      return enumObject(ctx, node, scope);
    case "ClassDeclaration":
    case "ClassExpression":
      return classStatics(ctx, node, scope);
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return { t: "fn", node, scope, name: node.id?.name ?? "(anonymous)" };
    case "ConditionalExpression": {
      const test = truthy(evaluate(ctx, node.test, scope));
      if (test === undefined) return unknown(`the condition "${snippet(scope.mod, node.test)}"`, node, scope.mod);
      return evaluate(ctx, test ? node.consequent : node.alternate, scope);
    }
    case "LogicalExpression": {
      const left = evaluate(ctx, node.left, scope);
      const t = truthy(left);
      const nullish = left.t === "lit" && (left.value === null || left.value === undefined);
      if (t === undefined) return unknown(`the condition "${snippet(scope.mod, node.left)}"`, node, scope.mod);
      if (node.operator === "&&") return t ? evaluate(ctx, node.right, scope) : left;
      if (node.operator === "||") return t ? left : evaluate(ctx, node.right, scope);
      return nullish ? evaluate(ctx, node.right, scope) : left;
    }
    default:
      return unknown(`the expression "${snippet(scope.mod, node)}"`, node, scope.mod);
  }
}

function lookup(ctx: ParseContext, name: string, node: Node, scope: Scope): Val {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const v = s.vars?.get(name);
    if (v) return v;
    if (!s.parent) return moduleBinding(ctx, s.mod, name, node);
  }
  return unknown(`"${name}" is not defined`, node, scope.mod);
}

/** Value of a top-level name of a module (memoized; cycles are reported as errors). */
export function moduleBinding(ctx: ParseContext, mod: SourceModule, name: string, ref: Node): Val {
  const b = mod.bindings.get(name);
  if (!b) {
    if (name === "undefined") return { t: "lit", value: undefined };
    return unknown(`"${name}" is not declared in "${mod.file}" (globals are not evaluated)`, ref, mod);
  }
  const memo = ctx.memo.get(b);
  if (memo === "pending") {
    ctx.error("SA003", `Circular reference: "${name}" in "${mod.file}" depends on itself.`, ref, mod);
    return unknown(`"${name}" is circular`, ref, mod);
  }
  if (memo) return memo;
  ctx.memo.set(b, "pending");
  let val: Val;
  if (b.kind === "fn") val = { t: "fn", node: b.node, scope: { mod }, name };
  else if (b.kind === "decl") val = declValue(ctx, mod, name, b);
  else val = importBinding(ctx, mod, b.source, b.imported, b.node);
  ctx.memo.set(b, val);
  return val;
}

function declValue(ctx: ParseContext, mod: SourceModule, name: string, b: Extract<Binding, { kind: "decl" }>): Val {
  if (!b.node) return unknown(`"${name}" has no initial value`, b.declNode, mod);
  if (b.declNode.id.type === "Identifier") return evaluate(ctx, b.node, { mod });
  if (!b.keys) return unknown(`"${name}" is a rest element of a destructuring`, b.declNode, mod);
  // Destructured names share one evaluation of the initial value.
  let val = ctx.memo.get(b.node);
  if (!val || val === "pending") {
    val = evaluate(ctx, b.node, { mod });
    ctx.memo.set(b.node, val);
  }
  for (const key of b.keys) {
    if (val.t === "object")
      val =
        val.entries.get(key)?.value ?? unknown(`"${key}" is not a property of the destructured value`, b.declNode, mod);
    else if (val.t === "array")
      val = val.items[Number(key)] ?? unknown(`index ${key} is outside the destructured array`, b.declNode, mod);
    else if (val.t === "module") val = resolveExport(ctx, val.mod, key, b.declNode, mod);
    else if (val.t === "validator") val = validatorMember(val, key, b.declNode, mod);
    else
      return val.t === "unknown"
        ? val
        : unknown(`"${name}" is destructured from a value that is not an object`, b.declNode, mod);
  }
  if (b.omit) {
    if (val.t !== "object")
      return val.t === "unknown"
        ? val
        : unknown(`"${name}" is the rest of a value that is not an object`, b.declNode, mod);
    const omit = new Set(b.omit);
    return {
      t: "object",
      entries: new Map([...val.entries].filter(([k]) => !omit.has(k))),
      node: val.node,
      mod: val.mod,
    };
  }
  return val;
}

function importBinding(ctx: ParseContext, mod: SourceModule, source: string, imported: string, node: Node): Val {
  const target = importTarget(ctx, mod, source, node);
  if (typeof target === "string") {
    const known = KNOWN_EXPORTS[source];
    // `import * as z from "zod"` is the `z` namespace itself.
    if (imported === "*" && ZOD_NAMESPACES[source]) return { t: "builtin", name: ZOD_NAMESPACES[source] };
    if (imported === "*" && known) {
      // `import * as values from "convex/values"`: a namespace of the builders we know.
      const entries = new Map<string, Entry>(
        Object.keys(known).map((k) => [k, { key: k, value: importBinding(ctx, mod, source, k, node) }]),
      );
      return { t: "object", entries };
    }
    const builtin = known?.[imported];
    // convex-helpers' `deprecated` is the value `v.optional(v.any())`
    if (builtin === "deprecated") return { t: "validator", v: { kind: "any" }, optional: true };
    if (builtin) return { t: "builtin", name: builtin };
    return unknown(`"${imported}" is imported from the package "${source}", which is not read`, node, mod);
  }
  if (!target) return unknown(`the module "${source}" could not be loaded`, node, mod);
  if (imported === "*") return { t: "module", mod: target };
  return resolveExport(ctx, target, imported, node, mod);
}

/** The module an import points at; a package name when it is not relative; null when missing (error reported). */
function importTarget(ctx: ParseContext, mod: SourceModule, source: string, node: Node): SourceModule | string | null {
  const aliased = source.startsWith(".") ? undefined : ctx.resolveAlias(source);
  if (aliased?.path) return ctx.load(aliased.path);
  // A catch-all "*" alias falls back to packages, as TypeScript does; a named alias to nowhere is a broken import.
  if (
    aliased &&
    aliased.pattern !== "*" &&
    !KNOWN_EXPORTS[source] &&
    !EMBEDDED_PACKAGES[source] &&
    !ctx.packages[source]
  ) {
    ctx.error(
      "SA002",
      `Cannot find module "${source}" imported from "${mod.file}": the tsconfig path "${aliased.pattern}" maps it to no project file.`,
      node,
      mod,
    );
    return null;
  }
  const installed = ctx.packages[source];
  if (installed && installed in ctx.files) return ctx.load(installed);
  const embedded = EMBEDDED_PACKAGES[source];
  if (embedded) return ctx.load(embedded);
  if (!source.startsWith(".")) return source;
  const path = ctx.resolvePath(mod.file, source);
  if (!path) {
    ctx.error("SA002", `Cannot find module "${source}" imported from "${mod.file}".`, node, mod);
    return null;
  }
  return ctx.load(path);
}

/** Value a module exports under `name`, following re-exports and `export *`. */
export function resolveExport(
  ctx: ParseContext,
  mod: SourceModule,
  name: string,
  ref: Node,
  refMod: SourceModule,
): Val {
  const key = `${mod.file}#${name}`;
  if (ctx.exportStack.has(key)) {
    ctx.error("SA003", `Circular import: "${name}" of "${mod.file}" is imported through a cycle.`, ref, refMod);
    return unknown(`"${name}" is circular`, ref, refMod);
  }
  ctx.exportStack.add(key);
  try {
    const e = mod.exports.get(name);
    if (e) return exportValue(ctx, mod, e);
    for (const star of mod.stars) {
      if (name === "default") break;
      const target = importTarget(ctx, mod, star.source, star.node);
      if (target && typeof target !== "string" && hasExport(ctx, target, name, new Set())) {
        return resolveExport(ctx, target, name, star.node, mod);
      }
    }
    ctx.error("SA002", `Module "${mod.file}" has no export named "${name}".`, ref, refMod);
    return unknown(`"${name}" is not exported by "${mod.file}"`, ref, refMod);
  } finally {
    ctx.exportStack.delete(key);
  }
}

function exportValue(
  ctx: ParseContext,
  mod: SourceModule,
  e: NonNullable<ReturnType<SourceModule["exports"]["get"]>>,
): Val {
  switch (e.kind) {
    case "local":
      return moduleBinding(ctx, mod, e.local, e.node);
    case "expr": {
      const memo = ctx.memo.get(e.node);
      if (memo && memo !== "pending") return memo;
      const val = evaluate(ctx, e.node, { mod });
      ctx.memo.set(e.node, val);
      return val;
    }
    case "reexport":
      return importBinding(ctx, mod, e.source, e.imported, e.node);
    case "namespace":
      return importBinding(ctx, mod, e.source, "*", e.node);
  }
}

function hasExport(ctx: ParseContext, mod: SourceModule, name: string, seen: Set<string>): boolean {
  if (seen.has(mod.file)) return false;
  seen.add(mod.file);
  if (mod.exports.has(name)) return true;
  return mod.stars.some((s) => {
    const path = s.source.startsWith(".") ? ctx.resolvePath(mod.file, s.source) : ctx.resolveAlias(s.source)?.path;
    const target = path ? ctx.load(path) : null;
    return target ? hasExport(ctx, target, name, seen) : false;
  });
}

function evalObject(ctx: ParseContext, node: Node, scope: Scope): Val {
  const entries = new Map<string, Entry>();
  const mod = scope.mod;
  // Keys written as properties here (a spread overriding or being overridden is normal, e.g. `...authTables`).
  const written = new Set<string>();
  for (const p of node.properties as Node[]) {
    if (p.type === "SpreadElement") {
      spreadInto(ctx, entries, evaluate(ctx, p.argument, scope), p, mod);
      continue;
    }
    const key = propertyKey(ctx, p, scope);
    if (key === undefined) {
      ctx.warn(
        "SA107",
        `Cannot resolve the computed key "${snippet(mod, p.key)}" statically; the property is ignored.`,
        p,
        mod,
      );
      continue;
    }
    if (written.has(key)) {
      ctx.warn("SA110", `The key "${key}" is written twice in one object; the later value wins.`, p, mod);
    }
    written.add(key);
    ctx.path.push(key);
    const value =
      p.kind === "init" && !p.method ? evaluate(ctx, p.value, scope) : unknown(`the accessor "${key}"`, p, mod);
    ctx.path.pop();
    entries.set(key, { key, value, loc: locOf(mod, p), description: leadingComment(mod, p), prop: p, mod });
  }
  return { t: "object", entries, node, mod };
}

function spreadInto(ctx: ParseContext, entries: Map<string, Entry>, val: Val, p: Node, mod: SourceModule): void {
  if (val.t === "object") {
    for (const [k, e] of val.entries) entries.set(k, e);
    return;
  }
  if (val.t === "lit" && (val.value === undefined || val.value === null)) return;
  const reason = val.t === "unknown" ? val.reason : `it is not an object`;
  ctx.warn(
    "SA102",
    `Cannot resolve the spread "${snippet(mod, p)}" statically (${reason}); its properties are missing.`,
    p,
    mod,
  );
}

function propertyKey(ctx: ParseContext, p: Node, scope: Scope): string | undefined {
  if (!p.computed) return nameOf(p.key);
  const k = evaluate(ctx, p.key, scope);
  return k.t === "lit" && (typeof k.value === "string" || typeof k.value === "number") ? String(k.value) : undefined;
}

type Primitive = string | number | boolean | null | undefined;
// Operators on two constants, with JavaScript's meaning (`+` joins strings); bigints are left to evaluation.
const BINARY: Record<string, (a: Primitive, b: Primitive) => Primitive> = {
  // biome-ignore lint/suspicious/noExplicitAny: JavaScript's own + over any two primitives
  "+": (a, b) => (a as any) + (b as any),
  "-": (a, b) => Number(a) - Number(b),
  "*": (a, b) => Number(a) * Number(b),
  "/": (a, b) => Number(a) / Number(b),
  "%": (a, b) => Number(a) % Number(b),
  "**": (a, b) => Number(a) ** Number(b),
  "===": (a, b) => a === b,
  "!==": (a, b) => a !== b,
  // biome-ignore lint/suspicious/noDoubleEquals: JavaScript's loose equality, as the schema's code means it
  "==": (a, b) => a == b,
  // biome-ignore lint/suspicious/noDoubleEquals: JavaScript's loose inequality, as the schema's code means it
  "!=": (a, b) => a != b,
  "<": (a, b) => (a as number) < (b as number),
  "<=": (a, b) => (a as number) <= (b as number),
  ">": (a, b) => (a as number) > (b as number),
  ">=": (a, b) => (a as number) >= (b as number),
};

/** `dimensions + 1`, `n === 4096`: an operator on two constants is a constant. */
function evalBinary(ctx: ParseContext, node: Node, scope: Scope): Val {
  const op = BINARY[node.operator as string];
  if (!op) return unknown(`the operator "${node.operator}"`, node, scope.mod);
  const left = evaluate(ctx, node.left, scope);
  if (left.t === "unknown") return left;
  const right = evaluate(ctx, node.right, scope);
  if (right.t === "unknown") return right;
  if (left.t !== "lit" || right.t !== "lit" || left.bigint || right.bigint)
    return unknown(`the expression "${snippet(scope.mod, node)}"`, node, scope.mod);
  return { t: "lit", value: op(left.value, right.value) };
}

/** `a_${n}` is a constant when every expression in it is one (strings, numbers, booleans, bigints), as in JavaScript. */
function evalTemplate(ctx: ParseContext, node: Node, scope: Scope): Val {
  let text: string = node.quasis[0].value.cooked;
  for (const [i, expr] of (node.expressions as Node[]).entries()) {
    const part = evaluate(ctx, expr, scope);
    if (part.t === "unknown") return part;
    if (part.t !== "lit") return unknown(`the template string part "\${${snippet(scope.mod, expr)}}"`, expr, scope.mod);
    text += String(part.value) + node.quasis[i + 1].value.cooked;
  }
  return { t: "lit", value: text };
}

function evalArray(ctx: ParseContext, node: Node, scope: Scope): Val {
  const items: Val[] = [];
  for (const el of node.elements as (Node | null)[]) {
    if (!el) continue;
    if (el.type === "SpreadElement") {
      const inner = evaluate(ctx, el.argument, scope);
      if (inner.t === "array") items.push(...inner.items);
      else return unknown(`the spread "${snippet(scope.mod, el)}"`, el, scope.mod);
    } else items.push(evaluate(ctx, el, scope));
  }
  return { t: "array", items };
}

function evalMember(ctx: ParseContext, node: Node, scope: Scope): Val {
  const obj = evaluate(ctx, node.object, scope);
  if (obj.t === "unknown") return obj;
  let name: string | undefined;
  if (!node.computed) name = node.property.name;
  else {
    const k = evaluate(ctx, node.property, scope);
    if (k.t === "lit" && (typeof k.value === "string" || typeof k.value === "number")) name = String(k.value);
  }
  if (name === undefined) return unknown(`the member "${snippet(scope.mod, node)}"`, node, scope.mod);
  if (obj.t === "object")
    return obj.entries.get(name)?.value ?? unknown(`"${name}" is not a property of the object`, node, scope.mod);
  if (obj.t === "module") return resolveExport(ctx, obj.mod, name, node, scope.mod);
  if (obj.t === "array")
    return obj.items[Number(name)] ?? unknown(`index "${name}" is outside the array`, node, scope.mod);
  if (obj.t === "validator") return validatorMember(obj, name, node, scope.mod);
  if (obj.t === "builtin" && obj.name === "v" && !obj.method) return { t: "builtin", name: "v", method: name };
  if (obj.t === "zod") return zodMember(obj, name, node, scope.mod);
  if (obj.t === "table" && name === "validator" && !obj.ent && !obj.meta.unresolved)
    return { t: "validator", v: documentValidator(obj.table), optional: false };
  return unknown(`the member "${snippet(scope.mod, node)}"`, node, scope.mod);
}

/** `table.validator`, as Convex's TableDefinition has it: the document's validator. */
function documentValidator(t: Table): Validator {
  if (t.anyDocument) return { kind: "any" };
  if (t.variants) return { kind: "union", members: t.variants.map((fields) => ({ kind: "object", fields })) };
  return { kind: "object", fields: t.fields };
}

function evalCall(ctx: ParseContext, node: Node, scope: Scope): Val {
  const callee = node.callee as Node;
  const args = node.arguments as Node[];
  if (callee.type === "MemberExpression" && !callee.computed) {
    const method = callee.property.name as string;
    if (callee.object.type === "Identifier" && callee.object.name === "Object" && !isDeclared(scope, "Object")) {
      return objectStatic(ctx, method, args, node, scope);
    }
    const obj = evaluate(ctx, callee.object, scope);
    if (obj.t === "builtin" && obj.name === "v" && !obj.method) return buildValidator(ctx, method, args, node, scope);
    if (obj.t === "validator") return validatorMethod(ctx, obj, method, args, node, scope);
    if (obj.t === "builtin" && isZodNamespace(obj.name) && !obj.method)
      return zodBuild(ctx, obj.name, method, argVals(ctx, args, scope), node, scope.mod);
    if (obj.t === "zod") return zodMethod(ctx, obj, method, argVals(ctx, args, scope), node, scope.mod);
    if (obj.t === "table")
      return (obj.ent ? callEntMethod : callTableMethod)(ctx, obj, method, args, node, callee, scope);
    if (obj.t === "array" && method === "map" && args[0]) return mapArray(ctx, obj.items, args[0], node, scope);
    if (obj.t === "unknown") return obj;
  }
  const fn = evaluate(ctx, callee, scope);
  if (fn.t === "builtin") {
    if (fn.method) return buildValidatorFrom(ctx, fn.method, evalArgs(ctx, args, scope), node, scope.mod);
    if (fn.name === "defineTable") return defineTableCall(ctx, args, node, scope);
    if (fn.name === "defineSchema") return defineSchemaCall(ctx, args, node, scope);
    if (fn.name === "literals") return buildValidator(ctx, "union", args, node, scope, "literal");
    if (fn.name === "nullableHelper") {
      // convex-helpers' nullable(x) is v.union(v.null(), x): null first, unlike v.nullable
      const u = buildValidator(ctx, "nullable", args, node, scope);
      return u.t === "validator" && u.v.kind === "union"
        ? { ...u, v: { kind: "union", members: [...u.v.members].reverse() } }
        : u;
    }
    if (fn.name === "brandedString") return { t: "validator", v: { kind: "string" }, optional: false };
    if (fn.name === "Table") return tableHelper(ctx, args, node, scope);
    if (fn.name === "defineEnt") return defineEntCall(ctx, args, node, scope);
    if (fn.name === "defineEntSchema") return defineEntSchemaCall(ctx, args, node, scope);
    if (fn.name === "defineEntFromTable") return entFromTableCall(ctx, args, node, scope);
    if (fn.name === "defineEntsFromTables") return entsFromTablesCall(ctx, args, node, scope);
    if (isZodHelper(fn.name)) return zodHelperCall(fn.name, argVals(ctx, args, scope), node, scope.mod);
  }
  if (fn.t === "fn")
    return callFunction(
      ctx,
      fn,
      evalArgs(ctx, args, scope).map((a) => a.val),
      node,
      scope,
    );
  if (fn.t === "unknown") return unknown(fn.reason, node, scope.mod);
  return unknown(`the call "${snippet(scope.mod, node)}"`, node, scope.mod);
}

function argVals(ctx: ParseContext, args: Node[], scope: Scope): Val[] {
  return evalArgs(ctx, args, scope).map((a) => a.val);
}

function isDeclared(scope: Scope, name: string): boolean {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.vars?.has(name)) return true;
    if (!s.parent) return s.mod.bindings.has(name);
  }
  return false;
}

/** `array.map(callback)` with a helper function or a builder such as `v.literal`. */
function mapArray(ctx: ParseContext, items: Val[], cbNode: Node, call: Node, scope: Scope): Val {
  const cb = evaluate(ctx, cbNode, scope);
  const out: Val[] = [];
  for (const [i, item] of items.entries()) {
    if (cb.t === "fn") out.push(callFunction(ctx, cb, [item, { t: "lit", value: i }], call, scope));
    else if (cb.t === "builtin" && cb.method)
      out.push(buildValidatorFrom(ctx, cb.method, [{ val: item, node: call }], call, scope.mod));
    else return unknown(`the callback of ".map(${snippet(scope.mod, cbNode)})"`, cbNode, scope.mod);
  }
  return { t: "array", items: out };
}

/** Calls a helper function written in the project: binds its parameters and evaluates what it returns. */
function callFunction(ctx: ParseContext, fn: Extract<Val, { t: "fn" }>, args: Val[], call: Node, scope: Scope): Val {
  if (ctx.depth >= MAX_DEPTH) return unknown(`the helper "${fn.name}" recurses too deeply`, call, scope.mod);
  const vars = new Map<string, Val>();
  const inner: Scope = { mod: fn.scope.mod, vars, parent: fn.scope };
  (fn.node.params as Node[]).forEach((p, i) =>
    bindParam(ctx, p, args[i], vars, inner, i === fn.node.params.length - 1 ? args.slice(i) : []),
  );
  ctx.depth++;
  try {
    const body = fn.node.body as Node;
    if (body.type !== "BlockStatement") return evaluate(ctx, body, inner);
    for (const stmt of body.body as Node[]) {
      if (stmt.type === "VariableDeclaration") {
        for (const d of stmt.declarations as Node[]) {
          if (d.id.type === "Identifier")
            vars.set(d.id.name, d.init ? evaluate(ctx, d.init, inner) : { t: "lit", value: undefined });
        }
      } else if (stmt.type === "FunctionDeclaration" && stmt.id) {
        vars.set(stmt.id.name, { t: "fn", node: stmt, scope: inner, name: stmt.id.name });
      } else if (stmt.type === "ReturnStatement") {
        return stmt.argument ? evaluate(ctx, stmt.argument, inner) : { t: "lit", value: undefined };
      } else if (stmt.type !== "EmptyStatement" && stmt.type !== "ExpressionStatement") {
        return unknown(
          `the helper "${fn.name}" has control flow ("${stmt.type}") that is not followed`,
          call,
          scope.mod,
        );
      }
    }
    return { t: "lit", value: undefined };
  } finally {
    ctx.depth--;
  }
}

function bindParam(
  ctx: ParseContext,
  p: Node,
  arg: Val | undefined,
  vars: Map<string, Val>,
  scope: Scope,
  rest: Val[],
): void {
  if (p.type === "TSParameterProperty") p = p.parameter;
  if (p.type === "Identifier") vars.set(p.name, arg ?? { t: "lit", value: undefined });
  else if (p.type === "AssignmentPattern") {
    const missing = !arg || (arg.t === "lit" && arg.value === undefined);
    bindParam(ctx, p.left, missing ? evaluate(ctx, p.right, scope) : arg, vars, scope, rest);
  } else if (p.type === "RestElement") bindParam(ctx, p.argument, { t: "array", items: rest }, vars, scope, []);
  else if (p.type === "ObjectPattern") {
    for (const prop of p.properties as Node[]) {
      if (prop.type === "RestElement" || prop.computed) continue;
      const key = nameOf(prop.key);
      const v = arg?.t === "object" ? arg.entries.get(key)?.value : undefined;
      bindParam(ctx, prop.value, v ?? (arg?.t === "unknown" ? arg : { t: "lit", value: undefined }), vars, scope, []);
    }
  }
}
