/**
 * Reads a Prisma schema with @mrleebo/prisma-ast (with locations) into small plain records.
 */
import type { Attribute, BlockAttribute, Field, Value } from "@mrleebo/prisma-ast";
import type { Diagnostic, SourceLocation } from "../../schema/model";
import { diag } from "../plan";

// The polyfill must run before prisma-ast builds its parser. A bundler that keeps packages external (the embedded
// backend does) hoists static package imports above bundled code, so the package is loaded only after it.
await import("./groupby-polyfill");
const { getSchema, PrismaParser, VisitorClassFactory } = await import("@mrleebo/prisma-ast/dist/prisma-ast.esm.js");

export interface PAttr {
  name: string;
  /** `db` for `@db.VarChar(20)`. */
  group?: string;
  /** Positional arguments. */
  args: Value[];
  /** Keyed arguments (`name: "x"`, `fields: [a]`). */
  keyed: Record<string, Value>;
  loc?: SourceLocation;
}

export interface PField {
  name: string;
  /** Type name; `Unsupported` for `Unsupported("...")`. */
  type: string;
  unsupported?: string;
  list: boolean;
  optional: boolean;
  attrs: PAttr[];
  /** `///` doc comments above the field and after it on its line. */
  doc?: string;
  loc?: SourceLocation;
}

export interface PBlock {
  kind: "model" | "type" | "view";
  name: string;
  /** `///` doc comments above the block. */
  doc?: string;
  fields: PField[];
  attrs: PAttr[];
  loc?: SourceLocation;
}

export interface PEnum {
  name: string;
  /** Prisma name → stored value (`@map`). */
  values: { name: string; stored: string }[];
  dbName?: string;
  loc?: SourceLocation;
}

export interface PSchema {
  blocks: PBlock[];
  enums: PEnum[];
}

let located:
  | { parser: InstanceType<typeof PrismaParser>; visitor: InstanceType<ReturnType<typeof VisitorClassFactory>> }
  | undefined;

function locatedParser() {
  if (!located) {
    const parser = new PrismaParser({ nodeLocationTracking: "full" });
    const Visitor = VisitorClassFactory(parser);
    located = { parser, visitor: new Visitor() };
  }
  return located;
}

type Loc = { startLine?: number; startColumn?: number } | undefined;

function toLoc(file: string, l: Loc): SourceLocation | undefined {
  return l?.startLine ? { file, line: l.startLine, column: l.startColumn ?? 1 } : undefined;
}

/** Text of a string-ish argument: `"users"` → `users`, `Cascade` → `Cascade`. */
export function argText(v: Value | undefined): string | undefined {
  if (typeof v === "string") return /^".*"$/s.test(v) ? JSON.parse(v) : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

/** Field names in `[a, b(sort: Desc)]`. */
export function argNames(v: Value | undefined): string[] {
  if (v && typeof v === "object" && !Array.isArray(v) && v.type === "array") {
    return (v.args ?? []).flatMap((a) =>
      typeof a === "string"
        ? [a]
        : a && typeof a === "object" && "name" in a && typeof a.name === "string"
          ? [a.name]
          : [],
    );
  }
  if (Array.isArray(v)) return v.flatMap((a) => (typeof a === "string" ? [a] : []));
  const single = argText(v);
  return single ? [single] : [];
}

/** Source text of an attribute argument, for notes (`autoincrement()`, `"draft"`). */
export function valueText(v: Value | undefined): string {
  if (v === undefined) return "";
  if (v === null) return "null";
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map(valueText).join(", ")}]`;
  if (v.type === "function") return `${v.name}(${(v.params ?? []).map(valueText).join(", ")})`;
  if (v.type === "array") return `[${(v.args ?? []).map(valueText).join(", ")}]`;
  return `{ ${(v.properties ?? []).map((p) => `${p.key}: ${valueText(p.value)}`).join(", ")} }`;
}

function readAttr(a: Attribute | BlockAttribute, file: string): PAttr {
  const args: Value[] = [];
  const keyed: Record<string, Value> = {};
  for (const arg of a.args ?? []) {
    const v = arg.value;
    if (v && typeof v === "object" && !Array.isArray(v) && v.type === "keyValue") keyed[v.key] = v.value;
    else args.push(v as Value);
  }
  return { name: a.name, group: a.group, args, keyed, loc: toLoc(file, a.location as Loc) };
}

/** The text of a `///` doc comment (Prisma's documentation comments; `//` comments are not documentation). */
function docText(comment: string | undefined): string | undefined {
  const m = comment ? /^\s*\/\/\/\s?(.*)$/s.exec(comment.trim()) : null;
  return m?.[1].trim() ? m[1].trim() : undefined;
}

