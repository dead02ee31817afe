/**
 * Per-document transforms compiled from backfill steps: computes the patch a backfill makes to one document.
 * Shared by the preflight (in memory) and the executor (as writes).
 */
import { remapIdsWithin } from "./remap";
import { cloneValue } from "./value";
import type { Field, Table } from "../schema/model";
import type { MergeHow } from "./changes";
import type { Conversion, FieldBackfill } from "./plan/types";
import { compileField, type Doc, type ValidateOptions } from "./validate";

/** The fields a backfill sets on one document (unset fields are handled by `unsetFields`). */
export type Patch = Record<string, unknown>;

export interface TransformContext extends ValidateOptions {
  /** Old id → new id for tables copied by a rename (remapId conversions). */
  idMap?: Map<string, string>;
}

/** A conversion as a function; undefined means "cannot convert this value". */
export function convert(c: Conversion, x: unknown, ctx: TransformContext): unknown {
  switch (c.kind) {
    case "toString":
      return typeof x === "string"
        ? x
        : typeof x === "number" || typeof x === "bigint" || typeof x === "boolean"
          ? String(x)
          : undefined;
    case "toNumber": {
      if (typeof x === "number") return x;
      if (typeof x === "bigint") return Number(x);
      if (typeof x === "boolean") return x ? 1 : 0;
      if (typeof x !== "string" || x.trim() === "") return undefined;
      const n = Number(x);
      return Number.isFinite(n) ? n : undefined;
    }
    case "toInt64":
      if (typeof x === "bigint") return x;
      if (typeof x === "number" && Number.isInteger(x)) return BigInt(x);
      if (typeof x === "string" && /^-?\d+$/.test(x.trim())) return BigInt(x.trim());
      return undefined;
    case "wrapArray":
      return x === undefined ? undefined : [x];
    case "remapId":
      if (c.within) return remapIdsWithin(c.within, x, c.fromTable, ctx.idMap ?? new Map());
      return typeof x === "string" ? (ctx.idMap?.get(x) ?? x) : x;
  }
}

/**
 * The merged value of several fields; undefined when none is set. "object" puts each value set under its member name
 * (`members`, parallel to `values`); "array" keeps the values set (null included: the array's element type holds
 * every source's), in order.
 */
export function combine(how: MergeHow, values: unknown[], members: string[] = []): unknown {
  if (how === "object") {
    const out: Record<string, unknown> = {};
    values.forEach((x, i) => {
      if (x !== undefined && members[i] !== undefined) out[members[i]] = cloneValue(x);
    });
    return Object.keys(out).length ? out : undefined;
  }
  if (how === "array") {
    const out = values.filter((x) => x !== undefined).map(cloneValue);
    return out.length ? out : undefined;
  }
  const set = values.filter((x) => x !== undefined && x !== null);
  if (!set.length) return undefined;
  if (how === "sum" && set.every((x) => typeof x === "number")) return (set as number[]).reduce((a, b) => a + b, 0);
  if (how === "sum" && set.every((x) => typeof x === "bigint")) return (set as bigint[]).reduce((a, b) => a + b, 0n);
  if (how === "concat" && set.every((x) => typeof x === "string")) return (set as string[]).join(" ");
  return set[0];
}

/**
 * Compiles a backfill for `target` (the table's final definition) into `(doc) => patch | null`.
 * Values that still do not fit after conversion and fallback are left out of the patch (the preflight and
 * the final schema push report them).
 */
export function compileBackfill(
  target: Table,
  fields: FieldBackfill[],
  ctx: TransformContext = {},
): (doc: Doc) => Patch | null {
  const compiled = fields.map((f) => {
    const def: Field | undefined = target.fields.find((x) => x.name === f.field);
    const fits = def ? compileField({ ...def, optional: false }, ctx) : () => true;
    return { ...f, fits };
  });
  return (doc) => {
    let patch: Patch | null = null;
    const get = (k: string) => (patch && k in patch ? patch[k] : doc[k]);
    for (const f of compiled) {
      const current = get(f.field);
      if (f.when === "missing" && current !== undefined) continue;
      if (f.when === "invalid" && (current === undefined || f.fits(current))) continue;
      if (f.when === "always" && current === undefined) continue;
      const value = valueFor(f, get, ctx);
      if (value === undefined || (f.when !== "always" && !f.fits(value))) continue;
      if (value === current) continue;
      (patch ??= {})[f.field] = value;
    }
    return patch;
  };
}

function valueFor(
  f: FieldBackfill & { fits: (x: unknown) => boolean },
  get: (k: string) => unknown,
  ctx: TransformContext,
): unknown {
  const s = f.source;
  switch (s.kind) {
    case "default":
      return cloneValue(s.value);
    case "copy":
      return get(s.from);
    case "combine":
      return combine(s.how, s.from.map(get), s.members);
    case "decision":
      return undefined;
    case "convert": {
      const out = convert(s.conversion, get(s.from), ctx);
      if (out !== undefined && f.fits(out)) return out;
      return s.fallback ? cloneValue(s.fallback.value) : undefined;
    }
  }
}
