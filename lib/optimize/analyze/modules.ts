/** Module tables: what each file imports, declares at top level and exports; resolving names across files. */
import type { Node, ParsedFile } from "./ast";
import { child, children, identName, propertyKeyName, stringValue } from "./ast";
import { matchAlias, type PathAlias } from "../../schema/paths";

export interface ImportBinding {
  /** Resolved project file, or undefined for a package. */
  file?: string;
  /** The module specifier as written. */
  spec: string;
  /** Imported name, `"*"` for a namespace import, `"default"` for a default import. */
  imported: string;
}

export interface ModuleInfo {
  parsed: ParsedFile;
  imports: Map<string, ImportBinding>;
  /** Top-level `const x = <init>`, `function x() {}` and `class X {}`: name → init expression or declaration. */
  locals: Map<string, Node>;
  /** Names bound by destructuring (`const { a: { b } } = init`): name → the keys from `init` (["a", "b"]). */
  destructured: Map<string, string[]>;
  /** Exported name → local name. */
  exports: Map<string, string>;
  /** `export default <expr>` */
  defaultExport?: Node;
  /** `export { a as b } from "./x"` and `export * from "./x"`. */
  reexports: { name: string | "*"; from?: string; spec: string; imported: string }[];
  /** Relative imports that match no file. */
  unresolved: { spec: string; node: Node }[];
}

const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".jsx", "/index.ts", "/index.tsx", "/index.js"];

export type { PathAlias };

/**
 * Resolves an import specifier against the project files; undefined for packages and missing files. Aliases are
 * matched like TypeScript does (the longest matching prefix wins); without any, "@/x" means "<root>/x".
 */
export function resolveSpec(
  fromFile: string,
  spec: string,
  files: ReadonlySet<string>,
  aliases: PathAlias[] = [],
): string | undefined {
  if (spec.startsWith("./") || spec.startsWith("../")) {
    const dir = fromFile.split("/").slice(0, -1);
    return withExtension(normalize([...dir, ...spec.split("/")]), files);
  }
  if (aliases.length) {
    for (const base of matchAlias(spec, aliases)?.paths ?? []) {
      const found = withExtension(normalize(base.split("/")), files);
      if (found) return found;
    }
    return undefined;
  }
  return spec.startsWith("@/") ? withExtension(normalize(spec.slice(2).split("/")), files) : undefined;
}

function withExtension(base: string, files: ReadonlySet<string>): string | undefined {
  const stripped = base.replace(/\.(m?js|jsx)$/, "");
  for (const b of stripped === base ? [base] : [base, stripped]) {
    for (const ext of EXTENSIONS) if (files.has(b + ext)) return b + ext;
  }
  return undefined;
}

function normalize(parts: string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return out.join("/");
}

export function isRelative(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../");
}

/** Reads a file's imports, top-level declarations and exports. */
export function readModule(parsed: ParsedFile, files: ReadonlySet<string>, aliases: PathAlias[] = []): ModuleInfo {
  const info: ModuleInfo = {
    parsed,
    imports: new Map(),
    locals: new Map(),
    destructured: new Map(),
    exports: new Map(),
    reexports: [],
    unresolved: [],
  };
  const resolve = (spec: string) => resolveSpec(parsed.file, spec, files, aliases);
  for (const stmt of children(parsed.program, "body")) readStatement(info, stmt, resolve);
  return info;
}

function readStatement(info: ModuleInfo, stmt: Node, resolve: (spec: string) => string | undefined): void {
  if (stmt.type === "ImportDeclaration") {
    if (stmt.importKind === "type") return;
    const spec = stringValue(child(stmt, "source")) ?? "";
    const resolved = resolve(spec);
    if (!resolved && isRelative(spec)) info.unresolved.push({ spec, node: stmt });
    for (const s of children(stmt, "specifiers")) {
      const local = identName(child(s, "local"));
      if (!local || s.importKind === "type") continue;
      const imported =
        s.type === "ImportNamespaceSpecifier"
          ? "*"
          : s.type === "ImportDefaultSpecifier"
            ? "default"
            : moduleExportName(child(s, "imported"));
      if (imported) info.imports.set(local, { file: resolved, spec, imported });
    }
    return;
  }
  if (stmt.type === "ExportNamedDeclaration") {
    const decl = child(stmt, "declaration");
    if (decl) {
      for (const name of declare(info, decl)) info.exports.set(name, name);
      return;
    }
    const source = stringValue(child(stmt, "source"));
    for (const s of children(stmt, "specifiers")) {
      const local = moduleExportName(child(s, "local"));
      const exported = moduleExportName(child(s, "exported"));
      if (!local || !exported) continue;
      if (source !== undefined) {
        const from = resolve(source);
        info.reexports.push({ name: exported, from, spec: source, imported: local });
      } else {
        info.exports.set(exported, local);
      }
    }
    return;
  }
  if (stmt.type === "ExportAllDeclaration") {
    const source = stringValue(child(stmt, "source")) ?? "";
    if (child(stmt, "exported")) return;
    info.reexports.push({ name: "*", from: resolve(source), spec: source, imported: "*" });
    return;
  }
  if (stmt.type === "ExportDefaultDeclaration") {
    const decl = child(stmt, "declaration");
    if (!decl) return;
    if (decl.type === "FunctionDeclaration" && identName(child(decl, "id"))) declare(info, decl);
    info.defaultExport = decl;
    return;
  }
  declare(info, stmt);
}

