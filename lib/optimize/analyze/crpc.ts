/**
 * better-convex's cRPC builders: `const c = initCRPC.dataModel<DataModel>().context({ query: (ctx) => … }).create()`,
 * then `c.query` / `c.mutation` / `c.action`, refined with `.use(middleware)`, `.input(zod)`, `.output(…)`,
 * `.meta(…)`, `.paginated(…)`, `.internal()`, and registered by a final `.query(handler)` / `.mutation(handler)` /
 * `.action(handler)`. Builders are usually named in a shared file (`export const authQuery = c.query.use(auth)`).
 *
 * The handler takes one object, `{ ctx, input }`; each middleware `({ ctx, next }) => next({ ctx: { …ctx, user } })`
 * runs first and adds its ctx fields, as do the `context` functions given to `initCRPC`.
 */
import type { FunctionKind } from "../types";
import type { Node } from "./ast";
import { child, children, identName, isFunctionNode, memberName, unwrap } from "./ast";
import type { Customization } from "./functions";
import type { ModuleInfo } from "./modules";
import { objectProperty, resolveExport } from "./modules";
import type { Value } from "./values";

/** The `next` a middleware is given: `next({ ctx })` returns its argument, from which the added ctx is read. */
export const CRPC_NEXT: Value = { k: "lib", path: "better-convex:next" };

/** The one object a cRPC handler or middleware is called with. */
export function crpcOptions(props: Record<string, Value>): Value {
  return { k: "obj", props: new Map(Object.entries(props)) };
}

const PACKAGE = /^better-convex(\/server)?$/;
/** Methods of a procedure builder that return another builder of the same kind. */
const REFINE = new Set(["use", "input", "output", "meta", "paginated", "internal"]);
const KINDS: Record<string, "query" | "mutation" | "action"> = {
  query: "query",
  mutation: "mutation",
  action: "action",
};

export interface CrpcBuilder {
  kind: FunctionKind;
  customizations: Customization[];
}

/**
 * `<builder>.query(handler)`: the registered function's kind and the middlewares that run before it, or
 * undefined when the call is not a cRPC registration.
 */
export function crpcRegistration(
  modules: Map<string, ModuleInfo>,
  m: ModuleInfo,
  call: Node,
): (CrpcBuilder & { handler?: Node }) | undefined {
  const callee = unwrap(child(call, "callee") as Node);
  const method = memberName(callee);
  if (!method || !KINDS[method]) return undefined;
  const b = builderOf(modules, m, unwrap(child(callee, "object") as Node), 0);
  if (!b || b.base !== KINDS[method]) return undefined;
  const kind: FunctionKind = b.internal
    ? (`internal${b.base[0].toUpperCase()}${b.base.slice(1)}` as FunctionKind)
    : b.base;
  return { kind, customizations: b.customizations, handler: children(call, "arguments")[0] };
}

interface Resolved {
  base: "query" | "mutation" | "action";
  internal: boolean;
  customizations: Customization[];
}

function builderOf(modules: Map<string, ModuleInfo>, m: ModuleInfo, node: Node, depth: number): Resolved | undefined {
  if (depth > 12) return undefined;
  const n = unwrap(node);
  if (n.type === "Identifier") {
    const r = resolveName(modules, m, n.name as string);
    return r ? builderOf(modules, r.module, r.node, depth + 1) : undefined;
  }
  if (n.type === "CallExpression") {
    const callee = unwrap(child(n, "callee") as Node);
    const method = memberName(callee);
    if (!method || !REFINE.has(method)) return undefined;
    const inner = builderOf(modules, m, child(callee, "object") as Node, depth + 1);
    if (!inner) return undefined;
    if (method === "internal") return { ...inner, internal: true };
    if (method !== "use") return inner;
    const arg = children(n, "arguments")[0];
    const added = arg ? middlewareFunctions(modules, m, arg, depth + 1) : [];
    return { ...inner, customizations: [...inner.customizations, ...added] };
  }
  if (n.type === "MemberExpression") {
    const base = KINDS[memberName(n) ?? ""];
    if (!base) return undefined;
    const instance = crpcInstance(modules, m, child(n, "object") as Node, depth + 1);
    if (!instance) return undefined;
    const context = instance.context ? objectProperty(instance.context.node, base) : undefined;
    const customizations: Customization[] =
      context && isFunctionNode(unwrap(context))
        ? [{ node: unwrap(context), module: instance.context?.module ?? m, form: "customCtx" }]
        : [];
    return { base, internal: false, customizations };
  }
  return undefined;
}

