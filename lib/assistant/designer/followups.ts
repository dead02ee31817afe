/**
 * Follow-up edits on an existing schema: rename, remove, optional/required, type changes, soft delete,
 * timestamps, search, ownership and indexes. Each recogniser is one entry of FOLLOW_UPS; a sentence that is not
 * an edit (or an "add X to Y" that is really design) is handed back, rewritten, for design extraction.
 */
import { findField, referencedTables, sameValidator, type SchemaModel, type Table } from "../../schema/model";
import { tableNameError, type SchemaOperation } from "../../schema/operations";
import { addIndexOn, flag, owner, search, softDelete, timestamps, unique } from "./features";
import { knowledgeOf } from "./lexicon";
import { camel, singularPhrase, tableName, words } from "./names";
import { scopePrefix, scopeSuffix, splitCommands } from "../changes/split";
import { editEnumValues, setEnumValues } from "../changes/enums";
import { addEnumField, addFieldOfType, addRelation, askIndexFields } from "../changes/new-fields";
import { paraphrase } from "../changes/paraphrase";
import { keptThenChanged, tidy } from "../changes/reader";
import { mergeTables, splitTable } from "../changes/split-table";
import { mentionsTable } from "../intent/classify";
import { indexForQuery, QUERY_VERBS, vectorIndex } from "../changes/query-index";
import { alreadyThere, typedField } from "../changes/typed-field";
import { validatorFromWords } from "../changes/validator-words";
import {
  apply,
  FIELD_WORDS,
  TABLE_WORDS,
  locateField,
  pluralWords,
  resolveField,
  resolveFieldLoose,
  resolveTable,
  resolveTableLoose,
  type FollowUpContext,
} from "./resolve";

export type { FollowUpContext } from "./resolve";
export { resolveTable } from "./resolve";

type Handler = (m: RegExpExecArray, ctx: FollowUpContext) => string | undefined | void | typeof DECLINE;
interface FollowUp {
  pattern: RegExp;
  handle: Handler;
}

