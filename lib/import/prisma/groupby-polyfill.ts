/**
 * chevrotain 12 (used by @mrleebo/prisma-ast 0.16) calls `Object.groupBy`, which Node 20 lacks (Node ≥ 21 and
 * Convex's runtime have it). This adds the standard behaviour only when missing; it must be imported before
 * `@mrleebo/prisma-ast`, whose parser is built when the module loads.
 */
type GroupBy = <T, K extends PropertyKey>(
  items: Iterable<T>,
  key: (item: T, index: number) => K,
) => Partial<Record<K, T[]>>;

const objectCtor = Object as unknown as { groupBy?: GroupBy };
if (typeof objectCtor.groupBy !== "function") {
  objectCtor.groupBy = <T, K extends PropertyKey>(items: Iterable<T>, key: (item: T, index: number) => K) => {
    const out: Partial<Record<K, T[]>> = Object.create(null);
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      (out[k] ??= []).push(item);
    }
    return out;
  };
}
export {};
