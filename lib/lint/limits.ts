/**
 * Convex platform limits the linter checks, with where each figure comes from.
 *
 * Sources: https://docs.convex.dev/production/state/limits ("Indexes per table 32", "Fields per index 16",
 * "Index name length 64", "Fields 1024", "Field name length 64", "Field nesting depth 16"), the `v.object` JSDoc in
 * `convex/src/values/validator.ts` (1.48.0: keys may not start with "$" or "_"), `VectorIndexConfig.dimensions`
 * in `convex/src/server/schema.ts` ("between 2 and 2048 inclusive") and `convex/src/server/system_fields.ts`
 * (the built-in `by_id` and `by_creation_time` indexes).
 */
export const CONVEX_LIMITS = {
  indexesPerTable: 32,
  fieldsPerIndex: 16,
  filterFieldsPerSearchIndex: 16,
  identifierLength: 64,
  fieldsPerObject: 1024,
  nestingDepth: 16,
  vectorDimensionsMin: 2,
  vectorDimensionsMax: 2048,
} as const;

/** Index names Convex defines on every table. */
export const RESERVED_INDEX_NAMES = ["by_id", "by_creation_time"] as const;
