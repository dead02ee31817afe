/**
 * zod (v4) schemas of SchemaOperation and its parts. They check model tool-call arguments and any operations
 * arriving over an API, and give the JSON Schema the model sees. Kept in step with lib/schema/operations.ts by a
 * type-level check at the bottom of this file.
 */
import { z } from "zod";
import type { Field, Index, SearchIndex, Validator, VectorIndex } from "../schema/model";
import type { SchemaOperation } from "../schema/operations";

const name = z.string().min(1).max(64);

export const validatorSchema: z.ZodType<Validator> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("id"), table: name }),
    z.object({ kind: z.literal("string") }),
    z.object({ kind: z.literal("number") }),
    z.object({ kind: z.literal("int64"), commitTs: z.boolean().optional() }),
    z.object({ kind: z.literal("boolean") }),
    z.object({ kind: z.literal("null") }),
    z.object({ kind: z.literal("bytes") }),
    z.object({ kind: z.literal("any") }),
    z.object({
      kind: z.literal("literal"),
      value: z.union([z.string(), z.number(), z.boolean()]),
      bigint: z.boolean().optional(),
    }),
    z.object({ kind: z.literal("array"), element: validatorSchema }),
    z.object({ kind: z.literal("object"), fields: z.array(fieldSchema) }),
    z.object({ kind: z.literal("record"), key: validatorSchema, value: validatorSchema }),
    z.object({ kind: z.literal("union"), members: z.array(validatorSchema).min(1) }),
  ]),
);

export const fieldSchema: z.ZodType<Field> = z.lazy(() =>
  z.object({
    name,
    validator: validatorSchema,
    optional: z.boolean(),
    description: z.string().optional(),
  }),
);

export const indexSchema: z.ZodType<Index> = z.object({
  name,
  fields: z.array(z.string()).min(1).max(16),
  staged: z.boolean().optional(),
});
export const searchIndexSchema: z.ZodType<SearchIndex> = z.object({
  name,
  searchField: z.string(),
  filterFields: z.array(z.string()),
  staged: z.boolean().optional(),
});
export const vectorIndexSchema: z.ZodType<VectorIndex> = z.object({
  name,
  vectorField: z.string(),
  dimensions: z.number().int(),
  filterFields: z.array(z.string()),
  staged: z.boolean().optional(),
});

export const operationSchema: z.ZodType<SchemaOperation> = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("createTable"),
    table: name,
    fields: z.array(fieldSchema).optional(),
    indexes: z.array(indexSchema).optional(),
    description: z.string().optional(),
  }),
  z.object({ op: z.literal("dropTable"), table: name }),
  z.object({ op: z.literal("renameTable"), from: name, to: name }),
  z.object({ op: z.literal("addField"), table: name, field: fieldSchema }),
  z.object({ op: z.literal("removeField"), table: name, field: name }),
  z.object({ op: z.literal("renameField"), table: name, from: name, to: name }),
  z.object({ op: z.literal("changeFieldType"), table: name, field: name, validator: validatorSchema }),
  z.object({ op: z.literal("setOptional"), table: name, field: name, optional: z.boolean() }),
  z.object({ op: z.literal("addIndex"), table: name, index: indexSchema }),
  z.object({ op: z.literal("removeIndex"), table: name, name }),
  z.object({ op: z.literal("addSearchIndex"), table: name, index: searchIndexSchema }),
  z.object({ op: z.literal("addVectorIndex"), table: name, index: vectorIndexSchema }),
  z.object({ op: z.literal("setDescription"), table: name, field: z.string().optional(), description: z.string() }),
]);

export const operationsSchema = z.array(operationSchema).max(500);

/** Arguments of the model's `propose_schema_changes` tool. */
export const proposalArgsSchema = z.object({
  operations: operationsSchema.describe("Typed schema operations, applied in order to the current schema."),
  explanation: z.string().describe("What the change does and why, in a few sentences."),
  assumptions: z.array(z.string()).default([]).describe("Choices made where the request was silent."),
  questions: z
    .array(z.string())
    .default([])
    .describe(
      "Clarifying questions when the request is ambiguous or contradictory; then propose no operations for the unclear part.",
    ),
  confidence: z.number().min(0).max(1).describe("0..1: how sure you are this is what the user wants."),
});

export type ProposalArgs = z.infer<typeof proposalArgsSchema>;

export type ParseOperationsResult = { ok: true; operations: SchemaOperation[] } | { ok: false; errors: string[] };

/** Checks untrusted input is a list of operations; errors name the path, e.g. `[2].field.validator.kind: ...`. */
export function parseOperations(input: unknown): ParseOperationsResult {
  const r = operationsSchema.safeParse(input);
  if (r.success) return { ok: true, operations: r.data };
  return { ok: false, errors: zodErrors(r.error) };
}

/** One sentence per issue, prefixed with its path. */
export function zodErrors(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const path = i.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "");
    return path ? `${path}: ${i.message}` : i.message;
  });
}

/** JSON Schema of the tool arguments, for the model. */
export function proposalArgsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(proposalArgsSchema, { io: "input" }) as Record<string, unknown>;
}

// Compile-time check: the zod output type and SchemaOperation must stay assignable both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameOperation: Same<z.infer<typeof operationSchema>, SchemaOperation> = true;
void sameOperation;
