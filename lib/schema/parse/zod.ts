/**
 * Zod schemas turned into Convex validators by convex-helpers (`zodToConvex`, `zodToConvexFields`, their `Output`
 * forms, `zid`), read statically: a port of convex-helpers' `zodToConvexCommon` (server/zod4.ts, 0.1.x) for the
 * builders schemas use. A zod value keeps both conversions: the input one (`zodToConvex`: `.default()` makes a
 * field optional, a transform keeps its input type) and the output one (`zodOutputToConvex`). What convex-helpers
 * rejects (`z.date()`, an array of optional values) or what is not read here stays unknown with the reason.
 */
import type { Field, Validator } from "../model";
import type { ParseContext } from "./context";
import { snippet, unknown, type Builtin, type Entry, type Val } from "./values";
import type { Node, SourceModule } from "./source";

/** One conversion of a zod schema: a validator (optional as an object field), or why there is none. */
export type Conv = { v: Validator; optional: boolean } | { why: string };

/** A zod schema. `major` is 3 or 4 when known: convex-helpers converts a schema of the other major to `v.any()`. */
export interface ZodVal {
  t: "zod";
  major?: 3 | 4;
  in: Conv;
  out: Conv;
  /** the fields of a `z.object(...)`, as zod values */
  shape?: Map<string, Entry>;
}

/** `import * as z from "zod"` and friends: the namespace builtin, by module. */
export const ZOD_NAMESPACES: Record<string, Builtin> = { zod: "zod", "zod/v4": "zod4", "zod/v3": "zod3" };

const HELPERS = {
  zodToConvex: "zodToConvex",
  zodToConvexFields: "zodToConvexFields",
  zodOutputToConvex: "zodOutputToConvex",
  zodOutputToConvexFields: "zodOutputToConvexFields",
} as const;

/** Exports of zod and of convex-helpers' zod modules the parser understands. */
export const ZOD_EXPORTS: Record<string, Record<string, Builtin>> = {
  zod: { z: "zod", default: "zod" },
  "zod/v4": { z: "zod4", default: "zod4" },
  "zod/v3": { z: "zod3", default: "zod3" },
  // The deprecated default path exports Zod 3's zid; its zodToConvex converts either major.
  "convex-helpers/server/zod": { zid: "zid3", ...HELPERS },
  "convex-helpers/server/zod3": { zid: "zid3", ...HELPERS },
  "convex-helpers/server/zod4": { zid: "zid4", ...HELPERS },
};

export function isZodNamespace(name: Builtin): boolean {
  return name === "zod" || name === "zod3" || name === "zod4";
}

export function isZodHelper(name: Builtin): boolean {
  return name === "zid3" || name === "zid4" || name in HELPERS;
}

const STRING = new Set([
  "string",
  "email",
  "url",
  "uuid",
  "guid",
  "cuid",
  "cuid2",
  "ulid",
  "nanoid",
  "emoji",
  "ipv4",
  "ipv6",
  "cidrv4",
  "cidrv6",
  "base64",
  "base64url",
  "e164",
  "jwt",
  "hostname",
  "hex",
  "templateLiteral",
]);
const NUMBER = new Set(["number", "int", "int32", "uint32", "float32", "float64", "nan"]);
const INT64 = new Set(["bigint", "int64", "uint64"]);
const UNSUPPORTED = new Set(["date", "symbol", "map", "set", "promise", "file", "function", "void", "undefined"]);
// Methods that refine or describe a schema without changing its Convex type.
const SAME = new Set([
  "min",
  "max",
  "length",
  "email",
  "url",
  "uuid",
  "regex",
  "includes",
  "startsWith",
  "endsWith",
  "trim",
  "toLowerCase",
  "toUpperCase",
  "lowercase",
  "uppercase",
  "normalize",
  "int",
  "positive",
  "negative",
  "nonnegative",
  "nonpositive",
  "multipleOf",
  "step",
  "finite",
  "safe",
  "gt",
  "gte",
  "lt",
  "lte",
  "nonempty",
  "refine",
  "superRefine",
  "check",
  "describe",
  "meta",
  "brand",
  "readonly",
  "catch",
  "overwrite",
  "datetime",
  "date",
  "time",
  "cuid",
  "cuid2",
  "ulid",
  "nanoid",
  "ip",
  "cidr",
  "base64",
  "emoji",
  "size",
  "strict",
  "passthrough",
  "strip",
  "loose",
  "catchall",
]);

