/** Small helpers over oxc-parser's ESTree output: parsing, locations, literals, child iteration. */
import { parseSync } from "oxc-parser";
import { computeLineStarts, locAt } from "../../schema/location";
import type { SourceLocation } from "../../schema/model";

/** An ESTree node as produced by oxc-parser (kept loose: we read it, never build it). */
export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export interface ParsedFile {
  file: string;
  source: string;
  program: Node;
  lineStarts: number[];
}

export type ParseOutcome = { ok: true; parsed: ParsedFile } | { ok: false; loc: SourceLocation; message: string };

/** Parses one TypeScript/JavaScript file. */
export function parseFile(file: string, source: string): ParseOutcome {
  // The language server analyses a file again with the files it imports after each keystroke: reuse the parse of
  // an unchanged file (the analysis only reads the tree). One entry per path, so memory stays the project's size.
  const cached = PARSED.get(file);
  if (cached?.source === source) return cached.outcome;
  const outcome = parseUncached(file, source);
  PARSED.set(file, { source, outcome });
  return outcome;
}

const PARSED = new Map<string, { source: string; outcome: ParseOutcome }>();

function parseUncached(file: string, source: string): ParseOutcome {
  const lang = file.endsWith(".tsx") ? "tsx" : file.endsWith(".jsx") ? "jsx" : file.endsWith(".ts") ? "ts" : "js";
  const result = parseSync(file, source, { lang, sourceType: "module", preserveParens: false });
  const lineStarts = computeLineStarts(source);
  if (result.errors.length) {
    const err = result.errors[0];
    const start = err.labels?.[0]?.start ?? 0;
    return { ok: false, loc: locAt(file, lineStarts, start), message: err.message };
  }
  return { ok: true, parsed: { file, source, program: result.program as unknown as Node, lineStarts } };
}

export function locOf(f: ParsedFile, node: Node | number): SourceLocation {
  return locAt(f.file, f.lineStarts, typeof node === "number" ? node : node.start);
}

export function isNode(x: unknown): x is Node {
  return typeof x === "object" && x !== null && typeof (x as { type?: unknown }).type === "string";
}

export function child(node: Node, key: string): Node | undefined {
  const c = node[key];
  return isNode(c) ? c : undefined;
}

export function children(node: Node, key: string): Node[] {
  const c = node[key];
  return Array.isArray(c) ? c.filter(isNode) : [];
}

const SKIP_KEYS = new Set([
  "typeAnnotation",
  "typeArguments",
  "typeParameters",
  "returnType",
  "decorators",
  "superTypeArguments",
]);

/** Every child node of `node`, in source order, skipping type-only parts. */
export function* childNodes(node: Node): Generator<Node> {
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) yield v;
    } else if (isNode(value)) {
      yield value;
    }
  }
}

/** Removes TypeScript wrappers (`x as T`, `x!`, `x satisfies T`, `<T>x`) and parentheses. */
export function unwrap(node: Node): Node {
  let n = node;
  while (
    n.type === "TSAsExpression" ||
    n.type === "TSNonNullExpression" ||
    n.type === "TSSatisfiesExpression" ||
    n.type === "TSTypeAssertion" ||
    n.type === "ParenthesizedExpression" ||
    n.type === "ChainExpression"
  ) {
    n = child(n, "expression") as Node;
  }
  return n;
}

/** The value of a string literal or a template literal without expressions. */
export function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === "Literal" && typeof n.value === "string") return n.value;
  if (n.type === "TemplateLiteral" && children(n, "expressions").length === 0) {
    const q = children(n, "quasis")[0];
    const value = q?.value as { cooked?: string } | undefined;
    return value?.cooked ?? undefined;
  }
  return undefined;
}

export function numberValue(node: Node | undefined): number | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return n.type === "Literal" && typeof n.value === "number" ? n.value : undefined;
}

export function identName(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return n.type === "Identifier" ? (n.name as string) : undefined;
}

/** For `a.b` (non-computed) or `a["b"]`: the property name. */
export function memberName(node: Node): string | undefined {
  if (node.type !== "MemberExpression") return undefined;
  const prop = child(node, "property");
  if (!prop) return undefined;
  if (!node.computed)
    return prop.type === "Identifier" || prop.type === "PrivateIdentifier" ? (prop.name as string) : undefined;
  return stringValue(prop);
}

/** The key of an object property when static. */
export function propertyKeyName(prop: Node): string | undefined {
  const key = child(prop, "key");
  if (!key) return undefined;
  if (!prop.computed && key.type === "Identifier") return key.name as string;
  return stringValue(key);
}

export function isFunctionNode(n: Node): boolean {
  return n.type === "ArrowFunctionExpression" || n.type === "FunctionExpression" || n.type === "FunctionDeclaration";
}
