/**
 * Validator subsumption: does every value accepted by one validator pass another?
 * Used to classify type changes as widening (safe) or narrowing (needs data checks).
 * The answer is sound (never says "yes" wrongly) and complete for the shapes schemas use in practice.
 */
import type { Field, Table, Validator } from "../schema/model";
import type { Relation } from "./changes";

/** True when every value valid under `inner` is valid under `outer`. */
export function subsumes(outer: Validator, inner: Validator): boolean {
  if (outer.kind === "any") return true;
  if (inner.kind === "union") return inner.members.every((m) => subsumes(outer, m));
  if (outer.kind === "union") return unionAccepts(outer.members, inner);
  switch (inner.kind) {
    case "any":
      return false;
    case "literal":
      return literalFits(outer, inner);
    case "id":
      return (outer.kind === "id" && outer.table === inner.table) || outer.kind === "string";
    case "array":
      return outer.kind === "array" && subsumes(outer.element, inner.element);
    case "record":
      return outer.kind === "record" && subsumes(outer.key, inner.key) && subsumes(outer.value, inner.value);
    case "object":
      if (outer.kind === "record") return objectFitsRecord(outer, inner.fields);
      return outer.kind === "object" && fieldsSubsume(outer.fields, inner.fields);
    case "boolean":
      return outer.kind === "boolean";
    default:
      return outer.kind === inner.kind;
  }
}

function unionAccepts(members: Validator[], inner: Validator): boolean {
  if (members.some((m) => subsumes(m, inner))) return true;
  // `v.boolean()` is covered by `v.literal(true) | v.literal(false)`.
  if (inner.kind === "boolean") {
    return [true, false].every((b) => members.some((m) => subsumes(m, { kind: "literal", value: b })));
  }
  return false;
}

function literalFits(outer: Validator, lit: Extract<Validator, { kind: "literal" }>): boolean {
  if (outer.kind === "literal") return outer.value === lit.value && !!outer.bigint === !!lit.bigint;
  if (lit.bigint) return outer.kind === "int64";
  if (typeof lit.value === "string") return outer.kind === "string";
  if (typeof lit.value === "number") return outer.kind === "number";
  return outer.kind === "boolean";
}

function objectFitsRecord(outer: Extract<Validator, { kind: "record" }>, fields: Field[]): boolean {
  return fields.every(
    (f) => subsumes(outer.key, { kind: "literal", value: f.name }) && subsumes(outer.value, f.validator),
  );
}

/**
 * Object field lists: Convex objects reject unknown fields, so every inner field must exist in outer;
 * a field required in outer must be required in inner.
 */
export function fieldsSubsume(outer: Field[], inner: Field[]): boolean {
  const byName = new Map(outer.map((f) => [f.name, f]));
  for (const f of inner) {
    const o = byName.get(f.name);
    if (!o || !fieldSubsumes(o, f)) return false;
  }
  const innerNames = new Set(inner.map((f) => f.name));
  return outer.every((o) => o.optional || innerNames.has(o.name));
}

/** One field (validator + optionality) accepts every value of another. */
export function fieldSubsumes(
  outer: Pick<Field, "validator" | "optional">,
  inner: Pick<Field, "validator" | "optional">,
): boolean {
  if (inner.optional && !outer.optional) return false;
  return subsumes(outer.validator, inner.validator);
}

/** Classifies the move from `from` to `to`. */
export function relation(from: Validator, to: Validator): Relation {
  const widen = subsumes(to, from);
  const narrow = subsumes(from, to);
  if (widen && narrow) return "equal";
  if (widen) return "widen";
  if (narrow) return "narrow";
  return "change";
}

/** The relation of two fields including optionality. */
export function fieldRelation(
  from: Pick<Field, "validator" | "optional">,
  to: Pick<Field, "validator" | "optional">,
): Relation {
  const widen = fieldSubsumes(to, from);
  const narrow = fieldSubsumes(from, to);
  if (widen && narrow) return "equal";
  return widen ? "widen" : narrow ? "narrow" : "change";
}

/** The validator of a whole document of `table` (variants become a union of objects). */
export function documentValidator(table: Table): Validator {
  if (table.anyDocument) return { kind: "any" };
  if (table.variants?.length) {
    return { kind: "union", members: table.variants.map((fields) => ({ kind: "object", fields })) };
  }
  return { kind: "object", fields: table.fields };
}

/** The smallest validator accepting both (a union, flattened, without members another already covers). */
export function unionOf(a: Validator, b: Validator): Validator {
  if (subsumes(a, b)) return a;
  if (subsumes(b, a)) return b;
  const members: Validator[] = [];
  for (const m of [...flatten(a), ...flatten(b)]) {
    if (!members.some((x) => subsumes(x, m))) members.push(m);
  }
  return members.length === 1 ? members[0] : { kind: "union", members };
}

function flatten(v: Validator): Validator[] {
  return v.kind === "union" ? v.members.flatMap(flatten) : [v];
}
