/**
 * The words that tell a change request's operation: for each kind, a family of verbs and phrases (lists of
 * alternatives, matched anywhere in the tidied and masked text), not one phrase each.
 */
const ALT = (xs: string[]) => new RegExp(`(?:^|\\b)(?:${xs.join("|")})(?:\\b|$)`, "i");

export const REQUIRED = ALT([
  "required",
  "mandatory",
  "obligatory",
  "(?:is )?not (?:ok|okay|allowed|fine) to be (?:empty|blank|missing|null|unset)",
  "compulsory",
  "non[- ]?optional",
  "not optional",
  "not be optional",
  "n't be optional",
  "must (?:always )?(?:have|has|contain|include)",
  "(?:should|must|need to|needs to|has to|have to) always (?:have|has|be)",
  "always (?:have|has|need|needs|come with)",
  "must (?:always )?be (?:set|filled(?: in)?|given|present|provided|there)",
  "(?:should|must|has to|have to|need to|needs to) be (?:always )?(?:set|filled(?: in)?|given|present|provided|there)",
  "require[sd]?",
  "(?:every|each|all) ITEM(?: ITEM)? (?:needs?|requires?) (?:an? |the |its |their )?ITEM",
  "requiring",
  "never (?:be )?(?:empty|blank|missing|null|left (?:empty|blank|out))",
  "(?:can'?t|cannot|can not|must not|mustn'?t|shouldn'?t|should not) be (?:empty|blank|missing|null|left (?:empty|blank|out)|saved without|created without|stored without)",
  "no \\w+ without",
  "(?:can'?t|cannot|can not|must not|mustn'?t|shouldn'?t|never) (?:exist|be saved|be created|be stored|be added) without",
  "(?:don'?t|do not|never) (?:allow|accept|permit|save|store) (?:any )?\\w+(?: \\w+)? without",
]);

export const OPTIONAL = ALT([
  "optional",
  "nullable",
  "(?:not|n'?t|no longer|never) (?:be )?(?:required|mandatory|compulsory|obligatory|needed)",
  "(?:not|n'?t) always",
  "not every",
  "not all",
  "sometimes",
  "occasionally",
  "(?:can|may|might|could|should|is allowed to|are allowed to) (?:be )?(?:missing|empty|blank|null|unset|omitted|absent|left (?:out|blank|empty|unset)|skipped)",
  "(?:can|may|might|could) (?:lack|skip|omit|leave out|not have|have no|go without)",
  "without",
  "with no",
  "(?:have|has) no",
  "relax",
  "(?:don'?t|do not|stop|no need to) (?:require|force|enforce)",
  "unknown",
  "(?:not|n'?t) (?:always )?(?:known|set|available|filled)",
  "allow (?:an? )?(?:empty|missing|blank|null|no)",
  "leave (?:it |them )?(?:empty|blank|out)",
  "let (?:it|them|ITEM)(?: ITEM)? be (?:empty|blank|missing|null|unset|left out)",
  "if (?:it'?s|they'?re) (?:missing|empty|blank)",
  "never (?:be )?(?:set|filled(?: in| out)?|given|provided|entered|populated)",
  "fine (?:if|when|to)",
]);

export const RENAME = ALT([
  "rename[sd]?",
  "renaming",
  "re-?name",
  "call(?:ed)?",
  "named",
  "name (?:it|them|this|that|the)",
  "new name",
  "name (?:should|must|will) be",
  "should say",
  "should read",
  "known as",
  "instead of",
  "(?:change|update) (?:the |its )?name of",
  "prefer \\w+ (?:over|to)",
  "better name",
]);

