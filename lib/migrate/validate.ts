/**
 * Document validation in Convex's terms. Validators are compiled once into checking closures (fast path
 * returns a boolean); only failing documents are walked again to produce Convex-worded errors.
 */
import type { Field, SchemaModel, Table, Validator } from "../schema/model";
import { findTable, validatorToCode } from "../schema/model";
import { documentValidator } from "./subsume";

/** A document as stored: system fields plus user fields, with Convex values (bigint, ArrayBuffer, ...). */
export type Doc = Record<string, unknown>;

export type ValidationCode = "missingField" | "extraField" | "mismatch" | "unknownTable";

export interface ValidationError {
  code: ValidationCode;
  table: string;
  documentId?: string;
  /** Convex-style path of the offending value: ".author", ".tags[2]". Empty for the document itself. */
  path: string;
  /** Top-level field the error is under (grouping key for preflight counts). */
  field?: string;
  /** The full message as Convex prints it at push time. */
  message: string;
}

export interface ValidateOptions {
  /** Table an id belongs to, when it can be decoded; ids of another table then fail `v.id(...)`. */
  idTable?: (id: string) => string | undefined;
}

type Check = (value: unknown) => boolean;

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof ArrayBuffer);

/** Compiles a validator into a closure that says whether a value passes. */
export function compileValidator(v: Validator, opts: ValidateOptions = {}): Check {
  switch (v.kind) {
    case "any":
      return (x) => x !== undefined;
    case "string":
      return (x) => typeof x === "string";
    case "number":
      return (x) => typeof x === "number";
    case "int64":
      return (x) => typeof x === "bigint";
    case "boolean":
      return (x) => typeof x === "boolean";
    case "null":
      return (x) => x === null;
    case "bytes":
      return (x) => x instanceof ArrayBuffer;
    case "id": {
      const idTable = opts.idTable;
      const table = v.table;
      return idTable ? (x) => typeof x === "string" && idTable(x) === table : (x) => typeof x === "string";
    }
    case "literal": {
      const value = v.bigint ? BigInt(v.value) : v.value;
      return (x) => x === value;
    }
    case "array": {
      const el = compileValidator(v.element, opts);
      return (x) => Array.isArray(x) && x.every(el);
    }
    case "record": {
      const key = compileValidator(v.key, opts);
      const value = compileValidator(v.value, opts);
      return (x) => isPlainObject(x) && Object.entries(x).every(([k, y]) => y === undefined || (key(k) && value(y)));
    }
    case "union": {
      const members = v.members.map((m) => compileValidator(m, opts));
      return (x) => members.some((m) => m(x));
    }
    case "object":
      return compileObject(v.fields, opts, false);
  }
}

/** An object check; `system` skips `_id` / `_creationTime` (documents). */
function compileObject(fields: Field[], opts: ValidateOptions, system: boolean): Check {
  const checks = fields.map((f) => ({
    name: f.name,
    optional: f.optional,
    check: compileValidator(f.validator, opts),
  }));
  const known = new Set(fields.map((f) => f.name));
  const required = checks.filter((c) => !c.optional).length;
  return (x) => {
    if (!isPlainObject(x)) return false;
    let seenRequired = 0;
    for (const key in x) {
      const value = x[key];
      if (value === undefined) continue;
      if (!known.has(key)) {
        if (system && (key === "_id" || key === "_creationTime")) continue;
        return false;
      }
    }
    for (const c of checks) {
      const value = x[c.name];
      if (value === undefined) {
        if (!c.optional) return false;
        continue;
      }
      if (!c.check(value)) return false;
      if (!c.optional) seenRequired++;
    }
    return seenRequired === required;
  };
}

/** A check for one field value including optionality (`undefined` passes an optional field). */
export function compileField(f: Field, opts: ValidateOptions = {}): Check {
  const check = compileValidator(f.validator, opts);
  return f.optional ? (x) => x === undefined || check(x) : (x) => x !== undefined && check(x);
}

/** A whole-document check for a table (system fields allowed). */
export function compileTable(table: Table, opts: ValidateOptions = {}): Check {
  const v = documentValidator(table);
  if (v.kind === "object") return compileObject(v.fields, opts, true);
  if (v.kind !== "union") return () => true;
  const members = v.members.map((m) =>
    m.kind === "object" ? compileObject(m.fields, opts, true) : compileValidator(m, opts),
  );
  return (x) => members.some((m) => m(x));
}

