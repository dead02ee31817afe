import type { Validator } from "@/lib/schema/browser";

/** The field types the designer offers, as a person names them. */
export type TypeChoice =
  | "string"
  | "number"
  | "boolean"
  | "int64"
  | "bytes"
  | "any"
  | "id"
  | "enum"
  | "string[]"
  | "number[]"
  | "id[]";

export const TYPE_CHOICES: { value: TypeChoice; label: string }[] = [
  { value: "string", label: "text (string)" },
  { value: "number", label: "number" },
  { value: "boolean", label: "yes/no (boolean)" },
  { value: "int64", label: "big integer (int64)" },
  { value: "id", label: "reference to table" },
  { value: "enum", label: "one of (literals)" },
  { value: "string[]", label: "list of text" },
  { value: "number[]", label: "list of numbers" },
  { value: "id[]", label: "list of references" },
  { value: "bytes", label: "bytes" },
  { value: "any", label: "anything (any)" },
];

/** Builds the validator for a choice; `detail` is the target table or the comma-separated literal values. */
export function toValidator(choice: TypeChoice, detail: string): Validator | { error: string } {
  const table = detail.trim();
  switch (choice) {
    case "id":
    case "id[]": {
      if (!table) return { error: "Choose the table it references." };
      const id: Validator = { kind: "id", table };
      return choice === "id" ? id : { kind: "array", element: id };
    }
    case "enum": {
      const values = [
        ...new Set(
          detail
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      if (values.length === 0) return { error: "List the allowed values, separated by commas." };
      const literals: Validator[] = values.map((value) => ({ kind: "literal", value }));
      return literals.length === 1 ? literals[0] : { kind: "union", members: literals };
    }
    case "string[]":
      return { kind: "array", element: { kind: "string" } };
    case "number[]":
      return { kind: "array", element: { kind: "number" } };
    default:
      return { kind: choice };
  }
}

/** The choice and detail that describe an existing validator, for editing. */
export function fromValidator(v: Validator): { choice: TypeChoice; detail: string } {
  if (v.kind === "id") return { choice: "id", detail: v.table };
  if (v.kind === "array" && v.element.kind === "id") return { choice: "id[]", detail: v.element.table };
  if (v.kind === "array" && v.element.kind === "string") return { choice: "string[]", detail: "" };
  if (v.kind === "array" && v.element.kind === "number") return { choice: "number[]", detail: "" };
  if (v.kind === "literal") return { choice: "enum", detail: String(v.value) };
  if (v.kind === "union" && v.members.every((m) => m.kind === "literal")) {
    return { choice: "enum", detail: v.members.map((m) => (m.kind === "literal" ? String(m.value) : "")).join(", ") };
  }
  if (["string", "number", "boolean", "int64", "bytes", "any"].includes(v.kind))
    return { choice: v.kind as TypeChoice, detail: "" };
  return { choice: "any", detail: "" };
}
