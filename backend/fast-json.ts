/**
 * Convex's JSON encoding (`convexToJson` / `jsonToConvex` from convex/values) without the copy when it is not
 * needed: most documents hold only strings, finite numbers, booleans, null, arrays and plain objects, whose
 * encoding is the value itself. Those are returned as they are (shared, not copied: treat them as read-only);
 * anything else (int64, bytes, NaN/±Infinity/-0, `$`-keys, bad field names) goes through convex/values, so
 * results and errors are the same as theirs (up to object key order, which Convex does not define).
 */
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";

const MAX_DEPTH = 64;

function validField(k: string): boolean {
  if (k.length > 1024 || k.charCodeAt(0) === 36 /* $ */) return false;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c < 32 || c >= 127) return false;
  }
  return true;
}

/** True if `v` encodes to itself in Convex JSON (in both directions). */
function plain(v: unknown, depth: number): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(v) && !Object.is(v, -0);
    case "object": {
      if (depth > MAX_DEPTH) return false;
      if (Array.isArray(v)) {
        for (const x of v) if (!plain(x, depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype) return false;
      for (const k in v) {
        if (!validField(k)) return false;
        const x = (v as Record<string, unknown>)[k];
        if (x === undefined || !plain(x, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** True if `value` is its own Convex JSON encoding (then `toConvexJson` and `fromConvexJson` return it as is). */
export function isPlainJson(value: unknown): boolean {
  return plain(value, 0);
}

/** `convexToJson`, returning `value` itself when it is already its own encoding. */
export function toConvexJson(value: unknown): JSONValue {
  return plain(value, 0) ? (value as JSONValue) : convexToJson(value as Value);
}

/** `jsonToConvex`, returning `json` itself when it holds no encoded values. */
export function fromConvexJson(json: unknown): Value {
  return plain(json, 0) ? (json as Value) : jsonToConvex(json as JSONValue);
}
