/** Reading the callbacks of `.filter(q => ...)`, `.withIndex(name, q => ...)`, `.withSearchIndex(...)` and `args`. */
import type { CompareOp, Predicate } from "../types";
import type { Node } from "./ast";
import { child, children, childNodes, identName, isFunctionNode, memberName, stringValue, unwrap } from "./ast";
import type { Value } from "./values";
import { UNKNOWN } from "./values";

const COMPARE = new Set<CompareOp>(["eq", "neq", "lt", "lte", "gt", "gte"]);
const FLIP: Record<CompareOp, CompareOp> = { eq: "eq", neq: "neq", lt: "gt", lte: "gte", gt: "lt", gte: "lte" };

/** The single parameter name of a callback and the expression it returns, when simple. */
export function callbackBody(fn: Node | undefined): { param: string; body: Node } | undefined {
  if (!fn) return undefined;
  const f = unwrap(fn);
  if (!isFunctionNode(f)) return undefined;
  const params = children(f, "params");
  const param = identName(params[0]);
  if (!param || params.length !== 1) return undefined;
  const body = child(f, "body");
  if (!body) return undefined;
  if (body.type !== "BlockStatement") return { param, body: unwrap(body) };
  const stmts = children(body, "body");
  if (stmts.length === 1 && stmts[0].type === "ReturnStatement") {
    const arg = child(stmts[0], "argument");
    return arg ? { param, body: unwrap(arg) } : undefined;
  }
  return undefined;
}

/** Whether `node` mentions identifier `name` anywhere (then it reads the document). */
export function mentions(node: Node, name: string): boolean {
  if (node.type === "Identifier" && node.name === name) return true;
  for (const c of childNodes(node)) {
    // `x.name` as a property is not a reference
    if (node.type === "MemberExpression" && !node.computed && c === node.property) continue;
    if (mentions(c, name)) return true;
  }
  return false;
}

/** Parses a filter predicate expression with query parameter `p`. */
export function parsePredicate(node: Node, p: string, source: string): Predicate {
  const n = unwrap(node);
  if (n.type !== "CallExpression") return { op: "opaque" };
  const callee = unwrap(child(n, "callee") as Node);
  const method = memberName(callee);
  if (!method || identName(child(callee, "object")) !== p) return { op: "opaque" };
  const args = children(n, "arguments");
  if (method === "and" || method === "or") return { op: method, args: args.map((a) => parsePredicate(a, p, source)) };
  if (method === "not" && args.length === 1) return { op: "not", arg: parsePredicate(args[0], p, source) };
  if (!COMPARE.has(method as CompareOp) || args.length !== 2) return { op: "opaque" };
  const op = method as CompareOp;
  const left = fieldPath(args[0], p);
  const right = fieldPath(args[1], p);
  if (left !== undefined && right === undefined && !mentions(args[1], p)) return compare(op, left, args[1], source);
  if (right !== undefined && left === undefined && !mentions(args[0], p))
    return compare(FLIP[op], right, args[0], source);
  return { op: "opaque" };
}

function compare(op: CompareOp, field: string, value: Node, source: string): Predicate {
  return {
    op,
    field,
    valueText: source.slice(value.start, value.end),
    valueSpan: { start: value.start, end: value.end },
  };
}

/** For `q.field("a.b")`: `"a.b"`. */
function fieldPath(node: Node, p: string): string | undefined {
  const n = unwrap(node);
  if (n.type !== "CallExpression") return undefined;
  const callee = unwrap(child(n, "callee") as Node);
  if (memberName(callee) !== "field" || identName(child(callee, "object")) !== p) return undefined;
  return stringValue(children(n, "arguments")[0]);
}

/**
 * The `q.field(x)` calls of a predicate whose path is not a constant string (a field named at run time, such as
 * ``q.field(`meta.ids.${provider}`)``): the text as written, and its constant start (`"meta.ids."`, or "").
 */
