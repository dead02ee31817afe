/**
 * Stable codes of the import stage: IMP-… for the schema mapping (Prisma or SQL → Convex) and the import's shells
 * (the dashboard's importNode, the CLI), DATA-… for rows and files read with the data. The severity is the highest the code is emitted with (DATA-… problems that skip the row are
 * errors, those that keep it warnings). A code is never reused for another meaning.
 */
import type { Severity } from "../diagnostics";

export const IMPORT_CODES: Record<string, { severity: Severity; summary: string }> = {
  "IMP-PARSE": { severity: "error", summary: "The Prisma schema or SQL DDL has a syntax error." },
  "IMP-FK-SHAPE": {
    severity: "error",
    summary: "A foreign key whose columns do not match the key of the table it references.",
  },
  "IMP-UNKNOWN-TABLE": { severity: "error", summary: "A reference to a table that is not defined." },
  "IMP-INTERNAL": { severity: "error", summary: "The importer failed unexpectedly (a bug); nothing is kept." },
  "IMP-NAME": { severity: "error", summary: "The imported project has no name." },
  "IMP-PRINT": { severity: "error", summary: "The generated schema.ts does not parse (a bug); nothing is kept." },
  "IMP-TOO-LARGE": { severity: "error", summary: "The generated helper files are over the size a project may store." },
  "IMP-WRITE": { severity: "error", summary: "Writing the imported data failed, so the project was not kept." },
  "IMP-CHECK": { severity: "warning", summary: "A CHECK constraint: Convex does not enforce it." },
  "IMP-CYCLE-OPTIONAL": {
    severity: "warning",
    summary: "A required reference in a reference cycle is made optional so rows can be inserted, then patched.",
  },
  "IMP-DECIMAL": { severity: "warning", summary: "A decimal column stored as a float64 number, which may round." },
  "IMP-FULLTEXT": {
    severity: "warning",
    summary: "A full-text index: it becomes a Convex search index or is left out.",
  },
  "IMP-INDEX-EXPR": { severity: "warning", summary: "An index on an expression: Convex indexes fields only." },
  "IMP-INDEX-METHOD": { severity: "warning", summary: "An index method or option Convex has no equivalent for." },
  "IMP-JSON": {
    severity: "warning",
    summary: "A JSON column imported as v.any() unless its shape is inferred from data.",
  },
  "IMP-NAME-CLASH": { severity: "warning", summary: "A table whose Convex name is taken gets another name." },
  "IMP-PARTIAL-INDEX": { severity: "warning", summary: "A partial index (WHERE …) imported as a full index." },
  "IMP-SQL-DROPPED": { severity: "warning", summary: "SQL statements or column features that are not imported." },
  "IMP-UNSUPPORTED": { severity: "warning", summary: "A construct Convex has no equivalent for; it is not imported." },
  "IMP-UNSUPPORTED-TYPE": {
    severity: "warning",
    summary: "A column type with no Convex equivalent, imported as v.any().",
  },
  "IMP-VIEW": { severity: "warning", summary: "A view: Convex has no views, so it is not imported." },
  "IMP-COMPOSITE-FK": {
    severity: "info",
    summary: "A multi-column foreign key, imported as a reference through its key.",
  },
  "IMP-COMPOSITE-PK": { severity: "info", summary: "A multi-column primary key, kept as a unique index beside _id." },
  "IMP-DATETIME": {
    severity: "info",
    summary: "A date/time column stored as a number of milliseconds since the epoch.",
  },
  "IMP-DEFAULT": { severity: "info", summary: "A column default: Convex has none, so inserts must set the value." },
  "IMP-DOMAIN": { severity: "info", summary: "A domain type imported as its base type; its checks are not enforced." },
  "IMP-INDEX-SKIPPED": {
    severity: "info",
    summary: "An index or constraint that includes the primary key, which _id already makes unique.",
  },
  "IMP-M2M": { severity: "info", summary: "An implicit many-to-many relation becomes a join table." },
  "IMP-NATIVE-TYPE": { severity: "info", summary: "A native database type (@db.…) that Convex does not enforce." },
  "IMP-NO-PK": { severity: "info", summary: "A table without a primary key: rows are identified by position." },
  "IMP-PARTITION": { severity: "info", summary: "A partition merged into its parent table." },
  "IMP-PK-DROPPED": { severity: "info", summary: "A primary key replaced by Convex's _id." },
  "IMP-TIME-TEXT": { severity: "info", summary: "A time-of-day or interval column stored as its text form." },
  "IMP-UNIQUE": {
    severity: "info",
    summary: "A unique constraint becomes an index plus a generated uniqueness check.",
  },
  "IMP-UPDATED-AT": { severity: "info", summary: "An @updatedAt field: every write must set it." },
  "DATA-CONVERT": {
    severity: "error",
    summary: "A value that cannot be converted to its field's type; the row is skipped.",
  },
  "DATA-DUPLICATE": { severity: "error", summary: "A row that repeats a unique value; it is skipped." },
  "DATA-LIMIT": { severity: "error", summary: "A row over a Convex limit (document size, nesting); it is skipped." },
  "DATA-MISSING-REF": {
    severity: "error",
    summary: "A required reference that is NULL or points to a missing row; the row is skipped.",
  },
  "DATA-REJECTED": {
    severity: "error",
    summary: "Rows the target refused to write (or whose references could not be set).",
  },
  "DATA-UNREADABLE": { severity: "error", summary: "A data file or row that cannot be read." },
  "DATA-DANGLING": {
    severity: "warning",
    summary: "An optional reference to a missing or skipped row; it is left unset.",
  },
  "DATA-FILE-KIND": {
    severity: "warning",
    summary: "An uploaded file that is not .sql, .csv or .jsonl; it is ignored.",
  },
  "DATA-UNKNOWN-COLUMN": { severity: "warning", summary: "A data column that matches no field of its table." },
  "DATA-UNKNOWN-TABLE": { severity: "warning", summary: "A data file that matches no table of the schema." },
};
