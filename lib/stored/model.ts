/**
 * The stored shapes of the schema model (`schemaVersions.modelJson`, proposals' models) and of a project's files
 * (`filesJson`). Objects are checked loosely: the keys the engine relies on must be there with the right types;
 * other keys (locations, descriptions, library markers) are kept as they are.
 */
import { z } from "zod";
import type {
  Diagnostic,
  Field,
  SchemaModel,
  SearchIndex,
  Table,
  Validator,
  VectorIndex,
  Index,
} from "../schema/model";
import { storedShape } from ".";

const loc = z.looseObject({ file: z.string(), line: z.number(), column: z.number() });

const validator: z.ZodType<Validator> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.looseObject({ kind: z.literal("id"), table: z.string() }),
    z.looseObject({ kind: z.literal("string") }),
    z.looseObject({ kind: z.literal("number") }),
    z.looseObject({ kind: z.literal("int64") }),
    z.looseObject({ kind: z.literal("boolean") }),
    z.looseObject({ kind: z.literal("null") }),
    z.looseObject({ kind: z.literal("bytes") }),
    z.looseObject({ kind: z.literal("any") }),
    z.looseObject({
      kind: z.literal("literal"),
      value: z.union([z.string(), z.number(), z.boolean()]),
      bigint: z.boolean().optional(),
    }),
    z.looseObject({ kind: z.literal("array"), element: validator }),
    z.looseObject({ kind: z.literal("object"), fields: z.array(field) }),
    z.looseObject({ kind: z.literal("record"), key: validator, value: validator }),
    z.looseObject({ kind: z.literal("union"), members: z.array(validator) }),
  ]),
);

const field: z.ZodType<Field> = z.lazy(() =>
  z.looseObject({ name: z.string(), validator, optional: z.boolean(), loc: loc.optional() }),
);

const index: z.ZodType<Index> = z.looseObject({ name: z.string(), fields: z.array(z.string()) });
const searchIndex: z.ZodType<SearchIndex> = z.looseObject({
  name: z.string(),
  searchField: z.string(),
  filterFields: z.array(z.string()),
});
const vectorIndex: z.ZodType<VectorIndex> = z.looseObject({
  name: z.string(),
  vectorField: z.string(),
  dimensions: z.number(),
  filterFields: z.array(z.string()),
});

const table: z.ZodType<Table> = z.looseObject({
  name: z.string(),
  fields: z.array(field),
  variants: z.array(z.array(field)).optional(),
  indexes: z.array(index),
  searchIndexes: z.array(searchIndex),
  vectorIndexes: z.array(vectorIndex),
  loc: loc.optional(),
});

const diagnostic: z.ZodType<Diagnostic> = z.looseObject({
  code: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  path: z.string().optional(),
  loc: loc.optional(),
});

/** The schema model; options missing from older rows take Convex's defaults (both true). */
export const schemaModelSchema: z.ZodType<SchemaModel> = z.looseObject({
  tables: z.array(table),
  options: z
    .looseObject({
      schemaValidation: z.boolean().default(true),
      strictTableNameTypes: z.boolean().default(true),
    })
    .default({ schemaValidation: true, strictTableNameTypes: true }),
  warnings: z.array(diagnostic).default([]),
  entry: z.string().optional(),
});

/** `schemaVersions.modelJson`, `proposals.modelJson` / `parentModelJson`: a `SchemaModel`. */
export const storedModel = storedShape("schema model", 1, schemaModelSchema);

/** `filesJson`: a project's source files, path → text. */
export const storedFiles = storedShape("project files", 1, z.record(z.string(), z.string()));

/** Validated diagnostics (for shapes that embed them). */
export const diagnosticSchema = diagnostic;