export function computedFieldPaths(node: Node, p: string, source: string): { text: string; prefix: string }[] {
  const out: { text: string; prefix: string }[] = [];
  const visit = (n: Node) => {
    if (n.type === "CallExpression") {
      const callee = unwrap(child(n, "callee") as Node);
      const arg = children(n, "arguments")[0];
      if (
        memberName(callee) === "field" &&
        identName(child(callee, "object")) === p &&
        arg &&
        stringValue(arg) === undefined
      ) {
        const a = unwrap(arg);
        const first = a.type === "TemplateLiteral" ? children(a, "quasis")[0] : undefined;
        const cooked = (first?.value as { cooked?: string } | undefined)?.cooked;
        out.push({ text: source.slice(arg.start, arg.end), prefix: cooked ?? "" });
      }
    }
    for (const c of childNodes(n)) visit(c);
  };
  visit(node);
  return out;
}

/** Every field a predicate names. */
export function predicateFields(pred: Predicate): string[] {
  switch (pred.op) {
    case "and":
    case "or":
      return pred.args.flatMap(predicateFields);
    case "not":
      return predicateFields(pred.arg);
    case "opaque":
      return [];
    default:
      return [pred.field];
  }
}

export interface RangeStep {
  method: string;
  field?: string;
  node: Node;
}

/**
 * The steps of `q => q.eq("a", x).gt("b", y)` in order, or undefined when the callback is not of that form.
 * The callback may also be absent (then there are no steps).
 */
export function parseRangeSteps(fn: Node | undefined): RangeStep[] | undefined {
  if (!fn) return [];
  const cb = callbackBody(fn);
  if (!cb) return undefined;
  const steps: RangeStep[] = [];
  let n = cb.body;
  while (n.type === "CallExpression") {
    const callee = unwrap(child(n, "callee") as Node);
    const method = memberName(callee);
    if (!method) return undefined;
    steps.unshift({ method, field: stringValue(children(n, "arguments")[0]), node: n });
    n = unwrap(child(callee, "object") as Node);
  }
  return identName(n) === cb.param ? steps : undefined;
}

/** What an `args` validator object says about the arguments (ids, arrays of ids, nested objects). */
export function argsValue(node: Node | undefined): Value {
  if (!node) return UNKNOWN;
  const n = unwrap(node);
  if (n.type === "ObjectExpression") {
    const props = new Map<string, Value>();
    for (const prop of children(n, "properties")) {
      const key =
        prop.type === "Property" ? (identName(child(prop, "key")) ?? stringValue(child(prop, "key"))) : undefined;
      const value = child(prop, "value");
      if (key && value) props.set(key, validatorCodeValue(value));
    }
    return { k: "obj", props };
  }
  return validatorCodeValue(n);
}

function validatorCodeValue(node: Node): Value {
  const n = unwrap(node);
  if (n.type !== "CallExpression") return UNKNOWN;
  const callee = unwrap(child(n, "callee") as Node);
  const method = memberName(callee) ?? identName(callee);
  const args = children(n, "arguments");
  if ((method === "id" || method === "zid") && args.length >= 1) {
    const table = stringValue(args[0]);
    return table ? { k: "id", table } : UNKNOWN;
  }
  if (method === "optional" || method === "nullable") return args[0] ? validatorCodeValue(args[0]) : UNKNOWN;
  if (method === "array" && args[0]) {
    const el = validatorCodeValue(args[0]);
    return el.k === "unknown" ? UNKNOWN : { k: "array", el };
  }
  if (method === "object" && args[0]) return argsValue(args[0]);
  if (method === "literal" && args.length === 1) {
    const s = stringValue(args[0]);
    return s === undefined ? UNKNOWN : { k: "str", v: s };
  }
  if (method === "union" && args.length) {
    const members = args.map(validatorCodeValue);
    const vs = members.flatMap((m) => (m.k === "str" ? [m.v] : m.k === "strs" ? m.vs : []));
    if (members.every((m) => m.k === "str" || m.k === "strs")) return { k: "strs", vs: [...new Set(vs)].sort() };
  }
  return UNKNOWN;
}
