/**
 * The deterministic designer: turns a request in plain English into schema operations without any model.
 * Follow-up edits (rename, remove, optional, soft delete, search, ...) are handled first, clause by clause;
 * everything else is read as design facts (entities, attributes, relations) and planned together.
 */
import type { SchemaModel } from "../../schema/model";
import type { SchemaOperation } from "../../schema/operations";
import { applyOperations } from "../../schema/operations";
import { clarifyChange } from "../changes/clarify";
import { paraphraseRequest } from "../changes/paraphrase";
import { changedTwice, readRequest, refusesOnly, selfRefusal } from "../changes/reader";
import { classifyIntent, mentionsTable } from "../intent/classify";
import { finalizeProposal } from "../proposal";
import type { DesignOptions, Proposal } from "../types";
import { buildDesign } from "./build";
import { discoverNouns } from "./discover";
import { takeDirectives } from "./directives";
import { detectDomains, emptyFacts, extractClause, type Facts } from "./extract";
import { applyFollowUp, isChangeCommand, type FollowUpContext } from "./followups";
import { clauses, normalize, Vocabulary } from "./lexicon";
import { nameKey, pluralPhrase, words } from "./names";
import { harvestDesign, headNouns } from "./harvest";
import { learnedEntity } from "./learned";
import { conflictingChanges } from "../changes/conflicts";
import { presenceQuestion } from "../changes/presence-question";
import { validatorToCode } from "../../schema/model";
import { consistentOperations } from "./consistent";
import { applyListedValues } from "./listed-values";
import { applyPossessives } from "./possessives";
import { plainText } from "./markdown";
import { unreadableQuestion, vagueQuestion } from "./vague";

/** Longest request the designer reads, in characters. */
export const DEFAULT_MAX_REQUEST = 4000;

/**
 * Designs or edits a schema from a request. Always returns a proposal whose operations apply to
 * `currentSchema`; when the request is empty, too long, nonsense, ambiguous or contradictory, the proposal asks
 * questions (and has low confidence) instead of guessing.
 */
