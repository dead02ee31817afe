import pluralize from "pluralize";
import type { Diagnostic, Fix } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import type { LintRule } from "../types";
import { allFields, report } from "../util";

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

type Style = "camel" | "snake" | "other" | "neutral";

/** Naming style of an identifier; one lower-case word fits every style ("neutral"). */
export function styleOf(name: string): Style {
  if (/^[a-z][a-z0-9]*$/.test(name)) return "neutral";
  if (/^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$/.test(name)) return "camel";
  if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(name)) return "snake";
  return "other";
}

/** "created_at" / "CreatedAt" / "created-at" → "createdAt". */
export function toCamel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join("");
}

export function toSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toLowerCase();
}

/** The project's convention: camelCase (Convex's) unless snake_case names are the majority. */
function dominant(names: string[]): "camel" | "snake" {
  let camel = 0;
  let snake = 0;
  for (const n of names) {
    const s = styleOf(n);
    if (s === "camel") camel++;
    if (s === "snake") snake++;
  }
  return snake > camel ? "snake" : "camel";
}

/** Field names that break the schema's naming convention (camelCase unless the project uses snake_case). */
export const fieldNaming: LintRule = {
  code: "LINT-FIELD-NAMING",
  severity: "info",
  summary:
    "A field name that does not follow the schema's convention (camelCase, or snake_case when most fields use it).",
  check(model) {
    const perTable = model.tables.map((t) => ({ table: t, fields: allFields(t) }));
    const style = dominant(perTable.flatMap((x) => x.fields.map((v) => v.field.name)));
    const label = style === "camel" ? "camelCase" : "snake_case";
    const out: Diagnostic[] = [];
    for (const { table, fields } of perTable) {
      const topNames = new Set(table.fields.map((f) => f.name));
      for (const { field, path, topLevel, loc } of fields) {
        const s = styleOf(field.name);
        // Invalid names are LINT-RESERVED-NAME's business; report each problem once.
        if (s === "neutral" || s === style || !IDENTIFIER.test(field.name)) continue;
        const suggestion = style === "camel" ? toCamel(field.name) : toSnake(field.name);
        const fix: Fix = { description: `Rename "${path}" to "${suggestion}" (stored documents need a migration).` };
        if (topLevel && suggestion !== field.name && IDENTIFIER.test(suggestion) && !topNames.has(suggestion)) {
          const operations: SchemaOperation[] = [
            { op: "renameField", table: table.name, from: field.name, to: suggestion },
          ];
          fix.operations = operations;
        }
        out.push(
          report(
            this,
            `Field "${path}" is not ${label} like the rest of the schema; consider "${suggestion}".`,
            path,
            loc,
            [fix],
          ),
        );
      }
    }
    return out;
  },
};

// Nouns that name a whole collection ("embeddingsCache", "searchHistory", "auditLog"): the table is the
// collection and its rows the entries, so a singular name is not a slip ("searchHistories" reads wrong).
const COLLECTIVE = new Set([
  "cache",
  "history",
  "log",
  "queue",
  "inventory",
  "registry",
  "feed",
  "ledger",
  "archive",
  "timeline",
  "backlog",
  "storage",
  "catalog",
  "journal",
  "inbox",
  "outbox",
]);

// Mass nouns: "anonymousUsage", "feedback" are not singulars of a countable thing ("usages", "feedbacks" read wrong).
const MASS = new Set([
  "usage",
  "feedback",
  "progress",
  "content",
  "metadata",
  "config",
  "configuration",
  "information",
  "info",
  "knowledge",
  "research",
  "traffic",
  "revenue",
  "analytics",
  "telemetry",
  "advice",
  "evidence",
  "equipment",
  "software",
  "hardware",
  "music",
  "media",
  "staff",
  "auth",
  "access",
  "support",
  "help",
  "spam",
  "waitlist",
]);

function isPluralName(name: string): boolean | undefined {
  const words = name.split(/_|(?=[A-Z])/).filter(Boolean);
  // A version or number suffix ("images_v2"): the noun is not last, and a suggestion would be wrong ("images_v2s").
  if (/^v?\d+$/i.test(words[words.length - 1] ?? "")) return undefined;
  const last = (words.pop() ?? name).toLowerCase();
  // "typing", "billing", "presence", "maintenance": activities and mass nouns, not countable things
  if (/(ing|ence|ance)$/.test(last) || COLLECTIVE.has(last) || MASS.has(last)) return undefined;
  const plural = pluralize.isPlural(last);
  const singular = pluralize.isSingular(last);
  return plural === singular ? undefined : plural; // uncountable words ("data", "news") fit both
}

/** Table names that break the schema's convention: plural (Convex's) unless most tables are singular; one case style. */
export const tableNaming: LintRule = {
  code: "LINT-TABLE-NAMING",
  severity: "info",
  summary:
    "A table name that breaks the schema's convention (held by two thirds of its tables, at least 3): plural vs singular, camelCase vs snake_case.",
  check(model) {
    const names = model.tables.map((t) => t.name);
    const votes = names.map(isPluralName);
    const pluralOf = new Map(names.map((n, i) => [n, votes[i]]));
    // A convention is enforced only where the project has one: at least two thirds of the tables with a number
    // (and at least 3 of them) agree. A 4/4 split is no convention to enforce.
    const singular = votes.filter((v) => v === false).length;
    const plural = votes.filter((v) => v === true).length;
    const majority = (n: number) => n >= 3 && n * 3 >= (singular + plural) * 2;
    const wantPlural = majority(plural) ? true : majority(singular) ? false : undefined;
    const style = dominant(names);
    const out: Diagnostic[] = [];
    for (const table of model.tables) {
      if (!IDENTIFIER.test(table.name)) continue; // LINT-TABLE-NAME reports it
      const problems: string[] = [];
      let suggestion = table.name;
      const isPlural = pluralOf.get(table.name);
      if (isPlural !== undefined && wantPlural !== undefined && isPlural !== wantPlural) {
        problems.push(
          wantPlural ? "singular while the other tables are plural" : "plural while the other tables are singular",
        );
        suggestion = wantPlural ? pluralize.plural(suggestion) : pluralize.singular(suggestion);
      }
      const s = styleOf(table.name);
      if (s !== "neutral" && s !== style) {
        problems.push(style === "camel" ? "not camelCase" : "not snake_case");
        suggestion = style === "camel" ? toCamel(suggestion) : toSnake(suggestion);
      }
      // No suggestion that is invalid ("s" → "") or already taken.
      if (!problems.length || !IDENTIFIER.test(suggestion) || pluralOf.has(suggestion)) continue;
      const operations: SchemaOperation[] = [{ op: "renameTable", from: table.name, to: suggestion }];
      out.push(
        report(
          this,
          `Table "${table.name}" is ${problems.join(" and ")}; consider "${suggestion}".`,
          table.name,
          table.loc,
          [
            {
              description: `Rename table "${table.name}" to "${suggestion}" (Convex cannot rename tables in place: copy the documents).`,
              operations,
            },
          ],
        ),
      );
    }
    return out;
  },
};
