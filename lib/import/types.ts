/**
 * Source types → Convex validators and value conversions, shared by the Prisma and PostgreSQL importers.
 * Each lossy mapping returns the diagnostic the user must see.
 */
import type { Validator } from "../schema/model";
import type { Conversion } from "./plan";

export interface MappedType {
  validator: Validator;
  conversion: Conversion;
  /** Why the mapping loses something, or what generated code must know; `code` is a stable diagnostic code. */
  note?: { code: string; severity: "warning" | "info"; message: string; fix?: string };
}

const STRING: MappedType = { validator: { kind: "string" }, conversion: { kind: "string" } };
const NUMBER: MappedType = { validator: { kind: "number" }, conversion: { kind: "number" } };

function decimal(as: "number" | "string", what: string): MappedType {
  if (as === "string") {
    return {
      validator: { kind: "string" },
      conversion: { kind: "decimal", as },
      note: {
        code: "IMP-DECIMAL",
        severity: "warning",
        message: `${what} is stored as its exact decimal text in a string; arithmetic needs a decimal library.`,
      },
    };
  }
  return {
    validator: { kind: "number" },
    conversion: { kind: "decimal", as },
    note: {
      code: "IMP-DECIMAL",
      severity: "warning",
      message: `${what} is stored as a float64 number: values with more than 15 significant digits lose precision.`,
      fix: "Import with decimal as string (`--decimal string`) to keep exact values.",
    },
  };
}

function timestamp(what: string): MappedType {
  return {
    validator: { kind: "number" },
    conversion: { kind: "timestamp" },
    note: {
      code: "IMP-DATETIME",
      severity: "info",
      message: `${what} is stored as milliseconds since the Unix epoch (v.number()); values without a time zone are read as UTC.`,
    },
  };
}

function json(what: string): MappedType {
  return {
    validator: { kind: "any" },
    conversion: { kind: "json" },
    note: {
      code: "IMP-JSON",
      severity: "warning",
      message: `${what} is typed v.any(): Convex cannot check its shape.`,
      fix: "Replace v.any() with a v.object(...) describing the stored JSON.",
    },
  };
}

function unsupported(what: string): MappedType {
  return {
    validator: { kind: "any" },
    conversion: { kind: "any" },
    note: {
      code: "IMP-UNSUPPORTED-TYPE",
      severity: "warning",
      message: `${what} has no Convex equivalent and is typed v.any(); values are imported as text.`,
      fix: "Choose a validator for this field by hand.",
    },
  };
}

/** A Prisma scalar type name → mapping, or undefined when it is not a scalar. */
export function mapPrismaScalar(type: string, decimalAs: "number" | "string"): MappedType | undefined {
  switch (type) {
    case "String":
      return STRING;
    case "Boolean":
      return { validator: { kind: "boolean" }, conversion: { kind: "boolean" } };
    case "Int":
    case "Float":
      return NUMBER;
    case "BigInt":
      return { validator: { kind: "int64" }, conversion: { kind: "int64" } };
    case "Decimal":
      return decimal(decimalAs, "Decimal");
    case "DateTime":
      return timestamp("DateTime");
    case "Json":
      return json("Json");
    case "Bytes":
      return { validator: { kind: "bytes" }, conversion: { kind: "bytes" } };
    default:
      return undefined;
  }
}

/** Prisma `Unsupported("circle")`. */
export function mapUnsupported(what: string): MappedType {
  return unsupported(what);
}

/** Lower-cased PostgreSQL type name (no modifiers, no array brackets) → mapping. */
export function mapPgType(name: string, decimalAs: "number" | "string"): MappedType | undefined {
  const t = name
    .toLowerCase()
    .replace(/^pg_catalog\./, "")
    .replace(/\s+/g, " ");
  if (/^(smallint|int2|integer|int|int4|serial|serial4|smallserial|serial2)$/.test(t)) return NUMBER;
  if (/^(real|float4|float8|double precision|float)$/.test(t)) return NUMBER;
  if (/^(bigint|int8|bigserial|serial8)$/.test(t))
    return { validator: { kind: "int64" }, conversion: { kind: "int64" } };
  if (/^(numeric|decimal|money)$/.test(t)) return decimal(decimalAs, `"${t}"`);
  if (
    /^(text|varchar|character varying|char|character|bpchar|citext|name|uuid|inet|cidr|macaddr|macaddr8|xml|tsvector|ltree)$/.test(
      t,
    )
  ) {
    return STRING;
  }
  if (/^(time|timetz|time with time zone|time without time zone|interval)$/.test(t)) {
    return {
      ...STRING,
      note: { code: "IMP-TIME-TEXT", severity: "info", message: `"${t}" is stored as its text form (v.string()).` },
    };
  }
  if (/^(timestamp|timestamptz|timestamp with time zone|timestamp without time zone|date)$/.test(t)) {
    return timestamp(`"${t}"`);
  }
  if (/^(bool|boolean)$/.test(t)) return { validator: { kind: "boolean" }, conversion: { kind: "boolean" } };
  if (/^(json|jsonb)$/.test(t)) return json(`"${t}"`);
  if (t === "bytea") return { validator: { kind: "bytes" }, conversion: { kind: "bytes" } };
  return undefined;
}

export function unsupportedPgType(name: string): MappedType {
  return unsupported(`"${name}"`);
}

/** The enum's literals as a validator: one literal alone, else a union. */
export function enumValidator(values: string[]): Validator {
  const literals: Validator[] = values.map((value) => ({ kind: "literal", value }));
  return literals.length === 1 ? literals[0] : { kind: "union", members: literals };
}

/** Wraps a mapping in an array (Prisma lists, PostgreSQL arrays). */
export function arrayOf(m: MappedType): MappedType {
  return {
    ...m,
    validator: { kind: "array", element: m.validator },
    conversion: { kind: "array", element: m.conversion },
  };
}
