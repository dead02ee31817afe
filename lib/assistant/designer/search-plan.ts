/**
 * Search in a new design: a full-text index on the field people search ("search recipes by title"), a vector
 * index over an embedding field for "semantic search", "embeddings" or "find similar …". The target is the
 * entity the request names, else the design's main searchable entity.
 */
import type { Field } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import type { SearchWish } from "./directives";
import { canonical, knowledgeOf } from "./lexicon";
import { camel, nameKey, singularPhrase, words } from "./names";

export interface SearchPlanInput {
  /** entity → table name, of new tables only. */
  tables: Map<string, string>;
  fields: Map<string, Field[]>;
  /** Entities in the order the request named them. */
  explicit: string[];
  search: SearchWish[];
  vector: SearchWish[];
}

export interface SearchPlan {
  /** Fields to add before the indexes (a body to search, an embedding). */
  fields: Array<{ entity: string; field: Field }>;
  operations: SchemaOperation[];
  notes: string[];
  assumptions: string[];
  questions: string[];
}

const TEXT_FIELDS = [
  "title",
  "name",
  "body",
  "content",
  "text",
  "description",
  "subject",
  "message",
  "summary",
  "caption",
  "question",
  "prompt",
  "notes",
];
/** Embedding size of common models (OpenAI text-embedding-3-small, ada-002). */
export const EMBEDDING_DIMENSIONS = 1536;

export function planSearch(input: SearchPlanInput): SearchPlan {
  const out: SearchPlan = { fields: [], operations: [], notes: [], assumptions: [], questions: [] };
  const done = new Set<string>();
  const searched = input.search.flatMap((wish) => {
    const targets = targetsOf(input, wish, false);
    if (!targets.length && wish.target)
      out.questions.push(
        `Search over "${wish.target}": which table should it search? The design has no table of that name.`,
      );
    return targets.map((entity) => ({ wish, entity }));
  });
  for (const { wish, entity } of searched) {
    const table = input.tables.get(entity) ?? entity;
    const fields = input.fields.get(entity) ?? [];
    let field = pickField(fields, wish.field, entity);
    if (!field) {
      field = { name: wish.field ? camel(wish.field) : "body", validator: { kind: "string" }, optional: false };
      out.fields.push({ entity, field });
    }
    const key = `${table}.${field.name}`;
    if (done.has(key)) continue;
    done.add(key);
    const filterFields = filtersOf(fields);
    out.operations.push({
      op: "addSearchIndex",
      table,
      index: { name: `search_${field.name}`, searchField: field.name, filterFields },
    });
    out.notes.push(
      `Full-text search on "${key}" (search index "search_${field.name}"${filterFields.length ? `, filterable by ${filterFields.join(", ")}` : ""}).`,
    );
  }
  for (const wish of input.vector) {
    const entity = targetsOf(input, wish, true)[0];
    if (!entity) {
      out.questions.push(
        wish.target
          ? `Semantic search over "${wish.target}": which table holds what should be embedded?`
          : 'Semantic search over what? Name the table whose documents should be embedded (for example "notes").',
      );
      continue;
    }
    const table = input.tables.get(entity) ?? entity;
    if (done.has(`${table}#vector`)) continue;
    done.add(`${table}#vector`);
    const fields = input.fields.get(entity) ?? [];
    const filterFields = filtersOf(fields);
    out.fields.push({
      entity,
      field: {
        name: "embedding",
        validator: { kind: "array", element: { kind: "number" } },
        optional: true,
        description: `Vector embedding of the document's text (${EMBEDDING_DIMENSIONS} numbers), written by an action.`,
      },
    });
    out.operations.push({
      op: "addVectorIndex",
      table,
      index: { name: "by_embedding", vectorField: "embedding", dimensions: EMBEDDING_DIMENSIONS, filterFields },
    });
    out.notes.push(
      `Semantic search on "${table}": an "embedding" field with vector index "by_embedding"${filterFields.length ? ` filterable by ${filterFields.join(", ")}` : ""}.`,
    );
    out.assumptions.push(
      `Embeddings have ${EMBEDDING_DIMENSIONS} dimensions (OpenAI text-embedding-3-small); change "dimensions" to match your model.`,
    );
  }
  return out;
}

/**
 * The named entity; else, for "search" in general, the design's records with text people look for (up to four),
 * and for a vector index the record that holds embeddings or documents. Never users for a vector index.
 */
function targetsOf(input: SearchPlanInput, wish: SearchWish, vector: boolean): string[] {
  const all = [...input.tables.keys()];
  if (wish.target) {
    const key = nameKey(wish.target);
    const head = singularPhrase(wish.target).split(" ").pop() ?? "";
    const named =
      all.find(
        (e) => e === wish.target || nameKey(e) === key || canonical(e) === canonical(singularPhrase(wish.target ?? "")),
      ) ?? all.find((e) => e.split(" ").pop() === head);
    if (named) return [named];
  }
  if (vector) {
    const holder =
      all.find((e) => /(?:^| )(?:embedding|chunk|vector)$/.test(e)) ??
      all.find((e) => /(?:^| )(?:document|note|article|post|memory|knowledge|file|page)$/.test(e));
    const best = holder ?? targetOf(input, vector);
    return best ? [best] : [];
  }
  const candidates = [...input.explicit, ...all].filter(
    (e, k, a) => a.indexOf(e) === k && input.tables.has(e) && canonical(e) !== "user",
  );
  const rich = candidates.filter(
    (e) =>
      knowledgeOf(e)?.searchField ||
      (input.fields.get(e) ?? []).some((f) => ["body", "content", "text", "description", "title"].includes(f.name)),
  );
  if (rich.length) return rich.slice(0, 4);
  const best = targetOf(input, vector);
  return best ? [best] : [];
}

/** The first named entity with text worth searching (never users for a vector index). */
function targetOf(input: SearchPlanInput, vector: boolean): string | undefined {
  const candidates = [...input.explicit, ...input.tables.keys()].filter(
    (e, k, a) => a.indexOf(e) === k && input.tables.has(e),
  );
  const score = (e: string): number => {
    const fields = input.fields.get(e) ?? [];
    if (canonical(e) === "user" && (vector || candidates.length > 1)) return -1;
    if (knowledgeOf(e)?.searchField) return 3;
    if (fields.some((f) => ["body", "content", "text", "description"].includes(f.name))) return 2;
    return fields.some((f) => TEXT_FIELDS.includes(f.name)) ? 1 : 0;
  };
  let best: string | undefined;
  for (const e of candidates) if (score(e) > (best ? score(best) : 0)) best = e;
  return best;
}

function pickField(fields: Field[], wanted: string | undefined, entity: string): Field | undefined {
  const strings = fields.filter((f) => f.validator.kind === "string");
  if (wanted) {
    const key = words(wanted).join("");
    const hit = strings.find(
      (f) => f.name.toLowerCase() === key || singularPhrase(words(f.name).join(" ")) === singularPhrase(wanted),
    );
    if (hit) return hit;
  }
  const known = knowledgeOf(entity)?.searchField;
  return (
    strings.find((f) => f.name === known) ?? TEXT_FIELDS.map((n) => strings.find((f) => f.name === n)).find(Boolean)
  );
}

function filtersOf(fields: Field[]): string[] {
  return fields
    .filter((f) => f.validator.kind === "id" || /^(?:userId|ownerId|status|visibility)$/.test(f.name))
    .map((f) => f.name)
    .slice(0, 3);
}