export function designFromRequest(request: string, currentSchema: SchemaModel, options: DesignOptions = {}): Proposal {
  const max = options.maxRequestLength ?? DEFAULT_MAX_REQUEST;
  // A pasted README keeps its prose and feature lists; code, links and set-up sections go.
  const text = plainText((request ?? "").trim()).trim();
  if (!text) {
    return answer(currentSchema, options, "There is no request to act on.", [
      'What should the schema store? For example: "a task tracker with projects, tasks and comments".',
    ]);
  }
  if (text.length > max) {
    return answer(currentSchema, options, `The request is ${text.length} characters long; the limit is ${max}.`, [
      "Could you split it into smaller requests, one area of the app at a time?",
    ]);
  }
  // "write me a poem about cats" is not a schema request: no "cats" table (the chat's front door says more).
  if (classifyIntent(text, currentSchema).intent === "offtopic")
    return answer(currentSchema, options, "That is not about the schema, so nothing changes.", []);
  // A change of the schema's own tables is read as a whole message first (`changes/reader.ts`: bullets and
  // headings, the table said once for the sentences after it, context and reasons set aside) and applied in the
  // grammar's canonical words; what it cannot read stays as written.
  const change = currentSchema.tables.length > 0 && classifyIntent(text, currentSchema).intent === "change";
  // "don't index members by email", "no index on email please": a message that only refuses changes nothing.
  if (change && refusesOnly(text))
    return answer(currentSchema, options, "Nothing changes: the request only says what not to do.", []);
  // "index books by isbn and don't index isbn", "rename title to a and to b": asked for and against, or two ways.
  const torn = change ? (selfRefusal(text, currentSchema) ?? changedTwice(text, currentSchema)) : undefined;
  if (torn) return answer(currentSchema, options, "No change yet: the request contradicts itself.", [torn]);
  const asked = change ? presenceAnswer(text, currentSchema, options) : undefined;
  if (asked) return asked;
  const read = change ? (readRequest(text, currentSchema) ?? text) : text;
  const resolved = resolvePronouns(paraphraseRequest(read), currentSchema, options.history ?? []);
  const normalized = normalize(resolved);
  const vocab = new Vocabulary(currentSchema);
  const facts = emptyFacts({ domains: detectDomains(normalized) });
  const ctx: FollowUpContext = {
    schema: currentSchema,
    operations: [],
    notes: [],
    assumptions: [],
    questions: [],
    entities: [],
  };
  const designClauses: string[][] = [];
  for (const raw of resolved.split(/[.!?;]+(?=\s|$)|\n+/)) {
    // Constraints and search wishes of a design ("no join tables", "semantic search over notes") come out first.
    // A change command on tables that exist ("rename text to body in embeddings") is not a design wish.
    const rest = isChangeCommand(raw.trim(), currentSchema)
      ? raw.trim()
      : takeDirectives(raw.trim(), currentSchema, facts.directives);
    if (!rest) continue;
    designClauses.push(...clauses(normalize(applyFollowUp(rest, ctx))));
  }
  for (const e of ctx.entities) {
    vocab.add(e);
    if (!facts.explicit.includes(e)) facts.explicit.push(e);
  }
  for (const c of designClauses) discoverNouns(c, vocab);
  // Things named in passing ("appointment booking", "start a conversation") are tables of the design too.
  const subjects = new Set<string>();
  const harvested = harvestDesign(designClauses, vocab, currentSchema.tables.length > 0, subjects);
  for (const c of designClauses) extractClause(c, vocab, facts);
  facts.heads = headNouns(designClauses, vocab);
  // A noun harvested once in passing (a word of a list, a heading), with nothing of its own (no attribute, relation
  // or index) and not a table real apps commonly keep, is not a table; a feature's subject ("opportunity feed") is.
  const said = ` ${designClauses.map((c) => c.join(" ")).join(" , ")} `.toLowerCase();
  for (const e of harvested)
    if (!facts.explicit.includes(e) && (subjects.has(e) || ownsSomething(facts, e, said))) facts.explicit.push(e);
  const built = buildDesign(ctx.schema, facts);
  // Values the user listed keep their words, on the table the sentence names (never template values instead).
  const owned = applyPossessives(text, built.operations);
  const listed = applyListedValues(text, owned.operations);
  // A change that both removes something and changes it asks which one was meant.
  const conflict = conflictingChanges(currentSchema, [...ctx.operations, ...listed.operations]);
  if (conflict) return answer(currentSchema, options, "No change yet: the request contradicts itself.", [conflict]);
  // Operations of one design never contradict each other: repeats are merged, what still conflicts is left out.
  const consistent = consistentOperations(currentSchema, [...ctx.operations, ...listed.operations]);
  const operations = consistent.operations;
  const questions = [...ctx.questions, ...built.questions];
  const assumptions = [...ctx.assumptions, ...built.assumptions, ...owned.assumptions, ...listed.assumptions];
  if (built.fromDomain.length) {
    assumptions.unshift(
      `Read this as a ${facts.domains[0].name} app and included its usual tables: ${built.fromDomain.join(", ")}.`,
    );
  }
  const notes = [
    ...ctx.notes,
    ...built.notes,
    ...consistent.dropped.map((d) => `Left out one step that conflicted with the rest of the design: ${d}`),
  ];
  const vague = vagueQuestion(text);
  if (operations.length === 0 && questions.length === 0 && notes.length === 0) {
    return answer(currentSchema, options, "I could not find tables, fields or changes in this request.", [
      clarifyChange(text, currentSchema) ??
        (change ? whichTable(text, currentSchema) : undefined) ??
        vague ??
        unreadableQuestion(text),
    ]);
  }
  // "can we add tags?", "index createdAt pls": a short change that names none of the project's tables asks which one
  // (or whether a new table is meant) instead of creating a table from a word.
  const unnamed =
    change && operations.some((o) => o.op === "createTable") ? whichTable(text, currentSchema) : undefined;
  if (unnamed)
    return answer(currentSchema, options, "No change yet: the request names none of your tables.", [unnamed]);
  // "an app to track stuff for my gym": a guess from the kind of app, but the unclear words get a question.
  if (vague && built.fromDomain.length) questions.push(vague);
  const confidence = questions.length ? 0.3 : built.fromDomain.length ? 0.6 : 0.85;
  return finalizeProposal(
    currentSchema,
    {
      operations,
      explanation:
        notes.join(" ") ||
        (questions.length ? "No change yet: I need an answer to the question below first." : "No change."),
      assumptions: [...new Set(assumptions)],
      questions,
      confidence,
      source: "designer",
    },
    options,
  );
}