/** Ordered: the first matching pattern handles the sentence. */
const FOLLOW_UPS: FollowUp[] = [
  {
    pattern:
      /^(?:please\s+)?(?:add|create|make|give me)\s+(?:a\s+|an\s+|another\s+|new\s+|some\s+)*(?:table|field|column|index|relation(?:ship)?|link|collection)s?$/i,
    handle: (m, ctx) =>
      void ctx.questions.push(
        /table|collection/i.test(m[0])
          ? "What should the new table be called, and what should it store?"
          : `Which table is it for${tableList(ctx)}, and what should it be called?`,
      ),
  },
  {
    pattern:
      /^(?:please\s+)?make\s+(?:the\s+)?(.+?)\s+(?:both\s+)?(?:(?:optional|nullable)\s+(?:and|but)\s+(?:also\s+)?(?:required|mandatory)|(?:required|mandatory)\s+(?:and|but)\s+(?:also\s+)?(?:optional|nullable))$/i,
    handle: (m, ctx) => void ctx.questions.push(`Should "${m[1]}" be optional or required? The request asks for both.`),
  },
  {
    pattern:
      /^(?:please\s+)?(?:remove|delete|drop|rename|change)\s+(?:the\s+|a\s+|that\s+|this\s+)?(?:field|column|table|it|that|this|one|thing)$/i,
    handle: (m, ctx) =>
      void ctx.questions.push(
        `Which ${/table/i.test(m[0]) ? "table" : "field"} do you mean${/table/i.test(m[0]) ? tableList(ctx) : ""}? Name it, e.g. "${m[0].split(/\s+/)[0].toLowerCase()} tasks.dueDate".`,
      ),
  },
  // Self-contradictions get a question naming what they contradict.
  {
    pattern:
      /^(.*?)\b(?:mandatory|required|always\s+set)\s+(?:and|but)\s+(?:also\s+)?(?:never\s+(?:be\s+)?set|not\s+set|left\s+empty|empty|blank|missing|unset|optional)\b/i,
    handle: (m, ctx) => contradiction(m[1], ctx),
  },
  {
    pattern:
      /^(?:please\s+)?rename\s+(.+?)\s+to\s+["'`]?(\w+)["'`]?\s*,?\s+but\s+keep\s+(?:it|them|the\s+name|its\s+name)\s*(?:called|named|as)?\s*["'`]?(\w+)?["'`]?$/i,
    handle: (m, ctx) =>
      void ctx.questions.push(`Should "${m[1]}" be renamed to "${m[2]}", or keep its name? The request asks for both.`),
  },
  // New fields whose kind is spelled out, and "give X a Y".
  {
    pattern: /^(?:please\s+)?give\s+(?:every\s+|each\s+|all\s+|the\s+)?(.+?)\s+(?:an?\s+)(\w+(?:\s\w+)?)\s*\((.+)\)$/i,
    handle: (m, ctx) => (addEnumField(m[1], m[2], m[3], ctx) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(?:please\s+)?(?:add|give)\s+(?:an?\s+)?(\w+(?:\s\w+)?)\s+(?:to|on|for)\s+(?:every\s+|each\s+|all\s+|the\s+)?(.+?)\s+with\s+(?:the\s+)?(?:possible\s+)?(?:values?|options?|states?|choices?)\s*:?\s*(.+)$/i,
    handle: (m, ctx) => (addEnumField(m[2], m[1], m[3], ctx) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(?:each|every|an?|the)?\s*(.+?)\s+(?:has|have|gets?)\s+(?:an?\s+)(\w+(?:\s\w+)?)\s+(?:which|that)\s+(?:can\s+be|is|are|may\s+be)\s+(?:either\s+|one\s+of\s+)?(.+)$/i,
    handle: (m, ctx) => (addEnumField(m[1], m[2], m[3], ctx) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(?:please\s+)?track\s+(?:the\s+)?(\w+(?:\s\w+)?)\s+(?:of|on|for)\s+(?:the\s+|each\s+|every\s+)?(.+?)\s*[,;:—–]\s*(?:it'?s|it\s+is|they'?re|they\s+are|values?\s+(?:are|is))\s+(?:either\s+|one\s+of\s+)?(.+)$/i,
    handle: (m, ctx) => (addEnumField(m[2], m[1], m[3], ctx) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(?:please\s+)?give\s+(?:every\s+|each\s+|all\s+|the\s+)?(.+?)\s+(?:an?\s+)(\w+(?:\s\w+)?)(?:\s*[,;:—–]\s*(?:it'?s|it\s+is|as|of\s+type)\s+(?:an?\s+)?(.+))?$/i,
    handle: (m, ctx) => givenField(m[1], m[2], m[3], ctx),
  },
  {
    pattern:
      /^(?:please\s+)?add\s+(?:an?\s+|the\s+)?(.+?)\s+(?:to|on)\s+(?:the\s+|each\s+|every\s+|all\s+)?(.+?)\s+as\s+(?:an?\s+)?(.+)$/i,
    handle: (m, ctx) => givenField(m[2], m[1], m[3], ctx),
  },
  {
    pattern: /^(?:please\s+)?(?:add|create)\s+(?:an?\s+)?index\s+(?:to|on|for)\s+(?:the\s+)?([\w ]+?)(?:\s+table)?$/i,
    handle: (m, ctx) => (askIndexFields(m[1], ctx) ? undefined : DECLINE),
  },
  // Two tables made one.
  {
    pattern:
      /^(?:please\s+)?merge\s+(?:the\s+)?(.+?)\s+(?:table\s+)?into\s+(?:the\s+)?(.+?)(?:\s+table)?(?:\s*(?:[:,;—–]|\s-\s).*)?$/i,
    handle: (m, ctx) => (mergeTables(m[1], m[2], ctx) ? undefined : DECLINE),
  },
  // Fields moved into a table of their own.
  {
    pattern:
      /^(?:please\s+)?(?:separate|split|move|extract|pull)\s+(?:out\s+)?(.+?)\s+(?:from|of|out\s+of)\s+(?:the\s+)?([\w ]+?)\s*(?::|,|\binto\b|\bto\b)\s*(?:a\s+|the\s+)?(?:new\s+table\s+|their\s+own\s+|its\s+own\s+|a\s+new\s+|new\s+)?["'`]?(\w+)["'`]?(?:\s+table)?(?:\s*,?\s*(?:that|which|linked|referencing|pointing|to).*)?$/i,
    handle: (m, ctx) => (splitTable(m[1], m[2], m[3], ctx) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(.+?)\s+should\s+(?:live|be|go|move)\s+(?:in|into|to)\s+(?:a|an|the|their\s+own|its\s+own)\s+(?:new\s+)?["'`]?(\w+)["'`]?\s+table\s*,?\s+(?:referencing|linked\s+to|that\s+references|pointing\s+to|with\s+a\s+reference\s+to)\s+(?:the\s+)?(.+?)(?:\s+instead\b.*|\s*[,.;].*)?$/i,
    handle: (m, ctx) => (splitTable(m[1], m[3], m[2], ctx) ? undefined : DECLINE),
  },
  {
    pattern: /^(?:please\s+)?(?:index|add\s+indexes\s+to)\s+(?:the\s+)?(\w+)(?:\s+table)?$/i,
    handle: (m, ctx) => (askIndexFields(m[1], ctx) ? undefined : DECLINE),
  },
  // Values of an existing union field (declines when the target is not one, so "add X to Y" stays an add).
  {
    pattern:
      /^(?:please\s+)?(?:add|include|allow|support|accept)\s+(.+?)\s+(?:as\s+(?:an?\s+|another\s+|one\s+more\s+)?(?:new\s+|possible\s+|valid\s+|allowed\s+|extra\s+)?|(?:to|into|in)\s+)(?:the\s+)?(?:list\s+of\s+)?(.+)$/i,
    handle: (m, ctx) => (editEnumValues("add", m[1], m[2], ctx) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(?:please\s+)?(?:remove|delete|drop|disallow|get rid of)\s+(?:the\s+)?(.+?)\s+(?:from|in|of|as)\s+(?:an?\s+|the\s+)?(?:list\s+of\s+)?(.+)$/i,
    handle: (m, ctx) => (editEnumValues("remove", m[1], m[2], ctx) ? undefined : DECLINE),
  },
  {
    pattern: /^(?:the\s+)?(.+?)\s+(?:can|could|may|should|must|might)\s+also\s+be\s+(.+)$/i,
    handle: (m, ctx) => (editEnumValues("add", m[2], m[1], ctx) ? undefined : DECLINE),
  },
  {
    pattern: /^(?:the\s+)?(.+?)\s+(?:can|could|may|should)\s+(?:no\s+longer|not|never)\s+be\s+(.+)$/i,
    handle: (m, ctx) => (editEnumValues("remove", m[2], m[1], ctx) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(?:please\s+)?(?:set|change|make|update)\s+(?:the\s+)?(.+?)\s+(?:to|be)\s+(?:one\s+of\s+)?(.+?(?:,|\bor\b|\band\b).+)$/i,
    handle: (m, ctx) => (setEnumValues(m[1], m[2], ctx) ? undefined : DECLINE),
  },
  // Indexes from read patterns, vector indexes, typed fields.
  {
    pattern: new RegExp(
      String.raw`\b(${QUERY_VERBS})\s+(?:all\s+|the\s+|my\s+|our\s+|their\s+)?(.+?)\s+(?:by|using|with|on|per)\s+(?:their\s+|its\s+|the\s+)?(.+?)$`,
      "i",
    ),
    handle: (m, ctx) => (indexForQuery(m[2], m[3], ctx, /^(?:sort|order)/i.test(m[1])) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(?:the\s+|our\s+|my\s+)?(.+?)\s+(?:are|is|get|gets)\s+(?:often\s+|usually\s+|mostly\s+|always\s+|frequently\s+|typically\s+)?(?:looked\s+up|queried|filtered|fetched|sorted|listed|grouped|ordered|loaded|read|retrieved)\s+(?:by|on|per)\s+(.+)$/i,
    handle: (m, ctx) => (indexForQuery(m[1], m[2], ctx, /\b(?:sorted|ordered)\b/i.test(m[0])) ? undefined : DECLINE),
  },
  {
    pattern:
      /\b(?:vector\s+(?:index|search)|semantic\s+search|similarity\s+search|embeddings?(?:\s+(?:index|search))?|nearest[\s-]neighbou?r)\b(?:.*?\b(?:on|to|for|over|of|in)\s+(?:the\s+|all\s+)?([\w']+)(?:\s+table)?)?/i,
    handle: (m, ctx) => (vectorIndex(m[1] ?? "", m.input, ctx) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(?:please\s+)?(?:add|create|include|put)\s+(.+)\s+(?:to|on|for|in|into)\s+(?:the\s+|each\s+|every\s+|all\s+)?(.+?)$/i,
    handle: (m, ctx) => addTypedAt(m.input, ctx),
  },
  { pattern: /^(?:please\s+)?(?:add|create|include)\s+(.+)$/i, handle: (m, ctx) => addTyped(m[1], "", ctx) },
  {
    pattern:
      /^(?:the\s+|each\s+|every\s+|all\s+)?(.+?)\s+(?:need|needs|should\s+have|must\s+have|should\s+get|get|gets)\s+(?:an?\s+)?(.+)$/i,
    handle: (m, ctx) => needsTypedField(m[1], m[2], ctx),
  },
  // "tasks must have a due date": an existing optional field becomes required.
  {
    pattern:
      /^(?:the\s+|each\s+|every\s+|all\s+)?(.+?)\s+(?:must|should|need to|needs to|has to|have to)\s+(?:always\s+)?have\s+(?:an?\s+|the\s+)?(.+)$/i,
    handle: (m, ctx) => requireExisting(m[1], m[2], ctx),
  },
  {
    pattern: /^(?:please\s+)?rename\s+(?:the\s+)?(.+?)\s+(?:to|into|as)\s+(?:be\s+)?["'`]?([\w ]+?)["'`]?$/i,
    handle: rename,
  },
  {
    pattern: /^(?:please\s+)?rename\s+(?:the\s+)?([\w.]+)(?:\s+(?:field|column|table))?$/i,
    handle: (m, ctx) => void ctx.questions.push(`What should "${m[1]}" be called${renameWhere(m[1], ctx)}?`),
  },
  {
    pattern:
      /^(?:please\s+)?(?:remove|delete|drop|get rid of)\s+(?:the\s+)?(.+?)\s+(?:from|on|in|of)\s+(?:the\s+)?(.+?)$/i,
    handle: (m, ctx) => removeFrom(m[1], m[2], ctx),
  },
  {
    pattern: /^(?:please\s+)?(?:remove|delete|drop|get rid of)\s+(?:the\s+)?(.+?)$/i,
    handle: (m, ctx) => removeThing(m[1], ctx),
  },
  { pattern: /soft[\s-]?delet/i, handle: (m, ctx) => softDelete(m.input, ctx) },
  {
    pattern:
      /^(?:please\s+)?make\s+(?:the\s+)?(.+?)\s+(optional|required|mandatory|not optional|non-optional|nullable)$/i,
    handle: (m, ctx) => optionality(m[1], m[2], ctx),
  },
  {
    pattern: /^(?:the\s+)?(.+?)\s+(?:should|must|needs to|has to)\s+(?:be\s+)?(optional|required|mandatory)$/i,
    handle: (m, ctx) => optionality(m[1], m[2], ctx),
  },
  {
    pattern:
      /^(?:please\s+)?(?:change|convert|turn|make|switch)\s+(?:the\s+)?(?:type\s+of\s+)?(.+?)\s+(?:into|to|to be|from\s+\w+\s+to)\s+(?:an?\s+)?(.+)$/i,
    handle: (m, ctx) => changeType(m[1], m[2], ctx),
  },
  {
    pattern:
      /^(?:the\s+)?(.+?)\s+should\s+be\s+(?:an?\s+)?((?:number|integer|int|float|decimal|string|text|boolean|bool|date|timestamp|datetime|money|bigint|int64|list|array|reference|one of)\b.*)$/i,
    handle: (m, ctx) => changeType(m[1], m[2], ctx),
  },
  {
    pattern:
      /^(?:please\s+)?(?:make|keep|ensure|the)?\s*(?:the\s+)?(.+?)\s+(?:is\s+|are\s+|should\s+be\s+|must\s+be\s+)?unique(?:\s+(?:on|in|of|for|across)\s+(?:the\s+|all\s+)?(.+))?$/i,
    handle: (m, ctx) => unique(m[2] ? `${m[1]} on ${m[2]}` : m[1], ctx),
  },
  {
    pattern:
      /^(?:the\s+|each\s+|every\s+)?(.+?)\s+(?:can|may|should|could)\s+be\s+(\w+ed|featured|hidden|visible|private|public|archived|active|starred)$/i,
    handle: (m, ctx) => flag(m[1], m[2], ctx),
  },
  {
    pattern: /\b(?:timestamps?|updated\s?at|last\s+(?:updated|modified)|modification time|created\s?at)\b/i,
    // "index createdAt pls" where tables have a createdAt: that field, not the timestamps Convex already keeps.
    handle: (m, ctx) => (namesOwnCreatedAt(m.input, ctx) ? DECLINE : timestamps(m.input, ctx)),
  },
  { pattern: /\b(?:search(?:able)?|full[\s-]?text)\b/i, handle: (m, ctx) => search(m.input, ctx) },
  { pattern: /\bwho\s+owns\s+(?:the\s+|a\s+|an\s+)?(.+?)\??$/i, handle: (m, ctx) => owner(m[1], ctx) },
  {
    pattern:
      /^(?:please\s+)?(?:add|give)\s+(?:an?\s+)?owner(?:ship|s)?\s+(?:to|for|on)\s+(?:the\s+|each\s+|every\s+|all\s+)?(.+?)$/i,
    handle: (m, ctx) => owner(m[1], ctx),
  },
  {
    pattern: /^(?:please\s+)?(?:add|give|set|track)\s+(?:an?\s+|the\s+)?(\w+(?:\s\w+)?)\s+owners?$/i,
    handle: (m, ctx) => (resolveTable(ctx.schema, m[1]) ? owner(m[1], ctx) : m.input),
  },
  {
    pattern:
      /^(?:please\s+)?(?:make\s+)?(?:the\s+|each\s+|every\s+)?(.+?)\s+(?:should\s+|must\s+|need\s+to\s+|needs\s+to\s+)?belongs?\s+to\s+(?:an?\s+|the\s+)?(?:owner|user|person|account holder)s?$/i,
    handle: (m, ctx) => owner(m[1], ctx),
  },
  {
    pattern:
      /^(?:the\s+|each\s+|every\s+)?(.+?)\s+(?:should\s+|must\s+|need\s+to\s+|needs\s+to\s+)?(?:have|has|get)\s+(?:an?\s+)?owners?$/i,
    handle: (m, ctx) => owner(m[1], ctx),
  },
  {
    pattern: /^(?:the\s+)?(.+?)\s+(?:are|is)\s+owned\s+by\s+(?:an?\s+|the\s+)?(?:users?|owners?|people|person)$/i,
    handle: (m, ctx) => (/\busers?$/i.test(m[0]) && addRelation(m[1], "users", ctx) ? undefined : owner(m[1], ctx)),
  },
  // References between existing tables (declines for tables that do not exist yet: that is design).
  {
    pattern:
      /^(?:please\s+)?(?:make\s+|let\s+)?(?:each\s+|every\s+|an?\s+|the\s+)?(.+?)\s+(?:should\s+|must\s+)?(?:belongs?|belong)\s+to\s+(?:an?\s+|the\s+|one\s+)?(.+)$/i,
    handle: (m, ctx) => (addRelation(m[1], m[2], ctx) ? undefined : DECLINE),
  },
  {
    pattern: /^(?:each\s+|every\s+|an?\s+|the\s+)?(.+?)\s+(?:is|are)\s+owned\s+by\s+(?:an?\s+|the\s+|one\s+)?(.+)$/i,
    handle: (m, ctx) => (addRelation(m[1], m[2], ctx) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(?:each\s+|every\s+|an?\s+|the\s+)?(.+?)\s+should\s+(?:know|record|store|remember|track)\s+(?:which|what)\s+(.+?)\s+(?:it|they)\s+(?:belongs?|is\s+part\s+of|are\s+part\s+of)(?:\s+to)?$/i,
    handle: (m, ctx) => (addRelation(m[1], m[2], ctx) ? undefined : DECLINE),
  },
  {
    pattern:
      /^(?:please\s+)?(?:link|connect|relate)?\s*(?:each\s+|every\s+|an?\s+|the\s+)?(.+?)\s+(?:should\s+|must\s+|needs?\s+to\s+)?(?:reference|references|point\s+to|points\s+to|link\s+to|links\s+to|refer\s+to|refers\s+to|to)\s+(?:an?\s+|the\s+|one\s+)?(.+)$/i,
    handle: (m, ctx) => (addRelation(m[1], m[2], ctx) ? undefined : DECLINE),
  },
  {
    pattern: /^(?:please\s+)?(?:make|let)\s+(?:the\s+|each\s+|every\s+)?(.+?)\s+belong\s+to\s+(.+)$/i,
    handle: (m) => `${m[1]} belongs to ${m[2]}`,
  },
  {
    pattern: /^(?:please\s+)?(?:link|connect|relate)\s+(?:the\s+|each\s+)?(.+?)\s+(?:to|with)\s+(.+)$/i,
    handle: (m) => `${m[1]} belongs to ${m[2]}`,
  },
  {
    pattern: /^(?:please\s+)?(?:add\s+)?(?:an?\s+)?index\s+(?:on|for)\s+(?:the\s+)?(.+?)$/i,
    handle: (m, ctx) => addIndexOn(m[1], ctx),
  },
  {
    pattern: /^(?:please\s+)?index\s+(?:the\s+)?(.+?)\s+by\s+(.+)$/i,
    handle: (m, ctx) => addIndexOn(`${m[2]} on ${m[1]}`, ctx),
  },
  {
    pattern:
      /^(?:please\s+)?(?:add|create|make)\s+(?:an?\s+|the\s+|new\s+)*(.+?)\s+(?:table|collection|model|entity)s?(?:\s*(?:with|that has|having|containing|for storing|:)\s*(.+))?$/i,
    handle: (m, ctx) =>
      /\s(?:to|on|in|for|into)\s/i.test(m[1]) && resolveTable(ctx.schema, m[0].trim().split(/\s+/).pop() ?? "")
        ? DECLINE
        : newTable(m[1], m[2], ctx),
  },
  {
    pattern:
      /^(?:please\s+)?(?:add|include|put|store|track)\s+(.+)\s+(?:to|on|for|in|into)\s+(?:the\s+|each\s+|every\s+|all\s+)?(.+?)$/i,
    handle: (m, ctx) => addTo(m[1], m[2], ctx),
  },
  {
    pattern: /^(?:please\s+)?(?:add|include)\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:field|column|attribute|property))$/i,
    handle: (m, ctx) => addTo(m[1], "", ctx),
  },
  {
    pattern: /^(?:please\s+)?(?:add|include)\s+(?:an?\s+|the\s+)?([a-z][\w ]*?)$/i,
    handle: (m, ctx) => (looksLikeEntity(m[1]) ? m.input : addTo(m[1], "", ctx)),
  },
];

const TABLE_WORDS_ANY = /\s+(?:tables|collections)$/i;

/** A handler returns this when the sentence matched its pattern but is not its kind of edit: the next one tries. */
export const DECLINE = Symbol("decline");

/**
 * Handles one sentence if it is an edit. Returns the text left for design extraction ("" when fully handled), or
 * the sentence itself when it is not an edit. A sentence of several commands ("make dueDate required on tasks and
 * rename title to name") is handled command by command when every part is one.
 */
export function applyFollowUp(sentence: string, ctx: FollowUpContext): string {
  // A canonical command of several sentences ("rename loans table to a. rename a table to b"): one at a time.
  const sentences = sentence.split(/(?<=\w)\.\s+(?=[a-z])/);
  if (sentences.length > 1)
    return sentences
      .map((s) => applyFollowUp(s, ctx))
      .filter((r) => r.trim() !== "")
      .join(". ");
  const clean = sentence
    .replace(/\s+/g, " ")
    .replace(/[?!.,;:]+$/, "")
    .trim();
  // "do not delete the subtitle of books, make it required": the refused removal is no soft delete.
  const kept = keptThenChanged(tidy(clean), ctx.schema);
  if (kept) return applyFollowUp(kept, ctx);
  const text = renameList(clean);
  const prefix = scopePrefix(paraphrase(text), ctx.schema);
  // "rename members to patrons and also to readers" is read as two renames, one sentence each.
  for (const p of [prefix, scopePrefix(paraphrase(clean), ctx.schema)]) {
    const read = p.text.split(/(?<=\w)\.\s+(?=[a-z])/);
    if (read.length > 1 && !p.table) return applyFollowUp(read.join(". "), ctx);
  }
  const parts = splitCommands(prefix.text).map(paraphrase);
  const scope = prefix.table;
  if (scope) ctx.recent = scope;
  if (parts.length > 1 && parts.every((part) => isCommand(part, ctx.schema))) {
    const rest = parts
      .map((part) => handleCommand(part, ctx, scope))
      .filter((r): r is string => typeof r === "string" && r.trim() !== "");
    return rest.join(". ");
  }
  const handled = handleCommand(paraphrase(prefix.text), ctx, scope);
  return handled === undefined ? sentence : handled;
}

/** A sentence the change grammar reads as a command about tables the schema has (so no design wish is taken from it). */
export function isChangeCommand(sentence: string, schema: SchemaModel): boolean {
  if (schema.tables.length === 0) return false;
  const text = paraphrase(
    sentence
      .replace(/\s+/g, " ")
      .replace(/[?!.,;:]+$/, "")
      .trim(),
  );
  return (
    mentionsTable(text, schema) &&
    splitCommands(scopePrefix(text, schema).text).some((part) => isCommand(paraphrase(part), schema))
  );
}

function isCommand(part: string, schema: SchemaModel): boolean {
  const text = scopeSuffix(part, schema).text;
  return FOLLOW_UPS.some((f) => f.pattern.test(text));
}

/** One command: its own table scope ("… on tasks") or the sentence's; undefined when no pattern took it. */
function handleCommand(part: string, ctx: FollowUpContext, sentenceScope: Table | undefined): string | undefined {
  const suffix = scopeSuffix(part, ctx.schema);
  const scope = suffix.table ?? sentenceScope;
  const text = suffix.text;
  ctx.scope = scope;
  if (scope) ctx.recent = scope;
  try {
    for (const f of FOLLOW_UPS) {
      const m = f.pattern.exec(text);
      if (!m) continue;
      const rest = f.handle(m, ctx);
      if (rest === DECLINE) continue;
      return typeof rest === "string" ? rest : "";
    }
    return undefined;
  } finally {
    ctx.scope = undefined;
  }
}

function rename(m: RegExpExecArray, ctx: FollowUpContext): void {
  const from = m[1].trim();
  const to = m[2].trim();
  if (alreadyRenamed(from, to, ctx)) return;
  const same = resolveTable(ctx.schema, from);
  if (same && !ctx.scope && same === resolveTable(ctx.schema, to) && same.name === camel(to)) {
    ctx.notes.push(`Table "${same.name}" is already called that.`);
    return;
  }
  const tableOnly = !ctx.scope && !/\.|\s(?:on|in|of|from)\s/i.test(from) && resolveTable(ctx.schema, from);
  if (tableOnly) {
    const wasPlural = singularPhrase(tableOnly.name) !== words(tableOnly.name).join(" ");
    const name = wasPlural && singularPhrase(to) === words(to).join(" ") ? tableName(to) : camel(to);
    apply(
      ctx,
      [{ op: "renameTable", from: tableOnly.name, to: name }],
      `Renames table "${tableOnly.name}" to "${name}"; references to it follow.`,
    );
    return;
  }
  const ref = locateField(from, ctx, "rename");
  if (!ref) return;
  const name = camel(to);
  if (
    apply(
      ctx,
      [{ op: "renameField", table: ref.table.name, from: ref.field.name, to: name }],
      `Renames "${ref.table.name}.${ref.field.name}" to "${name}".`,
    )
  )
    ctx.lastRef = { table: ref.table.name, field: name };
}

/** Operations that remove a field together with the indexes that use it. */
function removeFieldOps(table: Table, field: string): SchemaOperation[] {
  const uses = [
    ...table.indexes.filter((i) => i.fields.includes(field)),
    ...table.searchIndexes.filter((i) => i.searchField === field || i.filterFields.includes(field)),
    ...table.vectorIndexes.filter((i) => i.vectorField === field || i.filterFields.includes(field)),
  ];
  return [
    ...uses.map((i): SchemaOperation => ({ op: "removeIndex", table: table.name, name: i.name })),
    { op: "removeField", table: table.name, field },
  ];
}

/** "the by_assignee index", "index by_assignee": an index name used by exactly one table. */
function indexNamed(schema: SchemaModel, what: string): { table: string; index: string } | undefined {
  const name = what
    .replace(/^(?:the\s+)?(?:(?:search|vector)\s+)?index\s+/i, "")
    .replace(/\s+(?:(?:search|vector)\s+)?index$/i, "")
    .trim();
  const hits = schema.tables.flatMap((t) =>
    [...t.indexes, ...t.searchIndexes, ...t.vectorIndexes]
      .filter((i) => i.name === name)
      .map((i) => ({ table: t.name, index: i.name })),
  );
  return hits.length === 1 ? hits[0] : undefined;
}

function removeFrom(what: string, from: string, ctx: FollowUpContext): void {
  // "remove priority and status from tasks": each of the list.
  const list = what.split(/\s*(?:,\s*(?:and\s+)?|\band\b)\s*/i).filter(Boolean);
  if (list.length > 1) {
    for (const one of list) removeFrom(one, from, ctx);
    return;
  }
  const table = resolveTable(ctx.schema, from) ?? resolveTableLoose(ctx.schema, from);
  if (!table) {
    ctx.questions.push(
      `There is no table "${from}" (already removed?). Which table should "${what}" be removed from${tableList(ctx)}?`,
    );
    return;
  }
  const all = [...table.indexes, ...table.searchIndexes, ...table.vectorIndexes];
  let index = all.find((i) => i.name === what.replace(/\s+index$/i, "").replace(/^index\s+/i, ""));
  // "remove the search index on tasks": the one index of that kind, or a question naming them.
  const kind = /^(?:the\s+|its\s+)?(?:(search|full[\s-]?text|text|vector|similarity)\s+)?index(?:es)?$/i.exec(
    what.trim(),
  );
  if (!index && kind) {
    const pool = !kind[1] ? all : /vector|similarity/i.test(kind[1]) ? table.vectorIndexes : table.searchIndexes;
    if (pool.length !== 1) {
      ctx.questions.push(
        pool.length
          ? `Which index of "${table.name}" should go: ${pool.map((i) => `"${i.name}"`).join(", ")}?`
          : `"${table.name}" has no ${kind[1] ? `${kind[1]} ` : ""}index.`,
      );
      return;
    }
    index = pool[0];
  }
  if (index) {
    apply(
      ctx,
      [{ op: "removeIndex", table: table.name, name: index.name }],
      `Removes index "${table.name}.${index.name}".`,
    );
    return;
  }
  const field = resolveField(table, what);
  if (!field) {
    ctx.questions.push(
      `Table "${table.name}" has no field "${what}" (already removed?). Which field did you mean: ${table.fields.map((f) => `"${f.name}"`).join(", ")}?`,
    );
    return;
  }
  apply(
    ctx,
    removeFieldOps(table, field.name),
    `Removes field "${table.name}.${field.name}" and the indexes that use it.`,
  );
}

function removeThing(what: string, ctx: FollowUpContext): void {
  if (ctx.scope) return removeFrom(what, ctx.scope.name, ctx);
  // "drop the subtasks and attachments tables": several tables, when every one of them exists.
  const tables = what
    .replace(TABLE_WORDS_ANY, "")
    .split(/\s*(?:,\s*(?:and\s+)?|\band\b)\s*/i)
    .filter(Boolean);
  if (tables.length > 1 && tables.every((t) => resolveTable(ctx.schema, t))) {
    for (const t of tables) removeThing(`${t} table`, ctx);
    return;
  }
  const named = indexNamed(ctx.schema, what);
  if (named) {
    apply(
      ctx,
      [{ op: "removeIndex", table: named.table, name: named.index }],
      `Removes index "${named.table}.${named.index}".`,
    );
    return;
  }
  const table = resolveTable(ctx.schema, what);
  if (table && !/\.|\s(?:field|column)$/i.test(what)) {
    const ops: SchemaOperation[] = [];
    const refs: string[] = [];
    for (const other of ctx.schema.tables) {
      if (other === table) continue;
      for (const f of other.fields) {
        // Any reference, also inside arrays, unions and objects ("labelIds: v.array(v.id("labels"))").
        if (referencedTables(f.validator).includes(table.name)) {
          ops.push(...removeFieldOps(other, f.name));
          refs.push(`"${other.name}.${f.name}"`);
        }
      }
    }
    ops.push({ op: "dropTable", table: table.name });
    const also = refs.length ? ` It also removes the references to it: ${refs.join(", ")}.` : "";
    apply(ctx, ops, `Drops table "${table.name}".${also}`);
    return;
  }
  if (/\s(?:table|collection)s?$/i.test(what.trim()) && !resolveTableLoose(ctx.schema, what)) {
    ctx.questions.push(
      `There is no table "${what.replace(TABLE_WORDS, "").trim()}" (already dropped?). Which table did you mean${tableList(ctx)}?`,
    );
    return;
  }
  const ref = locateField(what, ctx, "remove");
  if (ref)
    apply(
      ctx,
      removeFieldOps(ref.table, ref.field.name),
      `Removes field "${ref.table.name}.${ref.field.name}" and the indexes that use it.`,
    );
}

function optionality(what: string, word: string, ctx: FollowUpContext): void {
  // "make title and description required on tasks": each field of the list.
  const list = what.split(/\s*(?:,\s*(?:and\s+)?|\band\b)\s*/i).filter(Boolean);
  if (list.length > 1 && !/\s(?:on|in|of|from|for)\s/i.test(what)) {
    for (const one of list) optionality(one, word, ctx);
    return;
  }
  const ref = locateField(what, ctx, `make ${word}`);
  if (!ref) return;
  const optional = /optional|nullable/i.test(word) && !/not|non/i.test(word);
  if (ref.field.optional === optional) {
    ctx.notes.push(`"${ref.table.name}.${ref.field.name}" is already ${optional ? "optional" : "required"}.`);
    return;
  }
  apply(
    ctx,
    [{ op: "setOptional", table: ref.table.name, field: ref.field.name, optional }],
    `Makes "${ref.table.name}.${ref.field.name}" ${optional ? "optional" : "required"}.`,
  );
}

function changeType(what: string, type: string, ctx: FollowUpContext): string | void {
  const parsed = validatorFromWords(type, ctx.schema);
  if (!parsed) {
    // "make tasks belong to projects" and friends are not type changes.
    if (/\bbelongs?\b/.test(what + " " + type)) return `${what} ${type}`;
    ctx.questions.push(
      `What type should "${what}" become? I understand number, string, boolean, date, money, a list of X, a reference to a table, or "one of a, b, c".`,
    );
    return;
  }
  const ref = locateField(what, ctx, "change");
  if (!ref) return;
  if (sameValidator(ref.field.validator, parsed.validator)) {
    ctx.notes.push(`"${ref.table.name}.${ref.field.name}" already has that type.`);
    return;
  }
  if (parsed.note) ctx.assumptions.push(parsed.note);
  apply(
    ctx,
    [{ op: "changeFieldType", table: ref.table.name, field: ref.field.name, validator: parsed.validator }],
    `Changes the type of "${ref.table.name}.${ref.field.name}".`,
  );
}

function addTo(items: string, target: string, ctx: FollowUpContext): string | void {
  const table = target ? (resolveTable(ctx.schema, target) ?? resolveTableLoose(ctx.schema, target)) : ctx.scope;
  // "add a rejectionReason field to employeeRequests" when it has one: say so instead of designing it again.
  const one = items
    .replace(FIELD_WORDS, "")
    .replace(/^(?:an?|the|new)\s+/i, "")
    .trim();
  const existing = table && !/,|\band\b/i.test(one) && (findField(table, camel(one)) ?? resolveField(table, one));
  if (table && existing) {
    ctx.notes.push(`"${table.name}.${existing.name}" already exists.`);
    return;
  }
  if (table) return `${table.name} have ${items.replace(FIELD_WORDS, "")}`;
  if (target) return `${target} have ${items.replace(FIELD_WORDS, "")}`;
  if (ctx.schema.tables.length === 1) return `${ctx.schema.tables[0].name} have ${items}`;
  ctx.questions.push(
    `Which table should get "${items.replace(/^(?:an?|the)\s+/i, "")}"${ctx.schema.tables.length ? `: ${ctx.schema.tables.map((t) => `"${t.name}"`).join(", ")}` : ""}?`,
  );
}

/** "comments" or "an invoice" (known entity) is a new table; "a status" is an attribute. */
function looksLikeEntity(phrase: string): boolean {
  const ws = words(phrase);
  const single = singularPhrase(phrase);
  return single !== ws.join(" ") || knowledgeOf(single) !== undefined;
}

function newTable(name: string, rest: string | undefined, ctx: FollowUpContext): string {
  const entity = singularPhrase(name.replace(/^(?:an?|the|new)\s+/i, ""));
  if (resolveTable(ctx.schema, entity)) {
    ctx.notes.push(`Table "${resolveTable(ctx.schema, entity)?.name}" already exists.`);
    return rest ? `${pluralWords(entity)} have ${rest}` : "";
  }
  // "add 123 table": ask for a usable name rather than propose one Convex would refuse.
  const bad = tableNameError(tableName(entity));
  if (bad) {
    ctx.questions.push(`${bad} What should the new table be called?`);
    return "";
  }
  ctx.entities.push(entity);
  return rest ? `${pluralWords(entity)} have ${rest}` : pluralWords(entity);
}
export { validatorFromWords } from "../changes/validator-words";

/** Asked again for a rename that is done: the old name is gone and the new one is there. */
function alreadyRenamed(from: string, to: string, ctx: FollowUpContext): boolean {
  if (!ctx.scope && !resolveTable(ctx.schema, from) && resolveTable(ctx.schema, to) && !/\s/.test(from.trim())) {
    const hasField = ctx.schema.tables.some((t) => resolveField(t, from));
    if (!hasField) {
      ctx.notes.push(
        `The schema already has table "${resolveTable(ctx.schema, to)?.name}" and no "${from}": it looks renamed already.`,
      );
      return true;
    }
  }
  const tables = ctx.scope ? [ctx.scope] : ctx.schema.tables;
  const target = camel(to);
  const done = tables.filter(
    (t) => t.fields.some((f) => f.name === target) && !resolveField(t, from.replace(/\s+(?:on|in|of|from)\s+.+$/i, "")),
  );
  const named = /\s(?:on|in|of|from)\s+(?:the\s+)?(.+)$/i.exec(from)?.[1];
  const scoped = named ? done.filter((t) => t === resolveTable(ctx.schema, named)) : done;
  if (scoped.length === 1 && (ctx.scope || named || !ctx.schema.tables.some((t) => resolveField(t, from)))) {
    ctx.notes.push(
      `"${scoped[0].name}" already has "${target}" and no "${from.replace(/\s+(?:on|in|of|from)\s+.+$/i, "")}": it looks renamed already.`,
    );
    return true;
  }
  return false;
}

/** "add an estimate (number) to tasks": declines (for design extraction) when no type is named. */
function addTyped(items: string, target: string, ctx: FollowUpContext): string | void | typeof DECLINE {
  const typed = typedField(items, ctx.schema);
  if (!typed) return DECLINE;
  const table = target
    ? resolveTableLoose(ctx.schema, target)
    : (ctx.scope ?? (ctx.schema.tables.length === 1 ? ctx.schema.tables[0] : undefined));
  if (!table) {
    if (target) return DECLINE;
    ctx.questions.push(
      `Which table should get "${typed.field.name}"${ctx.schema.tables.length ? `: ${ctx.schema.tables.map((t) => `"${t.name}"`).join(", ")}` : ""}?`,
    );
    return;
  }
  ctx.recent = table;
  const there = alreadyThere(table, typed.field);
  if (there === "same") {
    ctx.notes.push(`"${table.name}.${typed.field.name}" already exists with that type.`);
    return;
  }
  if (there === "different") {
    ctx.questions.push(
      `"${table.name}.${typed.field.name}" already exists with another type. Should I change its type instead ("change ${table.name}.${typed.field.name} to …")?`,
    );
    return;
  }
  if (typed.note) ctx.assumptions.push(typed.note);
  const ops: SchemaOperation[] = [{ op: "addField", table: table.name, field: typed.field }];
  if (typed.field.validator.kind === "id")
    ops.push({
      op: "addIndex",
      table: table.name,
      index: { name: `by_${typed.field.name}`, fields: [typed.field.name] },
    });
  apply(
    ctx,
    ops,
    `Adds ${typed.field.optional ? "optional " : ""}"${table.name}.${typed.field.name}"${ops.length > 1 ? ` with index "by_${typed.field.name}"` : ""}.`,
  );
}

/** "tasks must have a due date": makes an existing optional field required; otherwise design extraction adds it. */
function requireExisting(
  tablePhrase: string,
  fieldPhrase: string,
  ctx: FollowUpContext,
): string | void | typeof DECLINE {
  const table = resolveTableLoose(ctx.schema, tablePhrase);
  const field = table && resolveFieldLoose(table, fieldPhrase);
  if (!table || !field) return DECLINE;
  ctx.recent = table;
  if (!field.optional) {
    ctx.notes.push(`"${table.name}.${field.name}" is already required.`);
    return;
  }
  apply(
    ctx,
    [{ op: "setOptional", table: table.name, field: field.name, optional: false }],
    `Makes "${table.name}.${field.name}" required.`,
  );
}

/** "contracts need deployedBy to be mandatory and never set": a question naming the field, no change. */
function contradiction(subject: string, ctx: FollowUpContext): void {
  const s = subject.replace(/\s+(?:to\s+be|be|is|are|should|must|both)\s*$/i, "").trim();
  const m =
    /^(?:the\s+|each\s+|every\s+)?(.+?)\s+(?:need|needs|want|wants|require|requires|have|has)\s+(?:an?\s+|the\s+|their\s+|its\s+)?(.+)$/i.exec(
      s,
    );
  const probe: FollowUpContext = { ...ctx, questions: [], notes: [], assumptions: [], operations: [] };
  const ref = m
    ? locateField(`${m[2]} on ${m[1]}`, probe, "change")
    : locateField(s.replace(/^(?:make|the)\s+/i, ""), probe, "change");
  const what = ref ? `"${ref.table.name}.${ref.field.name}"` : `"${s.replace(/^(?:make|the)\s+/i, "")}"`;
  ctx.questions.push(
    `Should ${what} be required or optional? The request asks for both (required, yet never set or empty).`,
  );
}

/** "give games a userId", "add viewCount to workItems as a number": typed when a type is named, else design. */
function givenField(
  tablePhrase: string,
  fieldPhrase: string,
  typePhrase: string | undefined,
  ctx: FollowUpContext,
): string | void | typeof DECLINE {
  const done = addFieldOfType(tablePhrase, fieldPhrase, typePhrase, ctx);
  if (done === false) return DECLINE;
  if (done === "untyped") return `${tablePhrase} have ${fieldPhrase}`;
}

/** "add an is pinned (true/false flag) to user in charity": the first split point whose parts make sense. */
function addTypedAt(text: string, ctx: FollowUpContext): string | void | typeof DECLINE {
  const body = text.replace(/^(?:please\s+)?(?:add|create|include|put)\s+/i, "");
  const re = /\s(?:to|on|for|in|into)\s+(?:the\s+|each\s+|every\s+|all\s+)?/gi;
  const cuts: { items: string; target: string }[] = [];
  for (let m = re.exec(body); m; m = re.exec(body))
    cuts.push({ items: body.slice(0, m.index), target: body.slice(m.index + m[0].length) });
  const fits = cuts.find((c) => typedField(c.items, ctx.schema) && resolveTableLoose(ctx.schema, c.target));
  const cut = fits ?? cuts.at(-1);
  return cut ? addTyped(cut.items, cut.target, ctx) : DECLINE;
}

/** "rename title to name and description to details in tasks" → one rename per pair, each with the table. */
function renameList(text: string): string {
  const m = /^(?:please\s+)?rename\s+(.+?)(?:\s+(?:in|on|of|for)\s+(?:the\s+)?([\w ]+?)(?:\s+table)?)?$/i.exec(text);
  if (!m) return text;
  const pairs = m[1].split(/\s*(?:,\s*(?:and\s+)?|\band\s+)(?=[\w.' ]+?\s+(?:to|into|as)\s+\w+)/i);
  if (pairs.length < 2 || !pairs.every((p) => /^[\w.' ]+?\s+(?:to|into|as)\s+["'`]?\w+["'`]?$/i.test(p.trim())))
    return text;
  return pairs.map((p) => `rename ${p.trim()}${m[2] ? ` in ${m[2]}` : ""}`).join(" and ");
}

/** "projects need an isPublic boolean": a typed field when the words after the verb name one. */
function needsTypedField(tablePhrase: string, rest: string, ctx: FollowUpContext): string | void | typeof DECLINE {
  const table = resolveTableLoose(ctx.schema, tablePhrase.replace(/^(?:the|each|every|all)\s+/i, ""));
  if (!table || !typedField(rest, ctx.schema)) return DECLINE;
  return addTyped(rest, table.name, ctx);
}

/** ", and in which table (\"tasks\", \"subtasks\")" when several tables have the field. */
function renameWhere(name: string, ctx: FollowUpContext): string {
  if (resolveTable(ctx.schema, name)) return "";
  const tables = ctx.schema.tables.filter((t) => resolveField(t, name)).map((t) => `"${t.name}"`);
  return tables.length > 1 ? `, and in which table (${tables.join(", ")})` : "";
}

/** ": \"users\", \"tasks\", …" — the tables a question can choose from (all of them, up to 40). */
function tableList(ctx: FollowUpContext): string {
  const names = ctx.schema.tables.map((t) => `"${t.name}"`);
  return names.length ? `: ${names.slice(0, 40).join(", ")}${names.length > 40 ? ", …" : ""}` : "";
}

/** A message about "createdAt" with another verb than adding timestamps, when the schema has such a field. */
function namesOwnCreatedAt(text: string, ctx: FollowUpContext): boolean {
  const own = ctx.schema.tables.some((t) => t.fields.some((f) => /^created_?at$/i.test(f.name)));
  return own && /\b(?:index|indexed|rename|remove|drop|delete|optional|required|searchable|sort|order)\b/i.test(text);
}
