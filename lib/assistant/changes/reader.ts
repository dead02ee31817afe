/**
 * A change request read by its structure rather than by one wording: the schema's own tables and fields are found
 * in the text (code names, their words, singular or plural, possessives, "the X field of Y", small typos), the
 * operation comes from families of verbs and phrases (lists of synonyms, not one phrase each), and the arguments
 * (new name, type, values, fields of an index in order, the new table of a split) are read around them. The result
 * is the grammar's canonical command ("make tasks.priority optional", "look up tasks by status, dueDate"), which the
 * follow-up handlers validate and apply, saying "already" when it is done. Undefined when the sentence is not a
 * change of this schema that can be read completely.
 *
 * The parts, one job each, are in `read/`: `notation` (notations rewritten as plain commands: arrows, sed, key=value,
 * "T: new field f: type", commit prefixes), `tidy` (shorthand and filler), `tokens` (words and grammar words),
 * `ground` (the schema's tables and fields in the words, with typos), `families` (the words of each operation),
 * `reading` (one clause: its mentions, subject and masked text), one file per kind of change (`type-change`,
 * `merge-split`, `soft-delete`, `remove`, `rename`, `presence`, `lookup`, `enum-values`, `relation`, `add-field`),
 * `kinds` (the order they are tried in), `sentence` (messages, sentences and commands) and `refusal`.
 */
export { changedTwice, selfRefusal } from "./read/refusal";
export { keptThenChanged, readChange, readRequest, refusesOnly } from "./read/sentence";
export { tidy } from "./read/tidy";