export const REMOVE = ALT([
  "remove[sd]?",
  "delete[sd]?",
  "drop(?:ped)?",
  "get rid of",
  "rid of",
  "ditch",
  "scrap",
  "lose",
  "kill",
  "trash",
  "no longer (?:need|use|store|want|have|track|fill)",
  "(?:don'?t|doesn'?t|do not|does not|won'?t|will not|never) (?:need|use|want|fill|store|track)",
  "(?:not|n'?t|no longer) (?:used|needed|necessary|in use|useful|relevant)",
  "unused",
  "obsolete",
  "deprecated",
  "useless",
  "redundant",
  "no (?:need|use) for",
  "(?:shouldn'?t|should not|mustn'?t|must not) have",
  "take out",
  "stop(?:ped|s)? (?:using|tracking|storing|filling(?: in)?|recording|needing)",
  "strip",
  // "txHash can go", "the legacy column can be dropped": a field that may go is one to remove.
  "(?:can|could|should|may) go(?! (?:up|down|to|in|into|from|back|over|under|above|below|beyond)\\b)",
  "(?:can|could|should|may) (?:safely )?be (?:dropped|removed|deleted|killed)",
]);

export const SEARCH = ALT([
  "search\\w*",
  "findable",
  "full[- ]?text",
  "keyword lookup",
  // "find carts by typing part of their title", "type a few words and find events whose description matches".
  "typ(?:e|es|ing) (?:in )?(?:a few |some |any |part of |parts of )?(?:words?|text|keywords?|part|parts|terms?|letters)",
  "whose ITEM(?: ITEM)? (?:matches|match|contains?)",
]);

export const INDEX = ALT([
  "index(?:es|ed|ing)?",
  "quer(?:y|ies|ied|ying)",
  "look(?:s|ed|ing)? ?ups?",
  "look(?:s|ed|ing)? (?:\\w+ )?up",
  "fetch\\w*",
  "list(?:s|ed|ing)?",
  "filter\\w*",
  "sort\\w*",
  "order(?:s|ed|ing)? by",
  "group(?:s|ed|ing)? by",
  "slow",
  "fast(?:er)?",
  "quick(?:er|ly)?",
  "speed up",
  "efficient\\w*",
  "load\\w*",
  "retriev\\w*",
  "read\\w*",
  "find\\w*",
  "get (?:all )?(?:the )?\\w+ (?:by|for|of)",
]);

export const RELATION = ALT([
  "belongs? to",
  "belonging to",
  "reference[sd]?",
  "refs?",
  "foreign[ -]keys?",
  "referencing",
  "refer(?:s|ring)? to",
  "point(?:s|ing|ed)? (?:back )?to",
  "link(?:s|ed|ing)?",
  "tie[sd]? to",
  "attach(?:ed|es)? to",
  "associated? (?:with|to)",
  "connect(?:s|ed)? (?:to|with)",
  "relate[sd]? to",
  "know (?:which|what)",
  "(?:store|track|record|keep|tell|see) (?:which|what)",
  "connect(?:s|ed|ing)?",
  "point(?:s|ing|ed)? at",
  "between \\w+ and",
  "is (?:for|part of|about) (?:a|an|one|the)",
  "foreign key",
  "relation(?:ship)?",
]);

export const SOFT_DELETE = ALT([
  "soft[- ]?delet\\w*",
  "trash\\w*",
  "recycle bin",
  "bin",
  "restor\\w*",
  "undelet\\w*",
  "un-?delet\\w*",
  "recover\\w* deleted",
  "(?:mark|flag)\\w* (?:\\w+ ){0,3}(?:as )?(?:deleted|removed)",
  "instead of (?:being )?(?:deleted|removed|erased)",
  "(?:don'?t|do not|never|not|shouldn'?t|should not) (?:really |actually |permanently |hard[- ]?|physically |fully )?(?:be )?(?:delete|deleted|remove|removed|erase|erased|destroy|destroyed)",
  "hard[- ]?delet\\w*",
  "(?:keep|kept) (?:\\w+ ){0,3}(?:deleted|removed)",
  "deleted \\w+ (?:around|visible|recoverable)",
  "keep the (?:row|record|document)s?",
  "deleted,? (?:just |only )?(?:keep|hide|flag|mark) (?:it|them)",
  "(?:flag|mark) (?:it|them) (?:as )?deleted",
  // "make deleting reversible", "make deletion soft", "undo a delete".
  "(?:delet\\w*|removal) (?:\\w+ )?(?:reversible|undoable|soft)",
  "reversible delet\\w*",
  "undo (?:an? |the )?delet\\w*",
]);

