/** Convex values in memory: a fast deep copy (structuredClone costs microseconds per call). */

/** Deep copy of a Convex value (primitives, bigint, ArrayBuffer, arrays, plain objects). */
export function cloneValue<T>(x: T): T {
  if (x === null || typeof x !== "object") return x;
  if (Array.isArray(x)) return x.map(cloneValue) as T;
  if (x instanceof ArrayBuffer) return x.slice(0) as T;
  const out: Record<string, unknown> = {};
  for (const k in x) out[k] = cloneValue((x as Record<string, unknown>)[k]);
  return out as T;
}
