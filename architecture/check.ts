/**
 * Checks the layering in rules.ts over a source tree. Pure over its input: the caller lists the files and their text
 * (the test reads the repository; a planted violation is just another entry).
 */
import { parseSync } from "oxc-parser";
import { computeLineStarts, locAt } from "../lib/schema/location";
import {
  BROWSER_RULE,
  ENGINE_FORBIDDEN_GLOBALS,
  ENGINE_FORBIDDEN_MODULES,
  JSON_CAST_RULE,
  LAYER_RULES,
  TEST_CODE,
  TOP_LEVEL_PARTS,
} from "./rules";

export interface Violation {
  /** "file:line" */
  place: string;
  message: string;
}

/** Path of an import relative to the repository root ("lib/schema/x"), or undefined for a package import. */
export function resolveSpecifier(file: string, spec: string): string | undefined {
  if (spec.startsWith("@/")) return spec.slice(2);
  if (!spec.startsWith(".")) return undefined;
  const parts = file.split("/").slice(0, -1);
  for (const seg of spec.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/** One import of a file: the specifier, where it is, and whether it loads code (not `import type`). */
interface ImportRef {
  value: string;
  start: number;
  loadsCode: boolean;
}

export function checkArchitecture(files: Record<string, string>): Violation[] {
  const out: Violation[] = [];
  const graph = new ImportGraph(files);
  for (const [file, text] of Object.entries(files)) {
    const part = file.split("/")[0];
    if (
      BROWSER_RULE.parts.includes(part) &&
      !TEST_CODE.test(file) &&
      !BROWSER_RULE.serverFiles.test(file) &&
      !/\/testdata\/[^/]+\//.test(file)
    )
      out.push(...browserViolations(file, text, graph));
  }
  for (const [file, text] of Object.entries(files)) {
    const part = file.split("/")[0];
    // Fixture projects under testdata/<case>/ are data (other projects' code), not ours.
    if (/\/testdata\/[^/]+\//.test(file)) continue;
    const isTest = TEST_CODE.test(file);
    const rule = LAYER_RULES.find((r) => r.part === part && (r.includeTests || !isTest));
    const engine = part === "lib" && !isTest;
    if (!rule && !engine) continue;
    const parsed = graph.parsed(file);
    const lineStarts = computeLineStarts(text);
    const place = (offset: number) => `${file}:${locAt(file, lineStarts, offset).line}`;
    const specs = graph.imports(file);
    for (const s of specs) {
      if (s.value === undefined) continue;
      const target = resolveSpecifier(file, s.value);
      const targetPart = target?.split("/")[0];
      if (
        rule &&
        targetPart &&
        targetPart !== part &&
        TOP_LEVEL_PARTS.includes(targetPart) &&
        rule.forbiddenParts.includes(targetPart)
      ) {
        out.push({
          place: place(s.start),
          message: `"${part}/" may not import "${s.value}" (${targetPart}/): ${rule.why}.`,
        });
      }
      if (engine && ENGINE_FORBIDDEN_MODULES.test(s.value)) {
        out.push({
          place: place(s.start),
          message: `engine code may not import "${s.value}": lib/ does no I/O (pass the capability in from the caller).`,
        });
      }
    }
    if (JSON_CAST_RULE.parts.includes(part) && !isTest && !(file in JSON_CAST_RULE.allowed))
      for (const start of jsonCasts(parsed.program))
        out.push({
          place: place(start),
          message: `JSON.parse(…) cast with "as": ${JSON_CAST_RULE.why} (or list the file in JSON_CAST_RULE.allowed with why).`,
        });
    if (engine)
      for (const v of forbiddenGlobals(parsed.program))
        out.push({
          place: place(v.start),
          message: `engine code may not use ${v.name}: lib/ has no clocks, randomness, timers or network (pass them in).`,
        });
  }
  return out;
}

/** Files parsed once, their imports, and where a repository import resolves to. */
class ImportGraph {
  private readonly cache = new Map<string, { parsed: ReturnType<typeof parseSync>; imports: ImportRef[] }>();
  constructor(private readonly files: Record<string, string>) {}

  private entry(file: string) {
    let e = this.cache.get(file);
    if (!e) {
      const text = this.files[file];
      const parsed = parseSync(file, text);
      const imports: ImportRef[] = [
        ...parsed.module.staticImports.map((i) => ({
          value: i.moduleRequest.value,
          start: i.start,
          loadsCode: i.entries.length === 0 || i.entries.some((x) => !x.isType),
        })),
        ...parsed.module.staticExports.flatMap((x) =>
          x.entries
            .filter((y) => y.moduleRequest)
            .map((y) => ({ value: y.moduleRequest!.value, start: x.start, loadsCode: !y.isType })),
        ),
        ...parsed.module.dynamicImports.map((d) => ({
          value: literalText(text.slice(d.moduleRequest.start, d.moduleRequest.end)) ?? "",
          start: d.start,
          loadsCode: true,
        })),
      ].filter((i) => i.value !== "");
      e = { parsed, imports };
      this.cache.set(file, e);
    }
    return e;
  }

  parsed(file: string) {
    return this.entry(file).parsed;
  }

  imports(file: string): ImportRef[] {
    return this.entry(file).imports;
  }

  /** The repository file an import of `from` resolves to ("lib/schema" → "lib/schema/index.ts"), if it is one. */
  resolve(from: string, spec: string): string | undefined {
    const target = resolveSpecifier(from, spec);
    if (target === undefined) return undefined;
    const base = target.replace(/\.(js|mjs|jsx)$/, "");
    for (const candidate of [target, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`])
      if (candidate in this.files) return candidate;
    return undefined;
  }
}

/**
 * A browser file's imports that load native code: a direct import of a native entry (named with its browser-safe
 * alternative), or any chain of code-loading imports that reaches a native module (the chain is in the message).
 */
function browserViolations(file: string, text: string, graph: ImportGraph): Violation[] {
  const out: Violation[] = [];
  const lineStarts = computeLineStarts(text);
  for (const imp of graph.imports(file)) {
    if (!imp.loadsCode) continue;
    const place = `${file}:${locAt(file, lineStarts, imp.start).line}`;
    const target = resolveSpecifier(file, imp.value)?.replace(/\/index$/, "");
    const alternative = target ? BROWSER_RULE.nativeEntries[target] : undefined;
    if (alternative) {
      out.push({
        place,
        message: `browser code may not import "${imp.value}" (it loads native code): import "${alternative}" instead; ${BROWSER_RULE.why}.`,
      });
      continue;
    }
    const chain = nativeChain(file, imp.value, graph, new Set());
    if (chain)
      out.push({
        place,
        message: `browser code may not import "${imp.value}": it loads native code (${[file, ...chain].join(" → ")}); ${BROWSER_RULE.why}.`,
      });
  }
  return out;
}

/** The chain of files from an import to a native module, or undefined when it loads none. */
function nativeChain(from: string, spec: string, graph: ImportGraph, seen: Set<string>): string[] | undefined {
  if (BROWSER_RULE.nativeModules.test(spec)) return [spec];
  const file = graph.resolve(from, spec);
  if (!file || seen.has(file)) return undefined;
  seen.add(file);
  for (const imp of graph.imports(file)) {
    if (!imp.loadsCode) continue;
    const rest = nativeChain(file, imp.value, graph, seen);
    if (rest) return [file, ...rest];
  }
  return undefined;
}

/** Uses of forbidden globals in an oxc AST (member reads like Date.now, calls like setTimeout, `new Date()`). */
function forbiddenGlobals(program: unknown): Array<{ name: string; start: number }> {
  const found: Array<{ name: string; start: number }> = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    // biome-ignore lint/suspicious/noExplicitAny: oxc nodes are loose ESTree objects; each read checks `type` first.
    const n = node as Record<string, any>;
    if (
      n.type === "MemberExpression" &&
      !n.computed &&
      n.object?.type === "Identifier" &&
      n.property?.type === "Identifier"
    ) {
      const hit = ENGINE_FORBIDDEN_GLOBALS.find((g) => g.object === n.object.name && g.name === n.property.name);
      if (hit) found.push({ name: `${hit.object}.${hit.name}`, start: n.start });
    }
    if (n.type === "CallExpression" && n.callee?.type === "Identifier") {
      const hit = ENGINE_FORBIDDEN_GLOBALS.find((g) => !g.object && g.name === n.callee.name);
      if (hit) found.push({ name: `${hit.name}()`, start: n.start });
    }
    if (
      n.type === "NewExpression" &&
      n.callee?.type === "Identifier" &&
      n.callee.name === "Date" &&
      (n.arguments?.length ?? 0) === 0
    ) {
      found.push({ name: "new Date() (the current time)", start: n.start });
    }
    for (const key of Object.keys(n)) if (key !== "parent") visit(n[key]);
  };
  visit(program);
  return found;
}

/** Where an `as` cast (not `as const`) applies to an expression that calls `JSON.parse`. */
function jsonCasts(program: unknown): number[] {
  const found: number[] = [];
  const callsJsonParse = (node: unknown): boolean => {
    if (!node || typeof node !== "object") return false;
    if (Array.isArray(node)) return node.some(callsJsonParse);
    // biome-ignore lint/suspicious/noExplicitAny: oxc nodes are loose ESTree objects; each read checks `type` first.
    const n = node as Record<string, any>;
    if (
      n.type === "CallExpression" &&
      n.callee?.type === "MemberExpression" &&
      n.callee.object?.type === "Identifier" &&
      n.callee.object.name === "JSON" &&
      n.callee.property?.name === "parse"
    )
      return true;
    // A function written inside the cast expression is its own code, not the cast's value.
    if (/Function/.test(n.type ?? "")) return false;
    return Object.keys(n).some((k) => k !== "parent" && callsJsonParse(n[k]));
  };
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    const n = node as Record<string, any>;
    const asConst = n.typeAnnotation?.type === "TSTypeReference" && n.typeAnnotation.typeName?.name === "const";
    if (n.type === "TSAsExpression" && !asConst && callsJsonParse(n.expression)) found.push(n.start);
    for (const key of Object.keys(n)) if (key !== "parent") visit(n[key]);
  };
  visit(program);
  return found;
}

function literalText(raw: string): string | undefined {
  const m = /^\s*(["'`])([^"'`$]*)\1\s*$/.exec(raw);
  return m ? m[2] : undefined;
}
