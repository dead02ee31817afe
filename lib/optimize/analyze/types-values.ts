/**
 * Values from TypeScript types the compiler checks: `Id<"users">`, `Doc<"users">`, arrays of them, and the same
 * through `x as Id<"users">`. Used only where the analysis knows nothing better about a value.
 */
import type { Node } from "./ast";
import { child, children, identName, stringValue } from "./ast";
import type { Value } from "./values";
import { UNKNOWN } from "./values";

const ID_TYPES = new Set(["Id", "GenericId"]);
const DOC_TYPES = new Set(["Doc"]);

/** The value a type annotation (`TSTypeAnnotation`) or a type node promises. */
export function typeValue(node: Node | undefined): Value {
  if (!node) return UNKNOWN;
  const t = node.type === "TSTypeAnnotation" ? child(node, "typeAnnotation") : node;
  if (!t) return UNKNOWN;
  if (t.type === "TSArrayType") {
    const el = typeValue(child(t, "elementType"));
    return el.k === "unknown" ? UNKNOWN : { k: "array", el };
  }
  if (t.type === "TSUnionType") {
    // `Id<"users"> | null` and `Doc<"users"> | undefined`
    const known = children(t, "types")
      .filter((m) => m.type !== "TSNullKeyword" && m.type !== "TSUndefinedKeyword")
      .map(typeValue);
    if (known.length === 1) return known[0];
    // `"posts" | "comments"`: a string that is one of these
    if (known.length > 1 && known.every((m) => m.k === "str"))
      return { k: "strs", vs: [...new Set(known.map((m) => (m as { v: string }).v))].sort() };
    return UNKNOWN;
  }
  if (t.type === "TSLiteralType") {
    const s = stringValue(child(t, "literal"));
    return s === undefined ? UNKNOWN : { k: "str", v: s };
  }
  if (t.type !== "TSTypeReference") return UNKNOWN;
  const name = identName(child(t, "typeName"));
  const args = children(child(t, "typeArguments") ?? t, "params");
  if (name === "Array" && args.length === 1) {
    const el = typeValue(args[0]);
    return el.k === "unknown" ? UNKNOWN : { k: "array", el };
  }
  const table = args[0]?.type === "TSLiteralType" ? stringValue(child(args[0], "literal")) : undefined;
  if (!table || args.length !== 1) return UNKNOWN;
  if (name && ID_TYPES.has(name)) return { k: "id", table };
  if (name && DOC_TYPES.has(name)) return { k: "doc", table };
  return UNKNOWN;
}