const ok = (v: Validator, optional = false): Conv => ({ v, optional });
const both = (c: Conv, major: 3 | 4 | undefined): ZodVal => ({ t: "zod", major, in: c, out: c });
const map = (z: ZodVal, f: (c: Extract<Conv, { v: Validator }>) => Conv): ZodVal => ({
  t: "zod",
  major: z.major,
  in: "why" in z.in ? z.in : f(z.in),
  out: "why" in z.out ? z.out : f(z.out),
});

/** The major a namespace builtin stands for; "zod" is the installed package (unknown unless the CLI says). */
function majorOf(ctx: ParseContext, name: Builtin): 3 | 4 | undefined {
  return name === "zod3" ? 3 : name === "zod4" ? 4 : ctx.zodMajor;
}

/** `z.<builder>(...)`. */
export function zodBuild(
  ctx: ParseContext,
  ns: Builtin,
  method: string,
  args: Val[],
  node: Node,
  mod: SourceModule,
): Val {
  const major = majorOf(ctx, ns);
  const zodArg = (i: number): ZodVal | undefined => (args[i]?.t === "zod" ? (args[i] as ZodVal) : undefined);
  const child = (z: ZodVal, mode: "in" | "out"): Conv => nested(major, z, mode);
  if (STRING.has(method)) return both(ok({ kind: "string" }), major);
  if (NUMBER.has(method)) return both(ok({ kind: "number" }), major);
  if (INT64.has(method)) return both(ok({ kind: "int64" }), major);
  if (method === "boolean") return both(ok({ kind: "boolean" }), major);
  if (method === "null") return both(ok({ kind: "null" }), major);
  if (method === "any" || method === "unknown" || method === "custom" || method === "intersection")
    return both(ok({ kind: "any" }), major);
  if (method === "never") return both(ok({ kind: "union", members: [] }), major);
  if (UNSUPPORTED.has(method))
    return both({ why: `"z.${method}()" has no Convex equivalent (convex-helpers throws)` }, major);
  if (method === "literal") return both(literalConv(args[0]), major);
  if (method === "enum") return both(enumConv(args[0]), major);
  if (method === "object" || method === "strictObject" || method === "looseObject") {
    const shape = args[0] ?? { t: "object", entries: new Map() };
    if (shape.t !== "object") return unknownOf(shape, `the shape of "z.${method}(...)"`, node, mod);
    return objectVal(major, shape.entries);
  }
  const inner = zodArg(0);
  if (
    method === "array" ||
    method === "optional" ||
    method === "nullable" ||
    method === "nullish" ||
    method === "nonoptional" ||
    method === "readonly"
  ) {
    if (!inner) return unknownOf(args[0], `the argument of "z.${method}(...)"`, node, mod);
    // The wrapper is of this namespace's major; the wrapped schema converts as a child of it.
    const wrapped: ZodVal = { t: "zod", major, in: child(inner, "in"), out: child(inner, "out"), shape: inner.shape };
    return zodMethod(ctx, wrapped, method, [], node, mod);
  }
  if (method === "union" || method === "discriminatedUnion" || method === "tuple") {
    const list = args[method === "discriminatedUnion" ? 1 : 0];
    const items = list?.t === "array" ? list.items : undefined;
    if (!items?.every((x): x is ZodVal => x.t === "zod"))
      return unknownOf(list, `the options of "z.${method}(...)"`, node, mod);
    const rest = method === "tuple" && zodArg(1) ? [zodArg(1)!] : [];
    const union = (mode: "in" | "out"): Conv => unionConv([...items, ...rest].map((x) => child(x, mode)));
    const arr = (c: Conv): Conv => ("why" in c ? c : ok({ kind: "array", element: c.v }));
    return {
      t: "zod",
      major,
      in: method === "tuple" ? arr(union("in")) : union("in"),
      out: method === "tuple" ? arr(union("out")) : union("out"),
    };
  }
  if (method === "record" || method === "partialRecord") {
    const [k, val] = [zodArg(0), zodArg(1)];
    if (!k || !val) return unknownOf(args[k ? 1 : 0], `the argument of "z.${method}(...)"`, node, mod);
    // convex-helpers 0.1.x makes no difference for z.partialRecord: its enum keys still carry their values.
    const rec = (mode: "in" | "out") => recordConv(child(k, mode), child(val, mode));
    return { t: "zod", major, in: rec("in"), out: rec("out") };
  }
  return unknown(`"z.${method}(...)" is not read statically`, node, mod);
}

