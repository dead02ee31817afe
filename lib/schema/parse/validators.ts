/** `v.*` builders and validator methods (`.optional()`, `.fields`, `.extend()`, `.pick()`, ...). */
import type { Field, Validator } from "../model";
import type { ParseContext } from "./context";
import { evaluate } from "./evaluate";
import type { Node, SourceModule } from "./source";
import { snippet, unknown, type Entry, type Scope, type Val } from "./values";

type ValidatorVal = Extract<Val, { t: "validator" }>;

const SIMPLE: Record<string, Validator> = {
  string: { kind: "string" },
  number: { kind: "number" },
  float64: { kind: "number" },
  int64: { kind: "int64" },
  bigint: { kind: "int64" },
  boolean: { kind: "boolean" },
  null: { kind: "null" },
  bytes: { kind: "bytes" },
  any: { kind: "any" },
};

const req = (v: Validator): ValidatorVal => ({ t: "validator", v, optional: false });

/**
 * Builds `v.<method>(...args)`. `literalArgs` makes every argument a literal (convex-helpers `literals(...)`).
 * Unknown builders are errors; unresolvable arguments become `v.any()` with a warning.
 */
export function buildValidator(
  ctx: ParseContext,
  method: string,
  argNodes: Node[],
  call: Node,
  scope: Scope,
  literalArgs?: "literal",
): Val {
  return buildValidatorFrom(ctx, method, evalArgs(ctx, argNodes, scope), call, scope.mod, literalArgs);
}

/** `v.<method>` applied to already evaluated arguments (each with the node to report problems at). */
export function buildValidatorFrom(
  ctx: ParseContext,
  method: string,
  evaluated: { val: Val; node: Node }[],
  call: Node,
  mod: SourceModule,
  literalArgs?: "literal",
): Val {
  const simple = SIMPLE[method];
  if (simple) return req(simple);
  if (method === "commitTs") return req({ kind: "int64", commitTs: true });
  const args = evaluated.map((a) => a.val);
  const argNodes = evaluated.map((a) => a.node);
  const arg = (i: number): Val => args[i] ?? unknown("a missing argument", call, mod);
  switch (method) {
    case "id": {
      const a = arg(0);
      if (a.t === "lit" && typeof a.value === "string") return req({ kind: "id", table: a.value });
      return bad(ctx, a, `"v.id" needs a table name string`, argNodes[0] ?? call, mod);
    }
    case "literal":
      return literal(ctx, arg(0), argNodes[0] ?? call, mod);
    case "array":
      return req({ kind: "array", element: toValidator(ctx, arg(0), argNodes[0] ?? call, mod) });
    case "object": {
      const a = arg(0);
      if (a.t === "object") return req({ kind: "object", fields: toFields(ctx, a, mod, argNodes[0] ?? call) });
      return bad(ctx, a, `"v.object" needs an object of validators`, argNodes[0] ?? call, mod);
    }
    case "record":
      return req({
        kind: "record",
        key: toValidator(ctx, arg(0), argNodes[0] ?? call, mod),
        value: toValidator(ctx, arg(1), argNodes[1] ?? call, mod),
      });
    case "union": {
      const members = args.map((a, i) =>
        literalArgs ? literal(ctx, a, argNodes[i], mod).v : toValidator(ctx, a, argNodes[i], mod),
      );
      return req({
        kind: "union",
        members: members.flatMap((m) => (m.kind === "union" && m.members.length === 0 ? [] : [m])),
      });
    }
    case "optional": {
      const inner = toValidatorVal(ctx, arg(0), argNodes[0] ?? call, mod);
      return { t: "validator", v: inner.v, optional: true };
    }
    case "nullable":
      return req({ kind: "union", members: [toValidator(ctx, arg(0), argNodes[0] ?? call, mod), { kind: "null" }] });
    default:
      ctx.error("SA005", `Unknown validator "v.${method}".`, call.callee?.property ?? call, mod);
      return req({ kind: "any" });
  }
}

/** Evaluates call arguments, expanding `...array` spreads (e.g. `v.union(...members)`). */
export function evalArgs(ctx: ParseContext, argNodes: Node[], scope: Scope): { val: Val; node: Node }[] {
  const out: { val: Val; node: Node }[] = [];
  for (const a of argNodes) {
    if (a.type !== "SpreadElement") {
      out.push({ val: evaluate(ctx, a, scope), node: a });
      continue;
    }
    const inner = evaluate(ctx, a.argument, scope);
    if (inner.t === "array") for (const item of inner.items) out.push({ val: item, node: a });
    else out.push({ val: inner.t === "unknown" ? inner : unknown("a spread of a non-array", a, scope.mod), node: a });
  }
  return out;
}

function literal(ctx: ParseContext, a: Val, node: Node, mod: SourceModule): ValidatorVal {
  if (a.t === "lit" && a.bigint) return req({ kind: "literal", value: String(a.value), bigint: true });
  if (a.t === "lit" && (typeof a.value === "string" || typeof a.value === "number" || typeof a.value === "boolean")) {
    return req({ kind: "literal", value: a.value });
  }
  return bad(ctx, a, `"v.literal" needs a string, number, boolean or bigint literal`, node, mod);
}

