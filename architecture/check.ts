/**
 * Checks the layering in rules.ts over a source tree. Pure over its input: the caller lists the files and their text
 * (the test reads the repository; a planted violation is just another entry).
 */
import { parseSync } from "oxc-parser";
import { computeLineStarts, locAt } from "../lib/schema/location";
import { ENGINE_FORBIDDEN_GLOBALS, ENGINE_FORBIDDEN_MODULES, LAYER_RULES, TEST_CODE, TOP_LEVEL_PARTS } from "./rules";

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

export function checkArchitecture(files: Record<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, text] of Object.entries(files)) {
    const part = file.split("/")[0];
    // Fixture projects under testdata/<case>/ are data (other projects' code), not ours.
    if (/\/testdata\/[^/]+\//.test(file)) continue;
    const isTest = TEST_CODE.test(file);
    const rule = LAYER_RULES.find((r) => r.part === part && (r.includeTests || !isTest));
    const engine = part === "lib" && !isTest;
    if (!rule && !engine) continue;
    const parsed = parseSync(file, text);
    const lineStarts = computeLineStarts(text);
    const place = (offset: number) => `${file}:${locAt(file, lineStarts, offset).line}`;
    const specs = [
      ...parsed.module.staticImports.map((i) => ({ value: i.moduleRequest.value, start: i.start })),
      ...parsed.module.staticExports.flatMap((e) =>
        e.entries.filter((x) => x.moduleRequest).map((x) => ({ value: x.moduleRequest!.value, start: e.start })),
      ),
      ...parsed.module.dynamicImports.map((d) => ({
        value: literalText(text.slice(d.moduleRequest.start, d.moduleRequest.end)),
        start: d.start,
      })),
    ];
    for (const s of specs) {
      if (s.value === undefined) continue;
      const target = resolveSpecifier(file, s.value);
      const targetPart = target?.split("/")[0];
      const allowed = rule?.allow?.some((a) => a.from.test(file) && target?.replace(/\.(js|ts)$/, "") === a.target);
      if (
        rule &&
        targetPart &&
        targetPart !== part &&
        TOP_LEVEL_PARTS.includes(targetPart) &&
        rule.forbiddenParts.includes(targetPart) &&
        !allowed
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
    if (engine)
      for (const v of forbiddenGlobals(parsed.program))
        out.push({
          place: place(v.start),
          message: `engine code may not use ${v.name}: lib/ has no clocks, randomness, timers or network (pass them in).`,
        });
  }
  return out;
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

function literalText(raw: string): string | undefined {
  const m = /^\s*(["'`])([^"'`$]*)\1\s*$/.exec(raw);
  return m ? m[2] : undefined;
}
