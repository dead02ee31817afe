/**
 * Stable diagnostic codes of the schema stage. SA0xx: errors that stop parsing; SA1xx: parse warnings (something
 * could not be resolved statically and is named in the model's `warnings`); SA2xx: errors of surgical edits.
 * A code is never reused for another meaning.
 */
export const SCHEMA_CODES = {
  SA000: { severity: "error", summary: "Internal parser error (a bug): reported instead of crashing." },
  SA001: { severity: "error", summary: "Syntax error in a schema source file." },
  SA002: {
    severity: "error",
    summary: "A relative import points at a missing file, or a module lacks the imported name.",
  },
  SA003: { severity: "error", summary: "Circular import or a value that depends on itself." },
  SA004: { severity: "error", summary: "The entry file has no default export, or it is not a defineSchema(...) call." },
  SA005: { severity: "error", summary: "Unknown validator builder, e.g. v.strng()." },
  SA006: {
    severity: "error",
    summary: "A validator, table or argument of the wrong kind (e.g. v.id(42), a table that is not defineTable).",
  },
  SA007: {
    severity: "error",
    summary:
      "A convex-ents definition convex-ents rejects when the schema loads (e.g. a missing or ambiguous inverse edge).",
  },
  SA008: { severity: "error", summary: "The entry schema file is not among the input files." },
  SA101: {
    severity: "warning",
    summary: "A validator expression cannot be resolved statically; it is read as v.any().",
  },
  SA102: {
    severity: "warning",
    summary: "A spread cannot be resolved statically; the properties it adds are missing.",
  },
  SA103: {
    severity: "warning",
    summary: "A table definition or document cannot be resolved; the table is read as v.any().",
  },
  SA104: { severity: "warning", summary: "An index's name or fields cannot be resolved; the index is missing." },
  SA105: { severity: "warning", summary: "Unknown method on a table definition; it is ignored." },
  SA106: { severity: "warning", summary: "defineSchema options cannot be resolved; defaults are used." },
  SA107: { severity: "warning", summary: "A computed property key cannot be resolved; the property is ignored." },
  SA109: { severity: "warning", summary: "A staged validator (.staged(...)) is not modeled." },
  SA110: { severity: "warning", summary: "A key is written twice in one object literal; the later value wins." },
  SA111: {
    severity: "warning",
    summary: "A document validator that is neither an object nor a union of objects; read as v.any().",
  },
  SA113: {
    severity: "warning",
    summary: "A convex-ents method's name or options cannot be resolved; what it adds is missing.",
  },
  SA120: {
    severity: "warning",
    summary:
      "Evaluating the schema (the fallback when static reading leaves something unresolved) failed; the static reading is shown.",
  },
  SA121: {
    severity: "info",
    summary: "A table was read by evaluating the schema with Convex, because static reading could not resolve it.",
  },
  SA201: { severity: "error", summary: "A schema operation is invalid for the current model (from applyOperations)." },
  SA202: {
    severity: "error",
    summary: "A schema operation targets code that is not written inline in the edited file.",
  },
  SA203: { severity: "error", summary: "An edit produced a file that no longer parses (a bug guard)." },
  SA204: {
    severity: "error",
    summary: "The edited file does not give the model the operations describe; nothing was changed.",
  },
} as const;

export type SchemaCode = keyof typeof SCHEMA_CODES;
