/**
 * Whether code relies on the order of the documents a query returns. A collected list whose documents are only
 * deleted (or patched with fixed values) one by one, or only counted (`.length`), gives the same result in any
 * order: an index kept only for its order (a prefix of a longer one) is then not needed for it.
 *
 * Read from the syntax around the terminal call, conservatively: any other use of the list or of its documents
 * (returned, passed on, indexed, `.map` to values…) counts as relying on the order.
 */
import type { Node } from "./ast";
import { child, childNodes, children, identName, isFunctionNode, memberName, unwrap } from "./ast";

export type OrderFreeUse = "written" | "counted";

/** `kind` "collect": `target` is the `.collect()` call; "iterate": the `for await (… of query)` statement. */
export function orderFreeUse(program: Node, target: Node, kind: "collect" | "iterate"): OrderFreeUse | undefined {
  const path = pathTo(program, target);
  if (!path) return undefined;
  if (kind === "iterate") return loopWritesOnly(target) ? "written" : undefined;
  // Climb past `await`, parentheses and casts to the expression's real parent.
  let i = path.length - 1;
  while (i > 0 && isTransparent(path[i - 1], path[i])) i--;
  let parent = path[i - 1];
  let node = path[i];
  if (!parent) return undefined;
  // `const [a, b] = await Promise.all([query….collect(), …])`: the element of the destructured array.
  let element: number | undefined;
  if (parent.type === "ArrayExpression") {
    element = ((parent.elements as (Node | null)[] | undefined) ?? []).indexOf(node);
    const call = path[i - 2];
    const callee = call?.type === "CallExpression" ? unwrap(child(call, "callee") as Node) : undefined;
    if (!callee || identName(child(callee, "object")) !== "Promise" || memberName(callee) !== "all") return undefined;
    i -= 2;
    while (i > 0 && isTransparent(path[i - 1], path[i])) i--;
    parent = path[i - 1];
    node = path[i];
    if (parent?.type !== "VariableDeclarator" || child(parent, "init") !== node) return undefined;
  }
  if (parent.type === "MemberExpression" && child(parent, "object") === node && memberName(parent) === "length")
    return "counted";
  if (parent.type === "VariableDeclarator" && child(parent, "init") === node) {
    const id = child(parent, "id");
    const target =
      element === undefined
        ? id
        : id?.type === "ArrayPattern"
          ? ((id.elements as (Node | null)[])[element] ?? undefined)
          : undefined;
    const name = identName(target);
    const scope = [...path.slice(0, i - 1)].reverse().find((n) => isFunctionNode(n)) ?? program;
    return name && target ? listUses(scope, name, target) : undefined;
  }
  return undefined;
}

function isTransparent(parent: Node, node: Node): boolean {
  if (parent.type === "AwaitExpression") return true;
  return unwrap(parent) !== parent && child(parent, "expression") === node;
}

/** The nodes from `root` down to `target` (by position), or undefined when it is not inside. */
function pathTo(root: Node, target: Node): Node[] | undefined {
  const path: Node[] = [root];
  let at = root;
  while (at !== target) {
    let next: Node | undefined;
    for (const c of childNodes(at)) {
      if (c === target || (c.start <= target.start && c.end >= target.end && c.end > c.start)) {
        next = c;
        break;
      }
    }
    if (!next) return undefined;
    path.push(next);
    at = next;
  }
  return path;
}

/** Every use of the list variable: `.length`, `for (const d of list)`, `list.map/forEach(d => delete)`. */
function listUses(scope: Node, name: string, declared: Node): OrderFreeUse | undefined {
  const refs = references(scope, name, declared);
  if (!refs.length) return undefined;
  let deleted = false;
  for (const { node, parent, grand } of refs) {
    if (parent?.type === "MemberExpression" && child(parent, "object") === node && !parent.computed) {
      const prop = memberName(parent);
      if (prop === "length") continue;
      if (
        (prop === "map" || prop === "forEach") &&
        grand?.type === "CallExpression" &&
        child(grand, "callee") === parent
      ) {
        const cb = children(grand, "arguments")[0];
        if (cb && isFunctionNode(cb) && callbackWritesOnly(cb)) {
          deleted = true;
          continue;
        }
      }
      return undefined;
    }
    if (parent?.type === "ForOfStatement" && child(parent, "right") === node && loopWritesOnly(parent)) {
      deleted = true;
      continue;
    }
    return undefined;
  }
  return deleted ? "written" : "counted";
}

interface Ref {
  node: Node;
  parent?: Node;
  grand?: Node;
}

