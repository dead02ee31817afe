/** Finding registered Convex functions (`export const list = query({...})`), including custom builders. */
import type { FunctionKind, FunctionRef } from "../types";
import type { Node } from "./ast";
import { child, children, identName, isFunctionNode, locOf, memberName, unwrap } from "./ast";
import type { ModuleInfo } from "./modules";
import { objectProperty, resolveExport, resolveLocal } from "./modules";
import { crpcRegistration } from "./crpc";

const BASE_BUILDERS: Record<string, FunctionKind> = {
  query: "query",
  mutation: "mutation",
  action: "action",
  internalQuery: "internalQuery",
  internalMutation: "internalMutation",
  internalAction: "internalAction",
  httpAction: "httpAction",
  queryGeneric: "query",
  mutationGeneric: "mutation",
  actionGeneric: "action",
  internalQueryGeneric: "internalQuery",
  internalMutationGeneric: "internalMutation",
  internalActionGeneric: "internalAction",
  httpActionGeneric: "httpAction",
};

export interface FoundFunction {
  ref: FunctionRef;
  module: ModuleInfo;
  /** The handler function node, or a reference to it. */
  handler?: Node;
  /** The `args` validator node. */
  args?: Node;
  /** Functions from custom builders (`customCtx(async (ctx) => ...)`, `{ input }`) that run before the handler. */
  customizations: Customization[];
  /** A better-convex cRPC procedure: the handler takes one object, `{ ctx, input }`. */
  crpc?: boolean;
  /**
   * A migration (convex-helpers' `makeMigration`, `@convex-dev/migrations`' `define`): it pages through `table`
   * (in the range `customRange` picks) and runs `migrateOne(ctx, doc)` on each document.
   */
  migration?: { node: Node; table?: Node; migrateOne?: Node; customRange?: Node };
}

/** A function a custom builder runs before the handler, with the `args` validator it declares. */
export interface Customization {
  node: Node;
  module: ModuleInfo;
  args?: Node;
  /**
   * `customCtx(fn)` returns the added ctx fields; `{ input }` returns `{ ctx, args }`; a cRPC middleware
   * (`({ ctx, next }) => next({ ctx: … })`) returns what it gives `next`.
   */
  form: "customCtx" | "input" | "crpc";
}

interface Builder {
  kind: FunctionKind;
  customizations: Customization[];
  migration?: boolean;
}

const HELPERS_MIGRATIONS = /^convex-helpers\/server\/migrations(\.js)?$/;
const MIGRATIONS_COMPONENT = /^@convex-dev\/migrations(\/.*)?$/;

/**
 * The part of `file` inside the functions folder, or undefined when it is outside. With the folder known (from
 * convex.json, see lib/schema/project functionsFolderOf) it is a plain prefix; without it, the path after a `convex`
 * segment (files stored with "convex/..." keys).
 */
function insideFunctions(file: string, functionsDir?: string): string | undefined {
  if (functionsDir !== undefined) {
    if (functionsDir === "") return file;
    return file.startsWith(`${functionsDir}/`) ? file.slice(functionsDir.length + 1) : undefined;
  }
  const parts = file.split("/");
  const at = parts.lastIndexOf("convex");
  return at < 0 ? undefined : parts.slice(at + 1).join("/");
}

/** The Convex path of a file's module: `convex/admin/users.ts` → `admin/users`. */
export function modulePath(file: string, functionsDir?: string): string {
  return (insideFunctions(file, functionsDir) ?? file).replace(/\.(ts|tsx|js|jsx|mjs)$/, "");
}

/** Whether a file holds Convex functions (inside the functions folder, not generated, not the schema). */
export function isFunctionFile(file: string, functionsDir?: string): boolean {
  const rest = insideFunctions(file, functionsDir);
  if (rest === undefined) return false;
  return (
    !rest.startsWith("_generated/") && rest !== "schema.ts" && !rest.endsWith(".d.ts") && !/\.test\.[jt]sx?$/.test(rest)
  );
}

