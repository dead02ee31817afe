/**
 * The browser-safe entry of the schema stage: the model, typed operations, the printer, relationship inference and
 * the code catalogue, with no parser. The dashboard (components/, app/) imports this, never `lib/schema` (whose
 * index loads the native oxc-parser); the architecture test fails any import chain from them that reaches it.
 */
export * from "./model";
export * from "./operations";
export { printSchema, printTable, printFields, printField, printValidator } from "./print";
export * from "./relationships";
export { SCHEMA_CODES, type SchemaCode } from "./codes";