/** Unresolvable argument → warning and `v.any()`; a resolved argument of the wrong kind → error. */
function bad(ctx: ParseContext, a: Val, what: string, node: Node, mod: SourceModule): ValidatorVal {
  if (a.t === "unknown") {
    ctx.warn(
      "SA101",
      `Cannot resolve "${snippet(mod, node)}" statically (${a.reason}); it is read as "v.any()".`,
      node,
      mod,
    );
  } else {
    ctx.error("SA006", `${what}, got "${snippet(mod, node)}".`, node, mod);
  }
  return req({ kind: "any" });
}

/** A value used where a validator is expected. */
export function toValidatorVal(ctx: ParseContext, a: Val, node: Node, mod: SourceModule): ValidatorVal {
  if (a.t === "validator") return a;
  return bad(ctx, a, `Expected a validator`, node, mod);
}

export function toValidator(ctx: ParseContext, a: Val, node: Node, mod: SourceModule): Validator {
  const val = toValidatorVal(ctx, a, node, mod);
  if (val.optional)
    ctx.error("SA006", `"v.optional" is only allowed on object fields, got "${snippet(mod, node)}".`, node, mod);
  return val.v;
}

/** Fields of an object value whose entries are validators. */
export function toFields(
  ctx: ParseContext,
  obj: Extract<Val, { t: "object" }>,
  mod: SourceModule,
  fallback: Node,
): Field[] {
  const fields: Field[] = [];
  for (const e of obj.entries.values()) {
    if (e.value.t === "lit" && e.value.value === undefined) continue; // `{ a: undefined }` removes a field
    let val: ValidatorVal;
    if (e.value.t === "validator") val = e.value;
    else {
      ctx.path.push(e.key);
      val = toValidatorVal(ctx, e.value, e.prop?.value ?? e.prop ?? obj.node ?? fallback, e.mod ?? mod);
      ctx.path.pop();
    }
    const field: Field = { name: e.key, validator: val.v, optional: val.optional };
    if (e.loc) field.loc = e.loc;
    if (e.description) field.description = e.description;
    fields.push(field);
  }
  return fields;
}

/** `.fields`, `.members`, `.element` of a validator. */
export function validatorMember(val: ValidatorVal, name: string, node: Node, mod: SourceModule): Val {
  const v = val.v;
  if (name === "fields" && v.kind === "object") return fieldsObject(v.fields);
  if (name === "members" && v.kind === "union") return { t: "array", items: v.members.map(req) };
  if (name === "element" && v.kind === "array") return req(v.element);
  if (name === "isOptional") return { t: "lit", value: val.optional ? "optional" : "required" };
  if (name === "kind") return { t: "lit", value: v.kind === "number" ? "float64" : v.kind };
  return unknown(`"${name}" of a "${v.kind}" validator`, node, mod);
}

function fieldsObject(fields: Field[]): Val {
  const entries = new Map<string, Entry>();
  for (const f of fields) {
    entries.set(f.name, {
      key: f.name,
      value: { t: "validator", v: f.validator, optional: f.optional },
      loc: f.loc,
      description: f.description,
    });
  }
  return { t: "object", entries };
}

/** Methods of validators: `.optional()`, `.asOptional()`, and for objects `.extend/.pick/.omit/.partial`. */
export function validatorMethod(
  ctx: ParseContext,
  val: ValidatorVal,
  method: string,
  argNodes: Node[],
  call: Node,
  scope: Scope,
): Val {
  const mod = scope.mod;
  if (method === "optional" || method === "asOptional") return { t: "validator", v: val.v, optional: true };
  if (method === "asRequired") return { t: "validator", v: val.v, optional: false };
  const v = val.v;
  if (v.kind !== "object") return unknown(`the method ".${method}()" of a "${v.kind}" validator`, call, mod);
  const args = argNodes.map((a) => evaluate(ctx, a, scope));
  const names = args.flatMap((a) =>
    a.t === "lit"
      ? [String(a.value)]
      : a.t === "array"
        ? a.items.flatMap((i) => (i.t === "lit" ? [String(i.value)] : []))
        : [],
  );
  const keep = (fields: Field[]): Val => ({ t: "validator", v: { kind: "object", fields }, optional: val.optional });
  switch (method) {
    case "extend": {
      const a = args[0];
      if (a?.t !== "object") return unknown(`the argument of ".extend()"`, argNodes[0] ?? call, mod);
      const added = toFields(ctx, a, mod, argNodes[0]);
      const merged = v.fields.filter((f) => !added.some((x) => x.name === f.name));
      return keep([...merged, ...added]);
    }
    case "pick":
      return keep(names.flatMap((n) => v.fields.filter((f) => f.name === n)));
    case "omit":
      return keep(v.fields.filter((f) => !names.includes(f.name)));
    case "partial":
      return keep(v.fields.map((f) => ({ ...f, optional: true })));
    default:
      return unknown(`the method ".${method}()" of an object validator`, call, mod);
  }
}
