/**
 * One parsed source file: the oxc AST, a line index for 1-based locations, leading comments and the module's
 * top-level bindings, imports and exports (collected once, resolved lazily by the evaluator).
 */
import { parseSync } from "oxc-parser";
import { computeLineStarts, locAt } from "../location";
import type { Diagnostic, SourceLocation } from "../model";

/** A loose ESTree node as oxc-parser emits it (UTF-16 offsets). */
// biome-ignore lint/suspicious/noExplicitAny: oxc nodes are loose ESTree objects; the walkers check `type` first.
export type Node = { type: string; start: number; end: number; [key: string]: any };

export interface Comment {
  type: "Line" | "Block";
  value: string;
  start: number;
  end: number;
}

/** A top-level name of a module. */
export type Binding =
  /**
   * `keys` is set for a name bound by destructuring: the property/index path into `node`'s value; `omit` for an
   * object rest element (`const { a, ...rest } = x`): the value at `keys` without those properties.
   */
  | { kind: "decl"; node: Node | null; declNode: Node; keys?: string[]; omit?: string[] }
  | { kind: "fn"; node: Node }
  | { kind: "import"; source: string; imported: string; node: Node };

/** What a module exports under one name. */
export type ExportEntry =
  | { kind: "local"; local: string; node: Node }
  | { kind: "expr"; node: Node }
  | { kind: "reexport"; source: string; imported: string; node: Node }
  | { kind: "namespace"; source: string; node: Node };

export interface SourceModule {
  file: string;
  source: string;
  program: Node;
  comments: Comment[];
  lineStarts: number[];
  bindings: Map<string, Binding>;
  exports: Map<string, ExportEntry>;
  stars: { source: string; node: Node }[];
}

/** Parses one file; syntax errors come back as located diagnostics (code SA001). */
export function parseModule(file: string, source: string): { module?: SourceModule; errors: Diagnostic[] } {
  const lineStarts = computeLineStarts(source);
  let result: ReturnType<typeof parseSync>;
  try {
    result = parseSync(file, source, { astType: "js", preserveParens: false, lang: langOf(file) });
  } catch (e) {
    const loc = { file, line: 1, column: 1 };
    return { errors: [{ code: "SA001", severity: "error", message: `Cannot parse "${file}": ${String(e)}.`, loc }] };
  }
  if (result.errors.length) {
    const errors: Diagnostic[] = result.errors.map((e) => {
      const at = e.labels?.[0]?.start ?? 0;
      const loc = locAt(file, lineStarts, at);
      return { code: "SA001", severity: "error", message: `Syntax error in "${file}": ${e.message}.`, loc };
    });
    return { errors };
  }
  const program = result.program as unknown as Node;
  const module: SourceModule = {
    file,
    source,
    program,
    comments: result.comments as Comment[],
    lineStarts,
    bindings: new Map(),
    exports: new Map(),
    stars: [],
  };
  for (const stmt of program.body as Node[]) collectStatement(module, stmt);
  return { module, errors: [] };
}

function langOf(file: string): "ts" | "tsx" | "js" | "jsx" {
  if (file.endsWith(".tsx")) return "tsx";
  if (file.endsWith(".jsx")) return "jsx";
  if (/\.[cm]?js$/.test(file)) return "js";
  return "ts";
}