/** A method called on a zod schema. */
export function zodMethod(
  ctx: ParseContext,
  z: ZodVal,
  method: string,
  args: Val[],
  node: Node,
  mod: SourceModule,
): Val {
  if (SAME.has(method)) return z;
  if (method === "optional") return map(z, (c) => ok(c.v, true));
  if (method === "nonoptional") return map(z, (c) => ok(c.v));
  if (method === "nullable") return map(z, (c) => ok({ kind: "union", members: [c.v, { kind: "null" }] }, c.optional));
  if (method === "nullish") return map(z, (c) => ok({ kind: "union", members: [c.v, { kind: "null" }] }, true));
  if (method === "array") {
    return map(z, (c) =>
      c.optional
        ? { why: "arrays of optional values are not supported (convex-helpers throws)" }
        : ok({ kind: "array", element: c.v }),
    );
  }
  // `.default(x)`: the input may leave the field out; the output always has it.
  if (method === "default") return { ...z, in: "why" in z.in ? z.in : ok(z.in.v, true), shape: undefined };
  if (method === "transform") return { t: "zod", major: z.major, in: z.in, out: ok({ kind: "any" }) };
  if (method === "pipe") {
    const next = args[0];
    if (next?.t !== "zod") return unknownOf(next, `the argument of ".pipe(...)"`, node, mod);
    return { t: "zod", major: z.major, in: z.in, out: nested(z.major, next, "out") };
  }
  if (method === "or") {
    const other = args[0];
    if (other?.t !== "zod") return unknownOf(other, `the argument of ".or(...)"`, node, mod);
    return {
      t: "zod",
      major: z.major,
      in: unionConv([z.in, nested(z.major, other, "in")]),
      out: unionConv([z.out, nested(z.major, other, "out")]),
    };
  }
  if (method === "and") return both(ok({ kind: "any" }), z.major);
  if (z.shape) return objectMethod(ctx, z, method, args, node, mod);
  return unknown(`the zod method ".${method}(...)" is not read statically`, node, mod);
}

/** `.shape` of a `z.object(...)`. */
export function zodMember(z: ZodVal, name: string, node: Node, mod: SourceModule): Val {
  if (name === "shape" && z.shape) return { t: "object", entries: z.shape };
  return unknown(`the zod property ".${name}" is not read statically`, node, mod);
}

/** `zid("table")`, `zodToConvex(schema)`, `zodToConvexFields({ ... })` and the Output forms. */
export function zodHelperCall(name: Builtin, args: Val[], node: Node, mod: SourceModule): Val {
  if (name === "zid3" || name === "zid4") {
    const table = args[0];
    if (table?.t !== "lit" || typeof table.value !== "string")
      return unknownOf(table, `the table name of "zid(...)"`, node, mod);
    return both(ok({ kind: "id", table: table.value }), name === "zid3" ? 3 : 4);
  }
  const mode = name === "zodOutputToConvex" || name === "zodOutputToConvexFields" ? "out" : "in";
  const arg = args[0];
  if (name === "zodToConvexFields" || name === "zodOutputToConvexFields") {
    if (arg?.t !== "object") return unknownOf(arg, `the fields of "${name}(...)"`, node, mod);
    const entries = new Map<string, Entry>();
    for (const [k, e] of arg.entries)
      entries.set(k, {
        ...e,
        value:
          e.value.t === "zod" ? toVal(nested(e.value.major, e.value, mode), node, mod) : notZod(e.value, node, mod),
      });
    return { t: "object", entries };
  }
  if (arg?.t !== "zod") return notZod(arg, node, mod);
  return toVal(arg[mode], node, mod);
}

function toVal(c: Conv, node: Node, mod: SourceModule): Val {
  return "why" in c ? unknown(c.why, node, mod) : { t: "validator", v: c.v, optional: c.optional };
}

function notZod(val: Val | undefined, node: Node, mod: SourceModule): Val {
  return val?.t === "unknown" ? val : unknown(`"${snippet(mod, node)}" is not given a zod schema`, node, mod);
}

function unknownOf(val: Val | undefined, what: string, node: Node, mod: SourceModule): Val {
  return val?.t === "unknown" ? val : unknown(`${what} is not a zod schema or literal read statically`, node, mod);
}

/**
 * A schema inside one of the other major: convex-helpers' Zod 4 conversion reads it as `v.any()`, its Zod 3
 * conversion throws ("Unknown Zod type").
 */
function nested(parent: 3 | 4 | undefined, z: ZodVal, mode: "in" | "out"): Conv {
  if (parent === undefined || z.major === undefined || parent === z.major) return z[mode];
  return parent === 4 ? ok({ kind: "any" }) : { why: "a Zod 4 schema inside a Zod 3 one (convex-helpers throws)" };
}