/** `initCRPC….create(…)`, with the `context({ … })` object when there is one. */
function crpcInstance(
  modules: Map<string, ModuleInfo>,
  m: ModuleInfo,
  node: Node,
  depth: number,
): { context?: { node: Node; module: ModuleInfo } } | undefined {
  if (depth > 12) return undefined;
  const n = unwrap(node);
  if (n.type === "Identifier") {
    const r = resolveName(modules, m, n.name as string);
    return r ? crpcInstance(modules, r.module, r.node, depth + 1) : undefined;
  }
  if (n.type !== "CallExpression" || memberName(unwrap(child(n, "callee") as Node)) !== "create") return undefined;
  // Walk the chain down to `initCRPC`, picking up `.context({ … })`.
  let at: Node | undefined = unwrap(child(unwrap(child(n, "callee") as Node), "object") as Node);
  let context: { node: Node; module: ModuleInfo } | undefined;
  while (at) {
    if (at.type === "CallExpression") {
      const callee = unwrap(child(at, "callee") as Node);
      if (memberName(callee) === "context") {
        const arg = children(at, "arguments")[0];
        if (arg && unwrap(arg).type === "ObjectExpression") context = { node: unwrap(arg), module: m };
      }
      at = callee.type === "MemberExpression" ? unwrap(child(callee, "object") as Node) : undefined;
    } else if (at.type === "MemberExpression") {
      at = unwrap(child(at, "object") as Node);
    } else break;
  }
  const root = at ? identName(at) : undefined;
  const imp = root ? m.imports.get(root) : undefined;
  return imp && PACKAGE.test(imp.spec) && imp.imported === "initCRPC" ? { context } : undefined;
}

/** The functions of a middleware: inline, or built with `c.middleware(fn)` and `.pipe(fn)`. */
function middlewareFunctions(
  modules: Map<string, ModuleInfo>,
  m: ModuleInfo,
  node: Node,
  depth: number,
): Customization[] {
  if (depth > 12) return [];
  const n = unwrap(node);
  if (isFunctionNode(n)) return [{ node: n, module: m, form: "crpc" }];
  if (n.type === "Identifier") {
    const r = resolveName(modules, m, n.name as string);
    return r ? middlewareFunctions(modules, r.module, r.node, depth + 1) : [];
  }
  if (n.type === "CallExpression") {
    const callee = unwrap(child(n, "callee") as Node);
    const method = memberName(callee);
    const arg = children(n, "arguments")[0];
    if (method === "middleware" && arg) return middlewareFunctions(modules, m, arg, depth + 1);
    if (method === "pipe" && arg)
      return [
        ...middlewareFunctions(modules, m, child(callee, "object") as Node, depth + 1),
        ...middlewareFunctions(modules, m, arg, depth + 1),
      ];
  }
  return [];
}

/** A top-level name of a module: its own const, or an import from a project file. */
function resolveName(
  modules: Map<string, ModuleInfo>,
  m: ModuleInfo,
  name: string,
): { module: ModuleInfo; node: Node } | undefined {
  const imp = m.imports.get(name);
  if (imp?.file) {
    const r = resolveExport(modules, imp.file, imp.imported);
    return r && !r.keys ? { module: r.module, node: r.node } : undefined;
  }
  if (imp || m.destructured.has(name)) return undefined;
  const local = m.locals.get(name);
  return local ? { module: m, node: local } : undefined;
}