function moduleExportName(n: Node | undefined): string | undefined {
  return identName(n) ?? stringValue(n);
}

/** Records top-level declarations; returns the declared names. */
function declare(info: ModuleInfo, decl: Node): string[] {
  if (decl.type === "FunctionDeclaration" || decl.type === "ClassDeclaration") {
    const name = identName(child(decl, "id"));
    if (name) info.locals.set(name, decl);
    return name ? [name] : [];
  }
  if (decl.type !== "VariableDeclaration") return [];
  const names: string[] = [];
  for (const d of children(decl, "declarations")) {
    const init = child(d, "init");
    if (init) names.push(...declarePattern(info, child(d, "id") as Node, init, []));
  }
  return names;
}

/** `x = init` or an object destructuring of it (`export const { auth, signIn } = convexAuth(...)`). */
function declarePattern(info: ModuleInfo, pattern: Node, init: Node, keys: string[]): string[] {
  const name = identName(pattern);
  if (name) {
    info.locals.set(name, init);
    if (keys.length) info.destructured.set(name, keys);
    return [name];
  }
  if (pattern.type !== "ObjectPattern") return [];
  return children(pattern, "properties").flatMap((p) => {
    const key = p.type === "Property" && !p.computed ? propertyKeyName(p) : undefined;
    const value = child(p, "value");
    // A default (`{ a = 1 }`) may replace the value: such names stay unknown.
    return key && value && value.type !== "AssignmentPattern" ? declarePattern(info, value, init, [...keys, key]) : [];
  });
}

export interface Resolved {
  module: ModuleInfo;
  /** The local name in that module, or undefined when `node` is a default export expression. */
  local?: string;
  node: Node;
  /** Set when the name is destructured from `node`: the keys to follow. */
  keys?: string[];
}

/**
 * Finds what `name` exported from `file` refers to, following re-exports. Undefined when not statically known.
 */
export function resolveExport(
  modules: Map<string, ModuleInfo>,
  file: string,
  name: string,
  depth = 0,
): Resolved | undefined {
  const m = modules.get(file);
  if (!m || depth > 10) return undefined;
  if (name === "default" && m.defaultExport) {
    const local = identName(m.defaultExport) ?? identName(child(m.defaultExport, "id"));
    if (local && m.locals.has(local)) return { module: m, local, node: m.locals.get(local) as Node };
    return { module: m, node: m.defaultExport };
  }
  const local = m.exports.get(name);
  if (local !== undefined) return resolveLocal(modules, m, local, depth + 1);
  for (const r of m.reexports) {
    if (r.name === name && r.from) return resolveExport(modules, r.from, r.imported, depth + 1);
  }
  for (const r of m.reexports) {
    if (r.name === "*" && r.from) {
      const found = resolveExport(modules, r.from, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Resolves a top-level name of module `m`, following imports. */
export function resolveLocal(
  modules: Map<string, ModuleInfo>,
  m: ModuleInfo,
  name: string,
  depth = 0,
): Resolved | undefined {
  const node = m.locals.get(name);
  const keys = m.destructured.get(name);
  if (node) return keys ? { module: m, local: name, node, keys } : { module: m, local: name, node };
  const imp = m.imports.get(name);
  if (imp?.file && imp.imported !== "*") return resolveExport(modules, imp.file, imp.imported, depth + 1);
  return undefined;
}

/** Property `key` of an object literal, or undefined. */
export function objectProperty(obj: Node, key: string): Node | undefined {
  if (obj.type !== "ObjectExpression") return undefined;
  for (const p of children(obj, "properties")) {
    if (p.type === "Property" && propertyKeyName(p) === key) return child(p, "value");
    if (p.type === "Property" && p.method && propertyKeyName(p) === key) return child(p, "value");
  }
  return undefined;
}