function objectVal(major: 3 | 4 | undefined, shape: Map<string, Entry>): Val {
  const conv = (mode: "in" | "out"): Conv => {
    const fields: Field[] = [];
    for (const e of shape.values()) {
      if (e.value.t !== "zod") return { why: `the field "${e.key}" is not a zod schema read statically` };
      const c = nested(major, e.value, mode);
      if ("why" in c) return c;
      fields.push({ name: e.key, validator: c.v, optional: c.optional });
    }
    return ok({ kind: "object", fields });
  };
  return { t: "zod", major, in: conv("in"), out: conv("out"), shape };
}

/** `.extend/.merge/.pick/.omit/.partial/.required/.keyof` of a `z.object(...)`. */
function objectMethod(ctx: ParseContext, z: ZodVal, method: string, args: Val[], node: Node, mod: SourceModule): Val {
  const shape = z.shape!;
  const arg = args[0];
  const keys = arg?.t === "object" ? [...arg.entries.keys()] : undefined;
  const wrap = (e: Entry, how: "optional" | "nonoptional"): Entry =>
    e.value.t === "zod" ? { ...e, value: zodMethod(ctx, e.value, how, [], node, mod) } : e;
  const pick = (keep: (k: string) => boolean) => new Map([...shape].filter(([k]) => keep(k)));
  if (method === "extend" && arg?.t === "object") return objectVal(z.major, new Map([...shape, ...arg.entries]));
  if (method === "merge" && arg?.t === "zod" && arg.shape) return objectVal(z.major, new Map([...shape, ...arg.shape]));
  if (method === "pick" && keys)
    return objectVal(
      z.major,
      pick((k) => keys.includes(k)),
    );
  if (method === "omit" && keys)
    return objectVal(
      z.major,
      pick((k) => !keys.includes(k)),
    );
  if ((method === "partial" || method === "required") && (arg === undefined || keys)) {
    const how = method === "partial" ? "optional" : "nonoptional";
    return objectVal(z.major, new Map([...shape].map(([k, e]) => [k, !keys || keys.includes(k) ? wrap(e, how) : e])));
  }
  if (method === "keyof")
    return both(unionConv([...shape.keys()].map((k) => ok({ kind: "literal", value: k }))), z.major);
  return unknown(
    `the zod method ".${method}(...)" with "${arg ? snippet(mod, node) : "no arguments"}" is not read statically`,
    node,
    mod,
  );
}

function literalValue(val: Val): Conv {
  if (val.t !== "lit") return { why: "a zod literal that is not a literal value" };
  if (val.value === undefined) return { why: "undefined is not a valid Convex value (convex-helpers throws)" };
  if (val.value === null) return ok({ kind: "null" });
  return ok({ kind: "literal", value: val.value, ...(val.bigint ? { bigint: true } : {}) });
}

function literalConv(arg: Val | undefined): Conv {
  if (arg?.t === "array")
    return arg.items.length === 1 ? literalValue(arg.items[0]) : unionConv(arg.items.map(literalValue));
  return arg ? literalValue(arg) : { why: "a missing literal" };
}

/** `z.enum(["a", "b"])` (a TypeScript enum object keeps its values, dropping numeric reverse keys). */
function enumConv(arg: Val | undefined): Conv {
  if (arg?.t === "array") return unionConv(arg.items.map(literalValue));
  if (arg?.t === "object") {
    const values = [...arg.entries]
      .filter(([k, e]) => Number.isNaN(Number(k)) || (e.value.t === "lit" && e.value.value === k))
      .map(([, e]) => e.value);
    return unionConv(values.map(literalValue));
  }
  return { why: 'the values of "z.enum(...)" are not read statically' };
}

function unionConv(members: Conv[]): Conv {
  const out: Validator[] = [];
  for (const m of members) {
    if ("why" in m) return m;
    out.push(m.v);
  }
  return ok({ kind: "union", members: out });
}

/** `z.record(key, value)`: string literal keys become an object, other keys a record (a non-id key is a string). */
function recordConv(key: Conv, value: Conv): Conv {
  if ("why" in key) return key;
  if ("why" in value) return value;
  const literals = stringLiterals(key.v);
  if (literals) {
    const optional = value.optional;
    return ok({ kind: "object", fields: literals.map((name) => ({ name, validator: value.v, optional })) });
  }
  return ok({ kind: "record", key: validKey(key.v) ? key.v : { kind: "string" }, value: value.v });
}

function stringLiterals(v: Validator): string[] | null {
  if (v.kind === "literal") return typeof v.value === "string" ? [v.value] : null;
  if (v.kind !== "union") return null;
  const out: string[] = [];
  for (const m of v.members) {
    const inner = stringLiterals(m);
    if (!inner) return null;
    out.push(...inner);
  }
  return out;
}

function validKey(v: Validator): boolean {
  return v.kind === "string" || v.kind === "id" || (v.kind === "union" && v.members.every(validKey));
}