/** Every exported Convex function of a module. */
export function findFunctions(modules: Map<string, ModuleInfo>, m: ModuleInfo, functionsDir?: string): FoundFunction[] {
  const out: FoundFunction[] = [];
  const names = [...m.exports.keys()];
  if (m.defaultExport) names.push("default");
  for (const exportName of names) {
    const resolved = resolveExport(modules, m.parsed.file, exportName);
    if (!resolved || resolved.keys) continue;
    const init = unwrap(resolved.node);
    if (init.type !== "CallExpression") continue;
    const builder = builderOf(modules, resolved.module, child(init, "callee") as Node, 0);
    if (!builder) {
      const crpc = crpcRegistration(modules, resolved.module, init);
      if (crpc)
        out.push({
          ref: {
            name: `${modulePath(m.parsed.file, functionsDir)}:${exportName}`,
            exportName,
            file: m.parsed.file,
            kind: crpc.kind,
            loc: locOf(resolved.module.parsed, init),
          },
          module: resolved.module,
          handler: crpc.handler,
          customizations: crpc.customizations,
          crpc: true,
        });
      continue;
    }
    const def = children(init, "arguments")[0];
    const defNode = def ? unwrap(def) : undefined;
    const isObject = defNode?.type === "ObjectExpression";
    const migration =
      builder.migration && defNode && isObject
        ? {
            node: init,
            table: objectProperty(defNode, "table"),
            migrateOne: objectProperty(defNode, "migrateOne"),
            customRange: objectProperty(defNode, "customRange"),
          }
        : undefined;
    out.push({
      ref: {
        name: `${modulePath(m.parsed.file, functionsDir)}:${exportName}`,
        exportName,
        file: m.parsed.file,
        kind: builder.kind,
        loc: locOf(resolved.module.parsed, init),
      },
      module: resolved.module,
      handler: migration ? undefined : isObject ? objectProperty(defNode, "handler") : defNode,
      args: isObject ? objectProperty(defNode, "args") : undefined,
      customizations: builder.customizations,
      ...(migration ? { migration } : {}),
    });
  }
  return out;
}

/** Resolves a callee to a Convex function builder, following local consts, imports and custom builders. */
function builderOf(modules: Map<string, ModuleInfo>, m: ModuleInfo, callee: Node, depth: number): Builder | undefined {
  if (depth > 8) return undefined;
  const c = unwrap(callee);
  // `generated.query` with `import * as generated from "./_generated/server"` (or a namespace of the project's own
  // builders): the member is the builder the namespace exports.
  if (c.type === "MemberExpression" && !c.computed) {
    const objName = identName(child(c, "object")) ?? "";
    const ns = m.imports.get(objName);
    const key = memberName(c);
    if (key === "define" && isMigrationsClient(modules, m, objName)) {
      return { kind: "internalMutation", customizations: [], migration: true };
    }
    return ns?.imported === "*" && key ? importedBuilder(modules, { ...ns, imported: key }, depth) : undefined;
  }
  const name = identName(c);
  if (!name) return undefined;
  const imp = m.imports.get(name);
  if (imp && (isServerModule(imp.spec) || imp.file)) return importedBuilder(modules, imp, depth);
  const local = m.destructured.has(name) ? undefined : m.locals.get(name);
  return local ? builderFromInit(modules, m, local, depth + 1) : undefined;
}

function isServerModule(spec: string): boolean {
  return /(^|\/)_generated\/server(\.js)?$/.test(spec) || spec === "convex/server";
}

/** The builder an import names: one of Convex's own, or a project export resolved to its definition. */
function importedBuilder(
  modules: Map<string, ModuleInfo>,
  imp: { spec: string; file?: string; imported: string },
  depth: number,
): Builder | undefined {
  if (isServerModule(imp.spec)) {
    const kind = BASE_BUILDERS[imp.imported];
    return kind ? { kind, customizations: [] } : undefined;
  }
  if (!imp.file) return undefined;
  const r = resolveExport(modules, imp.file, imp.imported);
  return r && !r.keys ? builderFromInit(modules, r.module, r.node, depth + 1) : undefined;
}

/** `new Migrations(components.migrations, …)` of `@convex-dev/migrations`, by the name it is kept under. */
function isMigrationsClient(modules: Map<string, ModuleInfo>, m: ModuleInfo, name: string): boolean {
  const r = name ? resolveLocal(modules, m, name) : undefined;
  const init = r && !r.keys ? unwrap(r.node) : undefined;
  if (init?.type !== "NewExpression") return false;
  const cls = identName(child(init, "callee"));
  const imp = cls ? r?.module.imports.get(cls) : undefined;
  return !!imp && MIGRATIONS_COMPONENT.test(imp.spec) && imp.imported === "Migrations";
}