/**
 * "add a status to it", "make them searchable": "it"/"them" is the table the previous request named last.
 * Without history or a named table the pronoun stays, and the request is read as it is.
 */
function resolvePronouns(text: string, schema: SchemaModel, history: string[]): string {
  if (!/\b(it|them)\b/i.test(text)) return text;
  for (const earlier of [...history].reverse()) {
    const keys = words(earlier).map((w) => nameKey(w));
    const named = schema.tables.filter((t) => keys.includes(nameKey(t.name)));
    if (named.length) {
      const last = named.sort((a, b) => keys.lastIndexOf(nameKey(a.name)) - keys.lastIndexOf(nameKey(b.name))).at(-1);
      if (last) return text.replace(/\b(it|them)\b/gi, last.name);
    }
  }
  return text;
}

/**
 * The question for a short change that names no table of the schema (nor says "table"): which table it is about,
 * listing them. Undefined when the message names one, or is long enough to be a design of its own.
 */
function whichTable(text: string, schema: SchemaModel): string | undefined {
  if (mentionsTable(text, schema) || /\b(?:tables?|collections?|app|feature|module|section)\b/i.test(text))
    return undefined;
  if (text.split(/\s+/).length > 12) return undefined;
  const names = schema.tables.map((t) => `"${t.name}"`);
  const shown = names.length > 12 ? `${names.slice(0, 12).join(", ")}, …` : names.join(", ");
  return `Which table is "${text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text}" about? It names none of yours: ${shown}. Or should it be a new table?`;
}

/** "does tasks have a title field?": yes ("already"), or no with an offer; never an operation unasked. */
function presenceAnswer(text: string, schema: SchemaModel, options: DesignOptions): Proposal | undefined {
  const p = presenceQuestion(text, schema);
  if (!p) return undefined;
  const { table, field, asked } = p;
  if (field)
    return finalizeProposal(
      schema,
      {
        operations: [],
        explanation: `Yes: "${table.name}.${field.name}" already exists (${field.optional ? "optional " : ""}${validatorToCode(field.validator)}).`,
        questions: [],
        confidence: 0.9,
        source: "designer",
      },
      options,
    );
  return answer(schema, options, `No: "${table.name}" has no field for "${asked}". Nothing changes.`, [
    `Should "${table.name}" get one? Say its type, for example "add ${asked} (string) to ${table.name}".`,
  ]);
}

function answer(schema: SchemaModel, options: DesignOptions, explanation: string, questions: string[]): Proposal {
  return finalizeProposal(
    schema,
    { operations: [], explanation, questions, confidence: 0.1, source: "designer" },
    options,
  );
}

/** Applies operations to a schema, throwing on failure: for tests and callers that already validated them. */
export function applyOrThrow(schema: SchemaModel, operations: SchemaOperation[]): SchemaModel {
  const r = applyOperations(schema, operations);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join(" "));
  return r.schema;
}

/**
 * The request says more than the entity's name once (names it again, gives it a field, a link or an index), or real
 * apps commonly keep a table of that name (learned.json).
 */
function ownsSomething(facts: Facts, entity: string, said: string): boolean {
  if (learnedEntity(entity)) return true;
  const forms = new Set([entity, pluralPhrase(entity)]);
  let times = 0;
  for (const f of forms) times += said.split(` ${f} `).length - 1;
  if (times > 1) return true;
  return (
    facts.attributes.some((a) => a.entity === entity) ||
    facts.relations.some((r) => r.child === entity || r.parent === entity) ||
    facts.manyToMany.some(([a, b]) => a === entity || b === entity) ||
    facts.indexes.some((i) => i.entity === entity) ||
    facts.roles.some((r) => r.entity === entity || r.target === entity)
  );
}
