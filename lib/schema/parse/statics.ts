/** Static evaluation of the few globals schema files use: `Object.*` helpers and truthiness of resolved values. */
import type { ParseContext } from "./context";
import { evaluate } from "./evaluate";
import { locOf, type Node } from "./source";
import { unknown, type Entry, type Scope, type Val } from "./values";

/** Truthiness of a resolved value; undefined when it is not known statically. */
export function truthy(v: Val): boolean | undefined {
  if (v.t === "lit") return v.bigint ? v.value !== "0" : Boolean(v.value);
  if (v.t === "unknown") return undefined;
  return true; // objects, arrays, validators, functions
}

/** `Object.values/keys/entries/fromEntries/freeze/assign` on resolved values. */
export function objectStatic(ctx: ParseContext, method: string, argNodes: Node[], call: Node, scope: Scope): Val {
  const args = argNodes.map((a) => evaluate(ctx, a, scope));
  const a = args[0];
  const mod = scope.mod;
  if (method === "freeze" && a) return a;
  if (a?.t === "object") {
    const entries = [...a.entries.values()];
    if (method === "values") return { t: "array", items: entries.map((e) => e.value) };
    if (method === "keys") return { t: "array", items: entries.map((e) => ({ t: "lit", value: e.key })) };
    if (method === "entries")
      return { t: "array", items: entries.map((e) => ({ t: "array", items: [{ t: "lit", value: e.key }, e.value] })) };
  }
  if (method === "assign" && args.every((x) => x.t === "object")) {
    const entries = new Map<string, Entry>();
    for (const x of args) if (x.t === "object") for (const [k, e] of x.entries) entries.set(k, e);
    return { t: "object", entries };
  }
  if (method === "fromEntries" && a?.t === "array") {
    const entries = new Map<string, Entry>();
    for (const pair of a.items) {
      const k = pair.t === "array" ? pair.items[0] : undefined;
      if (pair.t !== "array" || k?.t !== "lit" || (typeof k.value !== "string" && typeof k.value !== "number")) {
        return unknown(`an entry of "Object.fromEntries" that is not a [key, value] pair`, call, mod);
      }
      entries.set(String(k.value), {
        key: String(k.value),
        value: pair.items[1] ?? { t: "lit", value: undefined },
        loc: locOf(mod, call),
      });
    }
    return { t: "object", entries };
  }
  return unknown(`"Object.${method}(...)" of a value that is not resolved`, call, mod);
}

/**
 * A class as a value: an object of its static fields (`static Table = defineTable(...)`), evaluated in order, where
 * the class's own name and `this` see the statics written before. Methods and instance fields are not values.
 */
export function classStatics(ctx: ParseContext, node: Node, scope: Scope): Val {
  const mod = scope.mod;
  const entries = new Map<string, Entry>();
  const self: Val = { t: "object", entries, node, mod };
  const vars = new Map<string, Val>([["this", self]]);
  if (node.id?.name) vars.set(node.id.name, self);
  const inner: Scope = { mod, vars, parent: scope };
  for (const m of node.body.body as Node[]) {
    if (m.type !== "PropertyDefinition" || !m.static || m.computed || !m.value) continue;
    const key = m.key.type === "Identifier" ? m.key.name : String(m.key.value);
    entries.set(key, { key, value: evaluate(ctx, m.value, inner), loc: locOf(mod, m), prop: m, mod });
  }
  return self;
}

/**
 * The object a TypeScript `enum` declaration creates: string members map name → value; numeric members (explicit or
 * auto-incremented) also get the reverse mapping value → name, which JavaScript lists first (integer keys).
 * Initializers may be literals or earlier members; anything else makes that member (and later auto members) unknown.
 */
export function enumObject(ctx: ParseContext, node: Node, scope: Scope): Val {
  const mod = scope.mod;
  const vars = new Map<string, Val>();
  const inner: Scope = { mod, vars, parent: scope };
  const forward: Entry[] = [];
  const reverse = new Map<number, Entry>();
  let next: number | undefined = 0;
  for (const m of node.body.members as Node[]) {
    const name = m.id.type === "Identifier" ? m.id.name : String(m.id.value);
    let value: Val;
    if (m.initializer) value = evaluate(ctx, m.initializer, inner);
    else
      value =
        next === undefined
          ? unknown(`the enum member "${name}" follows a member that is not a number`, m, mod)
          : { t: "lit", value: next };
    next = value.t === "lit" && typeof value.value === "number" ? value.value + 1 : undefined;
    vars.set(name, value);
    forward.push({ key: name, value, loc: locOf(mod, m) });
    if (value.t === "lit" && typeof value.value === "number" && Number.isInteger(value.value) && value.value >= 0) {
      const key = String(value.value);
      reverse.set(value.value, { key, value: { t: "lit", value: name }, loc: locOf(mod, m) });
    }
  }
  const entries = new Map<string, Entry>();
  for (const k of [...reverse.keys()].sort((a, b) => a - b)) entries.set(String(k), reverse.get(k)!);
  for (const e of forward) entries.set(e.key, e);
  return { t: "object", entries, node, mod };
}