function joinDocs(docs: (string | undefined)[]): string | undefined {
  const out = docs.filter((d): d is string => Boolean(d)).join(" ");
  return out || undefined;
}

function readField(f: Field, file: string): PField {
  const ft = f.fieldType;
  const type = typeof ft === "string" ? ft : ft.name;
  const unsupported = typeof ft === "string" ? undefined : valueText(ft);
  return {
    name: f.name,
    type,
    unsupported: type === "Unsupported" ? unsupported : undefined,
    list: Boolean(f.array),
    optional: Boolean(f.optional),
    attrs: (f.attributes ?? []).map((a) => readAttr(a, file)),
    doc: docText(f.comment),
    loc: toLoc(file, f.location as Loc),
  };
}

/** Parses Prisma source; a syntax error becomes one diagnostic with its line and column. */
export function readPrisma(
  source: string,
  file: string,
): { ok: true; schema: PSchema } | { ok: false; error: Diagnostic } {
  const { parser, visitor } = locatedParser();
  let ast: ReturnType<typeof getSchema>;
  try {
    ast = getSchema(source, { parser, visitor });
  } catch (e) {
    const err = e as { message?: string; token?: { startLine?: number; startColumn?: number } };
    const loc = toLoc(file, err.token) ?? { file, line: 1, column: 1 };
    return {
      ok: false,
      error: diag("IMP-PARSE", "error", `Prisma syntax error: ${err.message ?? String(e)}`, undefined, loc),
    };
  }
  const blocks: PBlock[] = [];
  const enums: PEnum[] = [];
  let pending: (string | undefined)[] = [];
  for (const b of ast.list) {
    if (b.type === "comment") {
      pending.push(docText(b.text));
      continue;
    }
    const blockDoc = joinDocs(pending);
    pending = [];
    if (b.type === "model" || b.type === "type" || b.type === "view") {
      const fields: PField[] = [];
      const attrs: PAttr[] = [];
      let above: (string | undefined)[] = [];
      for (const p of b.properties) {
        if (p.type === "comment") above.push(docText(p.text));
        else if (p.type === "field") {
          const field = readField(p, file);
          field.doc = joinDocs([...above, field.doc]);
          fields.push(field);
          above = [];
        } else if (p.type === "attribute") attrs.push(readAttr(p, file));
        else above = [];
      }
      blocks.push({ kind: b.type, name: b.name, fields, attrs, doc: blockDoc, loc: toLoc(file, b.location as Loc) });
    } else if (b.type === "enum") {
      const values: PEnum["values"] = [];
      let dbName: string | undefined;
      for (const e of b.enumerators) {
        if (e.type === "enumerator") {
          const map = (e.attributes ?? []).find((a) => a.name === "map");
          values.push({ name: e.name, stored: argText(map?.args?.[0]?.value as Value) ?? e.name });
        } else if (e.type === "attribute" && e.name === "map") {
          dbName = argText(e.args?.[0]?.value as Value);
        }
      }
      enums.push({ name: b.name, values, dbName, loc: toLoc(file, b.location as Loc) });
    }
  }
  return { ok: true, schema: { blocks, enums } };
}
