/**
 * The schema stage: the model, typed operations, the static parser, the printer and surgical source edits,
 * and relationship inference.
 *
 * This entry loads the parser, which uses the native addon `oxc-parser` (fine in the CLI, the embedded backend,
 * "use node" actions and tests). The browser imports `./browser` (everything here but the parser and source edits);
 * the architecture test fails dashboard code whose imports reach the parser.
 */
export * from "./model";
export * from "./operations";
export { parseSchema, parseSchemaSource, type ParseInput, type ParseResult } from "./parse";
export { printSchema, printTable, printFields, printField, printValidator } from "./print";
export { applyOperationsToSource, type EditResult } from "./edit";
export {
  inferRelationships,
  referenceCount,
  referenceKey,
  suggestReferences,
  tableReferences,
  type Cardinality,
  type ReferenceSuggestion,
  type Relationship,
  type RelationshipKind,
} from "./relationships";
export { SCHEMA_CODES, type SchemaCode } from "./codes";