/** Formats a Convex value for messages (bigint with `n`, bytes as a size). */
export function formatValue(x: unknown): string {
  if (x === undefined) return "undefined";
  return (
    JSON.stringify(x, (_k, y) =>
      typeof y === "bigint" ? `${y}n` : y instanceof ArrayBuffer ? `<${y.byteLength} bytes>` : y,
    ) ?? String(x)
  );
}

/**
 * Validates one document of `table` against the model; returns Convex-worded errors (empty when valid).
 * The first error per document is what Convex reports; all top-level problems are listed for counting.
 */
export function validateDocument(
  model: SchemaModel,
  table: string,
  doc: Doc,
  opts: ValidateOptions = {},
): ValidationError[] {
  const t = findTable(model, table);
  const id = typeof doc._id === "string" ? doc._id : undefined;
  if (!t) {
    if (!model.options.schemaValidation) return [];
    return [
      { code: "unknownTable", table, documentId: id, path: "", message: `Table "${table}" is not in the schema.` },
    ];
  }
  if (!model.options.schemaValidation || compileTable(t, opts)(doc)) return [];
  return explainDocument(t, doc, opts);
}

/** Detailed errors for a document known to fail (slow path). */
export function explainDocument(t: Table, doc: Doc, opts: ValidateOptions = {}): ValidationError[] {
  const id = typeof doc._id === "string" ? doc._id : undefined;
  const v = documentValidator(t);
  const raw =
    v.kind === "object" ? explainObject(v.fields, doc, "", opts, true) : [{ path: "", value: doc, validator: v }];
  return raw.map((r) => {
    const field = r.path.match(/^\.([^.[]+)/)?.[1] ?? r.field;
    const head = `Document with ID "${id ?? "?"}" in table "${t.name}" does not match the schema: `;
    if (r.missing) {
      return {
        code: "missingField",
        table: t.name,
        documentId: id,
        path: r.path,
        field: r.missing,
        message: `${head}Object is missing the required field \`${r.missing}\`. Consider wrapping the field validator in \`v.optional(...)\` if this is expected.`,
      };
    }
    if (r.extra) {
      return {
        code: "extraField",
        table: t.name,
        documentId: id,
        path: r.path,
        field: r.extra,
        message: `${head}Object contains extra field \`${r.extra}\` that is not in the validator.`,
      };
    }
    const validator = r.validator ? validatorToCode(r.validator) : "";
    return {
      code: "mismatch",
      table: t.name,
      documentId: id,
      path: r.path,
      field,
      message: `${head}Value does not match validator.\nPath: ${r.path}\nValue: ${formatValue(r.value)}\nValidator: ${validator}`,
    };
  });
}

interface RawError {
  path: string;
  field?: string;
  missing?: string;
  extra?: string;
  value?: unknown;
  validator?: Validator;
}

function explainObject(
  fields: Field[],
  x: Record<string, unknown>,
  path: string,
  opts: ValidateOptions,
  system: boolean,
): RawError[] {
  const out: RawError[] = [];
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const key of Object.keys(x)) {
    if (x[key] === undefined || byName.has(key) || (system && (key === "_id" || key === "_creationTime"))) continue;
    out.push({ path, extra: key, field: key });
  }
  for (const f of fields) {
    const value = x[f.name];
    if (value === undefined) {
      if (!f.optional) out.push({ path, missing: f.name, field: f.name });
      continue;
    }
    out.push(...explainValue(f.validator, value, `${path}.${f.name}`, opts));
  }
  return out;
}

function explainValue(v: Validator, value: unknown, path: string, opts: ValidateOptions): RawError[] {
  if (compileValidator(v, opts)(value)) return [];
  if (v.kind === "object" && isPlainObject(value)) return explainObject(v.fields, value, path, opts, false);
  if (v.kind === "array" && Array.isArray(value)) {
    const i = value.findIndex((el) => !compileValidator(v.element, opts)(el));
    return explainValue(v.element, value[i], `${path}[${i}]`, opts);
  }
  return [{ path, value, validator: v }];
}