function collectStatement(m: SourceModule, stmt: Node): void {
  switch (stmt.type) {
    case "ImportDeclaration":
      for (const s of stmt.specifiers as Node[]) {
        const imported =
          s.type === "ImportDefaultSpecifier"
            ? "default"
            : s.type === "ImportNamespaceSpecifier"
              ? "*"
              : nameOf(s.imported);
        m.bindings.set(s.local.name, { kind: "import", source: stmt.source.value, imported, node: s });
      }
      return;
    case "VariableDeclaration":
      collectDeclaration(m, stmt);
      return;
    case "FunctionDeclaration":
      if (stmt.id) m.bindings.set(stmt.id.name, { kind: "fn", node: stmt });
      return;
    case "TSEnumDeclaration":
    case "ClassDeclaration":
      collectDeclaration(m, stmt);
      return;
    case "ExportNamedDeclaration":
      if (stmt.declaration) {
        const names = collectDeclaration(m, stmt.declaration);
        for (const n of names) m.exports.set(n, { kind: "local", local: n, node: stmt.declaration });
        return;
      }
      for (const s of stmt.specifiers as Node[]) {
        const exported = nameOf(s.exported);
        const local = nameOf(s.local);
        m.exports.set(
          exported,
          stmt.source
            ? { kind: "reexport", source: stmt.source.value, imported: local, node: s }
            : { kind: "local", local, node: s },
        );
      }
      return;
    case "ExportAllDeclaration":
      if (stmt.exported)
        m.exports.set(nameOf(stmt.exported), { kind: "namespace", source: stmt.source.value, node: stmt });
      else m.stars.push({ source: stmt.source.value, node: stmt });
      return;
    case "ExportDefaultDeclaration": {
      const d = stmt.declaration as Node;
      if ((d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") && d.id) {
        collectStatement(m, d);
        m.exports.set("default", { kind: "local", local: d.id.name, node: d });
      } else {
        m.exports.set("default", { kind: "expr", node: d });
      }
      return;
    }
  }
}

/** Registers the names a declaration introduces; returns them. */
function collectDeclaration(m: SourceModule, decl: Node): string[] {
  if (decl.type === "FunctionDeclaration" && decl.id) {
    m.bindings.set(decl.id.name, { kind: "fn", node: decl });
    return [decl.id.name];
  }
  if (decl.type === "ClassDeclaration" && decl.id) {
    // `class Tables { static users = defineTable(...) }` is a value too: an object of its static members.
    m.bindings.set(decl.id.name, { kind: "decl", node: decl, declNode: decl });
    return [decl.id.name];
  }
  if (decl.type === "TSEnumDeclaration") {
    // `enum Status { ... }` is a value (an object of members); the evaluator reads its body.
    m.bindings.set(decl.id.name, { kind: "decl", node: decl, declNode: decl });
    return [decl.id.name];
  }
  if (decl.type !== "VariableDeclaration") return [];
  const names: string[] = [];
  for (const d of decl.declarations as Node[]) {
    if (d.id.type === "Identifier") {
      m.bindings.set(d.id.name, { kind: "decl", node: d.init ?? null, declNode: d });
      names.push(d.id.name);
    } else {
      // Destructuring: each name reads a property path of the initial value.
      for (const [n, keys, omit] of patternNames(d.id, [])) {
        m.bindings.set(n, { kind: "decl", node: d.init ?? null, declNode: d, keys, ...(omit ? { omit } : {}) });
        names.push(n);
      }
    }
  }
  return names;
}

type PatternName = [name: string, keys: string[] | undefined, omit?: string[]];

/**
 * Names a binding pattern introduces, each with its property path. An object rest element gets the path of its
 * object and the sibling keys it leaves out; array rests and rests beside computed keys stay unresolved.
 */
function patternNames(p: Node, keys: string[]): PatternName[] {
  if (!p) return [];
  if (p.type === "Identifier") return [[p.name, keys]];
  if (p.type === "AssignmentPattern") return patternNames(p.left, keys);
  if (p.type === "RestElement") return patternNames(p.argument, keys).map(([n]): PatternName => [n, undefined]);
  if (p.type === "ObjectPattern") {
    const props = p.properties as Node[];
    const siblings = props.filter((x) => x.type !== "RestElement");
    const omit = siblings.some((x) => x.computed) ? undefined : siblings.map((x) => nameOf(x.key));
    return props.flatMap((x): PatternName[] => {
      if (x.type === "RestElement")
        return x.argument.type === "Identifier" && omit
          ? [[x.argument.name, keys, omit]]
          : patternNames(x, keys).map(([n]): PatternName => [n, undefined]);
      if (x.computed) return patternNames(x.value, keys).map(([n]): PatternName => [n, undefined]);
      return patternNames(x.value, [...keys, nameOf(x.key)]);
    });
  }
  if (p.type === "ArrayPattern")
    return (p.elements as (Node | null)[]).flatMap((x, i) => (x ? patternNames(x, [...keys, String(i)]) : []));
  return [];
}

/** Name of an Identifier or string Literal (export names may be strings). */
export function nameOf(n: Node): string {
  return n.type === "Identifier" ? n.name : String(n.value);
}

export function locOf(m: SourceModule, node: { start: number }): SourceLocation {
  return locAt(m.file, m.lineStarts, node.start);
}

/**
 * The comment that documents a node: a comment starting its own line and followed only by whitespace up to the
 * node. JSDoc stars and markers are stripped. Undefined when there is none.
 */
export function leadingComment(m: SourceModule, node: { start: number }): string | undefined {
  const c = leadingCommentNode(m, node);
  if (!c) return undefined;
  const text =
    c.type === "Line"
      ? c.value.trim()
      : c.value
          .split("\n")
          .map((l) => l.replace(/^\s*\*?\s?/, "").trimEnd())
          .join("\n")
          .replace(/\*\\\//g, "*/") // the printer escapes "*/" inside descriptions
          .trim();
  return text || undefined;
}

/** The comment `leadingComment` reads, with its offsets. */
export function leadingCommentNode(m: SourceModule, node: { start: number }): Comment | undefined {
  const cs = m.comments;
  if (cs.length === 0) return undefined;
  let lo = 0;
  let hi = cs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cs[mid].end <= node.start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const c = cs[found];
  if (!/^\s*$/.test(m.source.slice(c.end, node.start))) return undefined;
  const lineStart = m.source.lastIndexOf("\n", c.start - 1) + 1;
  if (!/^\s*$/.test(m.source.slice(lineStart, c.start))) return undefined;
  return c;
}