/** Identifier references to `name` inside `scope` (not property names or keys, not the declaration itself). */
function references(scope: Node, name: string, declared: Node): Ref[] {
  const out: Ref[] = [];
  const walk = (n: Node, parent?: Node, grand?: Node): void => {
    if (n === declared) return;
    if (n.type === "Identifier" && n.name === name) {
      const isProperty =
        (parent?.type === "MemberExpression" && child(parent, "property") === n && !parent.computed) ||
        (parent?.type === "Property" && child(parent, "key") === n && !parent.computed && !parent.shorthand);
      if (!isProperty) out.push({ node: n, parent, grand });
      return;
    }
    for (const c of childNodes(n)) walk(c, n, parent);
  };
  walk(scope);
  return out;
}

/** `for (const d of …) { await ctx.db.delete(d._id); }`: the body only writes each document by its id. */
function loopWritesOnly(loop: Node): boolean {
  const left = child(loop, "left");
  const decl = left?.type === "VariableDeclaration" ? child(children(left, "declarations")[0], "id") : left;
  const v = identName(decl);
  return !!v && statementsWriteOnly(child(loop, "body"), v);
}

function callbackWritesOnly(cb: Node): boolean {
  const v = identName(children(cb, "params")[0]);
  const body = child(cb, "body");
  if (!v || !body) return false;
  return body.type === "BlockStatement" ? statementsWriteOnly(body, v) : writeById(body, v);
}

function statementsWriteOnly(body: Node | undefined, v: string): boolean {
  if (!body) return false;
  if (body.type === "BlockStatement") {
    const stmts = children(body, "body");
    return stmts.length > 0 && stmts.every((s) => statementsWriteOnly(s, v));
  }
  if (body.type === "ExpressionStatement") return writeById(child(body, "expression") as Node, v);
  return false;
}

/** `await db.delete(v._id)` / `db.patch(v._id, { done: true })` (fixed values only). */
function writeById(expr: Node, v: string): boolean {
  let e = unwrap(expr);
  if (e.type === "AwaitExpression") e = unwrap(child(e, "argument") as Node);
  if (e.type !== "CallExpression") return false;
  const callee = unwrap(child(e, "callee") as Node);
  const method = memberName(callee);
  const args = children(e, "arguments");
  const obj = callee.type === "MemberExpression" ? unwrap(child(callee, "object") as Node) : undefined;
  const onDb = !!obj && (identName(obj) === "db" || memberName(obj) === "db");
  if (!onDb) return false;
  const idOf = (a: Node | undefined) => {
    const m = a ? unwrap(a) : undefined;
    return !!m && m.type === "MemberExpression" && identName(child(m, "object")) === v && memberName(m) === "_id";
  };
  if (method === "delete") return args.length === 1 && idOf(args[0]);
  if (method === "patch") return args.length === 2 && idOf(args[0]) && fixedObject(args[1]);
  return false;
}

function fixedObject(n: Node): boolean {
  const o = unwrap(n);
  return (
    o.type === "ObjectExpression" &&
    children(o, "properties").every((p) => {
      const val = p.type === "Property" && !p.computed ? unwrap(child(p, "value") as Node) : undefined;
      return !!val && val.type === "Literal";
    })
  );
}

/**
 * Whether the position a `list.findIndex(…)` call computes is used to read an element (`list[i]`, `list.at(i)`),
 * directly or through the variable it is stored in. A position only compared or counted (`i >= max`) fetches nothing.
 */
export function positionReadsElement(program: Node, call: Node): boolean {
  const path = pathTo(program, call);
  if (!path) return false;
  let i = path.length - 1;
  while (i > 0 && isTransparent(path[i - 1], path[i])) i--;
  const parent = path[i - 1];
  const node = path[i];
  if (!parent) return false;
  if (readsElement(node, parent, path[i - 2])) return true;
  if (parent.type !== "VariableDeclarator" || child(parent, "init") !== node) return false;
  const id = child(parent, "id");
  const name = identName(id);
  if (!name || !id) return false;
  const scope = [...path.slice(0, i - 1)].reverse().find((n) => isFunctionNode(n)) ?? program;
  return references(scope, name, id).some((r) => readsElement(r.node, r.parent, r.grand));
}

/** `x[pos]` or `x.at(pos)` with `pos` the given node. */
function readsElement(pos: Node, parent: Node | undefined, grand: Node | undefined): boolean {
  if (parent?.type === "MemberExpression" && parent.computed && child(parent, "property") === pos) return true;
  if (grand?.type !== "CallExpression" || children(grand, "arguments")[0] !== pos) return false;
  const callee = unwrap(child(grand, "callee") as Node);
  return callee.type === "MemberExpression" && memberName(callee) === "at";
}