/** `customQuery(query, customCtx(...))`: a builder whose first builder-typed argument gives the kind. */
function builderFromInit(
  modules: Map<string, ModuleInfo>,
  m: ModuleInfo,
  init: Node,
  depth: number,
): Builder | undefined {
  const n = unwrap(init);
  // `export const query = queryGeneric as QueryBuilder<DataModel, "public">`: another name for a builder.
  if (n.type === "Identifier" || n.type === "MemberExpression") return builderOf(modules, m, n, depth + 1);
  if (n.type !== "CallExpression") return undefined;
  const args = children(n, "arguments");
  const calleeName = identName(child(n, "callee"));
  const calleeImport = calleeName ? m.imports.get(calleeName) : undefined;
  // `makeMigration(internalMutation, { migrationTable })`: a builder of migrations.
  const migration =
    !!calleeImport && HELPERS_MIGRATIONS.test(calleeImport.spec) && calleeImport.imported === "makeMigration";
  for (let i = 0; i < args.length; i++) {
    const inner = builderOf(modules, m, unwrap(args[i]), depth + 1);
    if (!inner) continue;
    if (migration) return { kind: inner.kind, customizations: inner.customizations, migration: true };
    const customizations = [...inner.customizations];
    for (const extra of args.slice(i + 1)) {
      for (const c of customizationFunctions(extra)) customizations.push({ ...c, module: m });
    }
    return { kind: inner.kind, customizations };
  }
  return undefined;
}

/** The functions inside a customization: `customCtx(fn)`, `{ args, input: fn }`. */
function customizationFunctions(node: Node): Omit<Customization, "module">[] {
  const n = unwrap(node);
  if (isFunctionNode(n)) return [{ node: n, form: "customCtx" }];
  if (n.type === "CallExpression") return children(n, "arguments").flatMap(customizationFunctions);
  if (n.type === "ObjectExpression") {
    const input = objectProperty(n, "input");
    return input && isFunctionNode(unwrap(input))
      ? [{ node: unwrap(input), args: objectProperty(n, "args"), form: "input" }]
      : [];
  }
  return [];
}

/**
 * Exports that look like registered functions (`export const x = something({ handler: … })`, or a call whose callee
 * ends in query/mutation/action) though no builder was recognised: when a project yields no function at all, they
 * are said to be not analysed rather than passed over in silence.
 */
export function registeredLooking(m: ModuleInfo): { name: string; node: Node; callee: string }[] {
  const out: { name: string; node: Node; callee: string }[] = [];
  for (const [exported, local] of m.exports) {
    const init = m.locals.get(local);
    const n = init ? unwrap(init) : undefined;
    if (n?.type !== "CallExpression" || m.destructured.has(local)) continue;
    const callee = unwrap(child(n, "callee") as Node);
    const text = m.parsed.source.slice(callee.start, callee.end);
    const def = children(n, "arguments")[0];
    const defNode = def ? unwrap(def) : undefined;
    const hasHandler = !!defNode && defNode.type === "ObjectExpression" && !!objectProperty(defNode, "handler");
    if (hasHandler || /(query|mutation|action)$/i.test(text)) out.push({ name: exported, node: n, callee: text });
  }
  return out;
}

/**
 * For a registered function used as a plain function (`await kickAgents(ctx, args)`, which older Convex versions
 * allowed): its handler node and module, when statically known.
 */
export function registeredHandler(
  modules: Map<string, ModuleInfo>,
  m: ModuleInfo,
  node: Node,
): { node: Node; module: ModuleInfo } | undefined {
  const init = unwrap(node);
  if (init.type !== "CallExpression" || !builderOf(modules, m, child(init, "callee") as Node, 0)) return undefined;
  const def = children(init, "arguments")[0];
  const defNode = def ? unwrap(def) : undefined;
  const handler = defNode?.type === "ObjectExpression" ? objectProperty(defNode, "handler") : defNode;
  if (!handler) return undefined;
  const h = unwrap(handler);
  if (isFunctionNode(h)) return { node: h, module: m };
  const name = identName(h);
  const local = name ? m.locals.get(name) : undefined;
  return local && isFunctionNode(unwrap(local)) ? { node: unwrap(local), module: m } : undefined;
}