export const MERGE = ALT([
  "merge[sd]?",
  "merging",
  "fold(?:ed|s)?",
  "combine[sd]?",
  "absorb\\w*",
  "consolidate[sd]?",
  "collaps(?:e|es|ed|ing)",
  "(?:can |could |should )?(?:just |directly )?(?:live|go|sit|be stored|be kept) (?:directly |just )?(?:on|in|inside) (?!an? )",
  "(?:put|putting|move|moving|keep|keeping) (?:its|their|all its|all their) (?:fields|columns|data) (?:on|onto|into|in)",
  "(?:don'?t|do not) need (?:a |the )?separate",
  "(?:don'?t|do not|no longer) need ITEM(?: ITEM)? as (?:its|their|a) (?:own |separate )?table",
  "move everything (?:onto|into|to|in)",
  "no (?:separate )?\\w+(?: \\w+)? table",
]);

export const SPLIT = ALT([
  "split",
  "separate",
  "extract",
  "pull(?:ed)? (?:\\w+ ){0,6}out",
  "pull(?:ed|s)? (?:\\w+ ){0,6}(?:from|into)",
  "move[sd]?",
  "put",
  "(?:its|their) own table",
  "new \\w+ table",
  "(?:should )?live in",
  "table (?:called|named)",
  "create (?:an? )?\\w+ table",
  "\\w+ table (?:for|to hold|holding|with)",
]);

export const ADD = ALT([
  "add(?:s|ed|ing)?",
  "new (?:field|column|attribute|property)",
  "had",
  "give",
  "store",
  "track",
  "record",
  "keep",
  "include",
  "have",
  "has",
  "need",
  "needs",
  "get",
  "gets",
  "put",
  "want",
  "attach",
  "introduce",
  "capture",
  "save",
  "hold",
]);

export const TYPE_WORD =
  /^(?:boolean|bool|flag|checkbox|string|text|str|number|numeric|integer|int|float|double|decimal|timestamp|date|datetime|money|currency|price|url|email|bigint|int64|json)$/i;

/** A value list: "small, medium or large", "free / pro / team", "either public or private". */
export const VALUE_LIST =
  /(?:^|[\s(:,—–-])(?:either\s+|one\s+of\s+)?((?:["']?[a-z][\w-]*["']?\s*(?:,|\/|\bor\b)\s*(?:or\s+|and\s+)?)+["']?[a-z][\w-]*["']?)\s*\)?\s*$/i;

/** Deleting for good, said next to a soft delete ("hard delete", "deleted for real"), not negated. */
export const HARD_DELETE =
  /^(?!.*\b(?:not|never|instead of|rather than)\s+(?:\w+\s+)?(?:hard[- ]?delet|really delet|delet\w* (?:for real|permanently))).*\b(?:hard[- ]?delet\w*|(?:delet\w*|remov\w*|drop\w*) (?:\w+ )?(?:for real|permanently|for good)|really (?:delete|remove|drop)|permanently (?:delete|remove|drop))/i;

/** Words that make a message of several verbs one change. */
export const TOGETHER =
  /\b(?:merge|fold|combine|absorb|consolidate|split|separate|extract|move|put|own table|its fields|their fields|keep|but|both|instead)\b|\b(?:remove|delete|drop)\b.*\b(?:required|mandatory|rename)\b/i;

/** Words of another change in a sentence: a rename read from it is then not the whole of it. */
export const OTHER_CHANGE =
  /\b(?:add|remove|delete|drop|make|index|require|mark|split|merge|link|store|track|optional|required|mandatory|searchable)\b/i;