/**
 * Whether a by-id lookup on a list (`list.find(d => d._id === id)`) is all the code does with that list: the list is
 * no variable (`(await q.collect()).find(…)`), or every reference to the variable holding it is such a lookup
 * (`isLookup` tells, given the call). A list also used otherwise — a fallback (`?? list[0]`), its `.length`, a loop,
 * passed on — is needed whole, so one `get` cannot replace the read.
 */
export function listOnlyLooksUp(program: Node, call: Node, isLookup: (call: Node) => boolean): boolean {
  const callee = unwrap(child(call, "callee") as Node);
  const obj = callee.type === "MemberExpression" ? unwrap(child(callee, "object") as Node) : undefined;
  const name = obj ? identName(obj) : undefined;
  if (!obj || !name) return true;
  const path = pathTo(program, obj);
  if (!path) return false;
  // The innermost enclosing function (or the module) that binds the name: as a parameter or a declaration.
  const scopes = [program, ...path.filter((n) => isFunctionNode(n))].reverse();
  for (const scope of scopes) {
    const declared = bindingOf(scope, name);
    if (!declared) continue;
    const refs = references(scope, name, declared);
    const lookups = new Set<Node>();
    for (const { node, parent, grand } of refs)
      if (parent?.type === "MemberExpression" && child(parent, "object") === node && !parent.computed)
        if (grand?.type === "CallExpression" && child(grand, "callee") === parent && isLookup(grand))
          lookups.add(grand);
    // `list[i]` / `list.at(i)` with `i` a lookup's position (`const i = list.findIndex(…)`) completes that lookup.
    const positions = new Set<string>();
    for (const c of lookups) {
      const p = pathTo(program, c);
      let i = (p?.length ?? 0) - 1;
      while (p && i > 0 && isTransparent(p[i - 1], p[i])) i--;
      const decl = p?.[i - 1];
      const v =
        decl?.type === "VariableDeclarator" && child(decl, "init") === p?.[i]
          ? identName(child(decl, "id"))
          : undefined;
      if (v) positions.add(v);
    }
    const isPosition = (n: Node | undefined) => {
      const e = n ? unwrap(n) : undefined;
      return !!e && (lookups.has(e) || positions.has(identName(e) ?? ""));
    };
    return refs.every(({ node, parent, grand }) => {
      if (parent?.type !== "MemberExpression" || child(parent, "object") !== node) return false;
      if (parent.computed) return isPosition(child(parent, "property"));
      if (grand?.type === "CallExpression" && child(grand, "callee") === parent && lookups.has(grand)) return true;
      return (
        memberName(parent) === "at" &&
        grand?.type === "CallExpression" &&
        child(grand, "callee") === parent &&
        isPosition(children(grand, "arguments")[0])
      );
    });
  }
  return false;
}

/** The identifier that binds `name` in `scope`: a parameter of it, or a variable declared in it (patterns too). */
function bindingOf(scope: Node, name: string): Node | undefined {
  const inPattern = (p: Node | undefined): Node | undefined => {
    if (!p) return undefined;
    if (p.type === "Identifier") return p.name === name ? p : undefined;
    if (p.type === "ArrayPattern")
      for (const e of (p.elements as (Node | null)[]) ?? []) {
        const f = e ? inPattern(e) : undefined;
        if (f) return f;
      }
    if (p.type === "ObjectPattern")
      for (const prop of children(p, "properties")) {
        const f = inPattern(prop.type === "RestElement" ? child(prop, "argument") : child(prop, "value"));
        if (f) return f;
      }
    if (p.type === "AssignmentPattern") return inPattern(child(p, "left"));
    if (p.type === "RestElement") return inPattern(child(p, "argument"));
    return undefined;
  };
  if (scope !== undefined && isFunctionNode(scope))
    for (const p of children(scope, "params")) {
      const f = inPattern(p.type === "TSParameterProperty" ? child(p, "parameter") : p);
      if (f) return f;
    }
  let found: Node | undefined;
  const walk = (n: Node): void => {
    if (found) return;
    if (n !== scope && isFunctionNode(n)) return;
    if (n.type === "VariableDeclarator") found = inPattern(child(n, "id"));
    if (!found) for (const c of childNodes(n)) walk(c);
  };
  walk(scope);
  return found;
}
