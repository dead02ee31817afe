/** Text edits for one schema operation on a parsed schema file. */
import { findField, findTable, propertyKey } from "../model";
import type { SchemaOperation } from "../operations";
import type { ParseDetails } from "../parse";
import { leadingCommentNode, type Node } from "../parse/source";
import {
  printDescription,
  printField,
  printIndex,
  printSearchIndex,
  printTable,
  printValidator,
  printVectorIndex,
} from "../print";
import { indentAt, insertProperty, lineIndent, lineStart, removeListItem, walkNodes, type Edit } from "./text";

/** Edits for `op`, or a sentence saying why the file cannot be edited that way. */
export function editsFor(d: ParseDetails, op: SchemaOperation): Edit[] | string {
  const src = d.entry.source;
  const file = d.entry.file;
  switch (op.op) {
    case "createTable": {
      if (!d.tablesNode) return `The tables of "defineSchema" are not an object literal in "${file}".`;
      const table = {
        name: op.table,
        fields: op.fields ?? [],
        indexes: op.indexes ?? [],
        searchIndexes: [],
        vectorIndexes: [],
        description: op.description,
      };
      const doc = op.description ? printDescription(op.description, "").trimEnd() : "";
      return [insertProperty(src, d.tablesNode, (ind) => `${op.table}: ${printTable(table, ind)}`, doc)];
    }
    case "dropTable": {
      const prop = tableProp(d, op.table);
      if (typeof prop === "string") return prop;
      return [removeListItem(d.entry, src, prop, d.tablesNode!.properties)];
    }
    case "renameTable": {
      const prop = tableProp(d, op.from);
      if (typeof prop === "string") return prop;
      return [renameKey(prop, op.to), ...idReferences(d, op.from, op.to)];
    }
    case "addField": {
      const doc = docObject(d, op.table);
      if (typeof doc === "string") return doc;
      const comment = op.field.description ? printDescription(op.field.description, "").trimEnd() : "";
      return [insertProperty(src, doc, (ind) => printField(op.field, ind), comment)];
    }
    case "removeField": {
      const prop = fieldProp(d, op.table, op.field);
      if (typeof prop === "string") return prop;
      return [removeListItem(d.entry, src, prop, (docObject(d, op.table) as Node).properties)];
    }
    case "renameField": {
      const prop = fieldProp(d, op.table, op.from);
      if (typeof prop === "string") return prop;
      return [renameKey(prop, op.to), ...indexFieldReferences(d, op.table, op.from, op.to)];
    }
    case "changeFieldType":
    case "setOptional":
      return changeField(d, op);
    case "addIndex":
    case "addSearchIndex":
    case "addVectorIndex": {
      const prop = tableProp(d, op.table);
      if (typeof prop === "string") return prop;
      const code =
        op.op === "addIndex"
          ? printIndex(op.index)
          : op.op === "addSearchIndex"
            ? printSearchIndex(op.index)
            : printVectorIndex(op.index);
      const value = prop.value as Node;
      const text = src.slice(value.start, value.end);
      const existing = /\n([ \t]*)\.\w+\(/.exec(text);
      const ind = existing ? existing[1] : lineIndent(src, prop.start) + "  ";
      return [{ start: value.end, end: value.end, text: `\n${ind}${code}` }];
    }
    case "removeIndex": {
      const meta = d.metas.get(op.table);
      const ic = meta?.indexCalls.get(op.name);
      const value = meta?.prop?.value as Node | undefined;
      if (!ic || ic.mod !== d.entry || !value || ic.call.start < value.start || ic.call.end > value.end) {
        return `Index "${op.table}.${op.name}" is not written in the table's definition in "${file}" (it comes from a helper or another file).`;
      }
      const between = src.slice(ic.object.end, ic.property.start);
      if (!/^\s*\.$/.test(between))
        return `Index "${op.table}.${op.name}" is written in a way that cannot be removed safely.`;
      return [{ start: ic.object.end, end: ic.call.end, text: "" }];
    }
    case "setDescription": {
      const node = op.field ? fieldProp(d, op.table, op.field) : tableProp(d, op.table);
      if (typeof node === "string") return node;
      const edit = describe(d, node, op.description);
      return typeof edit === "string" ? edit : [edit];
    }
  }
}

function tableProp(d: ParseDetails, table: string): Node | string {
  const prop = d.metas.get(table)?.prop;
  if (!prop || !d.tablesNode || !(d.tablesNode.properties as Node[]).includes(prop)) {
    return `Table "${table}" is not written in the tables object of "${d.entry.file}" (it comes from a spread or another file); edit it where it is defined.`;
  }
  return prop;
}

/**
 * The document's object literal in the edited file: written inside the table's own property, or a constant that
 * no other table uses. When a helper called by several tables builds the document (`posts: withTimestamps({ title:
 * v.string() })`), the shared literal is refused and the table's own argument literal is edited instead: the helper
 * spreads it into the document. (The edited file is re-parsed and must give exactly the requested model, so a
 * literal the helper does not spread fails safely.)
 */
function docObject(d: ParseDetails, table: string): Node | string {
  const meta = d.metas.get(table);
  const value = meta?.prop?.value as Node | undefined;
  const doc = meta?.doc;
  const inside = !!doc && !!value && doc.start >= value.start && doc.end <= value.end;
  const sharers = [...d.metas.values()].filter((m) => m.doc === doc).length;
  if (!doc || meta?.docMod !== d.entry || !value || !(inside || sharers === 1)) {
    const own = ownFieldsLiteral(d, table);
    if (own) return own;
    return `The fields of table "${table}" are not written as an object literal in its definition in "${d.entry.file}" (they come from a variable or helper).`;
  }
  return doc;
}

/**
 * The object literal written in the table's own definition that holds its fields (`{ title: v.string() }` in
 * `posts: withTimestamps({ title: v.string() })`): the one holding a field of the table, else the only literal there.
 */
function ownFieldsLiteral(d: ParseDetails, table: string): Node | undefined {
  const meta = d.metas.get(table);
  const prop = meta?.prop;
  if (!meta || !prop || !d.tablesNode || !(d.tablesNode.properties as Node[]).includes(prop)) return undefined;
  const literals: Node[] = [];
  walkNodes(prop.value as Node, (n) => {
    if (n.type === "ObjectExpression") literals.push(n);
  });
  const own = new Set<Node>(meta.fieldProps.values());
  return (
    literals.find((l) => (l.properties as Node[]).some((p) => own.has(p))) ??
    (literals.length === 1 ? literals[0] : undefined)
  );
}

function fieldProp(d: ParseDetails, table: string, field: string): Node | string {
  const doc = docObject(d, table);
  if (typeof doc === "string") return doc;
  const prop = d.metas.get(table)?.fieldProps.get(field);
  if (!prop || !(doc.properties as Node[]).includes(prop)) {
    return `Field "${table}.${field}" is not written in the table's object literal in "${d.entry.file}" (it comes from a spread or helper).`;
  }
  return prop;
}

function renameKey(prop: Node, to: string): Edit {
  if (prop.shorthand) return { start: prop.start, end: prop.end, text: `${propertyKey(to)}: ${prop.key.name}` };
  return { start: prop.key.start, end: prop.key.end, text: propertyKey(to) };
}

/** `v.id("from")` string literals in the file. */
function idReferences(d: ParseDetails, from: string, to: string): Edit[] {
  const edits: Edit[] = [];
  walkNodes(d.entry.program, (n) => {
    if (n.type !== "CallExpression" || n.callee.type !== "MemberExpression" || n.callee.property?.name !== "id") return;
    const arg = n.arguments[0];
    if (arg?.type === "Literal" && arg.value === from)
      edits.push({ start: arg.start, end: arg.end, text: JSON.stringify(to) });
  });
  return edits;
}

/** Field names inside the table's index calls (not the index names). */
function indexFieldReferences(d: ParseDetails, table: string, from: string, to: string): Edit[] {
  const edits: Edit[] = [];
  for (const ic of d.metas.get(table)?.indexCalls.values() ?? []) {
    if (ic.mod !== d.entry) continue;
    for (const arg of (ic.call.arguments as Node[]).slice(1)) {
      walkNodes(arg, (n) => {
        if (n.type !== "Literal" || typeof n.value !== "string") return;
        if (n.value === from || n.value.startsWith(from + "."))
          edits.push({ start: n.start, end: n.end, text: JSON.stringify(to + n.value.slice(from.length)) });
      });
    }
  }
  return edits;
}

function changeField(
  d: ParseDetails,
  op: Extract<SchemaOperation, { op: "changeFieldType" | "setOptional" }>,
): Edit[] | string {
  const prop = fieldProp(d, op.table, op.field);
  if (typeof prop === "string") return prop;
  const field = findField(findTable(d.schema, op.table)!, op.field)!;
  const src = d.entry.source;
  const value = prop.value as Node;
  const text = src.slice(value.start, value.end);
  const ind = lineIndent(src, prop.start);
  let code: string;
  if (op.op === "changeFieldType") {
    const v = printValidator(op.validator, ind, propertyKey(field.name).length + 2 + (field.optional ? 11 : 0));
    code = field.optional ? `v.optional(${v})` : v;
  } else if (op.optional === field.optional) return [];
  else if (op.optional) code = `v.optional(${text})`;
  else code = unwrapOptional(src, value) ?? printValidator(field.validator, ind);
  if (prop.shorthand) return [{ start: prop.start, end: prop.end, text: `${prop.key.name}: ${code}` }];
  return [{ start: value.start, end: value.end, text: code }];
}

/** Source of `x` in `v.optional(x)` or `x.optional()`. */
function unwrapOptional(src: string, value: Node): string | undefined {
  if (value.type !== "CallExpression" || value.callee.type !== "MemberExpression") return undefined;
  const callee = value.callee;
  if (callee.property.name !== "optional" && callee.property.name !== "asOptional") return undefined;
  if (callee.object.type === "Identifier" && callee.object.name === "v" && value.arguments.length === 1) {
    return src.slice(value.arguments[0].start, value.arguments[0].end);
  }
  if (value.arguments.length === 0) return src.slice(callee.object.start, callee.object.end);
  return undefined;
}

function describe(d: ParseDetails, node: Node, description: string): Edit | string {
  const src = d.entry.source;
  const ind = lineIndent(src, node.start);
  const text = description ? printDescription(description, ind) : "";
  const existing = leadingCommentNode(d.entry, node);
  if (existing) {
    const start = lineStart(src, existing.start);
    return { start, end: lineStart(src, node.start), text };
  }
  if (description && indentAt(src, node.start) === null) {
    return `"${src.slice(node.key.start, node.key.end)}" shares its line with other code, so a description comment cannot be attached to it; put it on its own line first.`;
  }
  return { start: lineStart(src, node.start), end: lineStart(src, node.start), text };
}
