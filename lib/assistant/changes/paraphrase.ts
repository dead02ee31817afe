/**
 * Ways people say a change, rewritten to the grammar's canonical command: "orders no longer have a total, delete
 * it" → "remove total from orders", "I want messages renamed to chatMessages" → "rename messages to
 * chatMessages", "enrollments don't always have a payment status — make it optional" → "make payment status on
 * enrollments optional". The first matching rule rewrites; the result is parsed as any typed command would be.
 */
import { joinRemovedThenChanged, joinTypeSentence, splitNumbered } from "./read/sentence";
import { emptySchema } from "../../schema/model";
import { validatorFromWords } from "./validator-words";

const TAIL = String.raw`(?:\s*(?:[,;:—–]|\s-\s|\.\s)\s*|\s+)`;
/** A following clause after punctuation: "… — make it optional please", "…, so it shouldn't be required". */
const CLAUSE = String.raw`\s*(?:[,;:—–]|\s-\s)\s*`;
const PLEASE = String.raw`(?:\s+please)?`;
const SUBJECT = String.raw`(?:the\s+|each\s+|every\s+|all\s+|an?\s+|our\s+|my\s+)?`;
const ARTICLE = String.raw`(?:an?\s+|the\s+|any\s+|its\s+|their\s+)?`;

type Rule = [RegExp, (m: RegExpExecArray) => string];

const VALUES = String.raw`([\w -]+(?:\s*(?:,|\bor\b|\band\b|\/)\s*[\w -]+)+)`;

/** "(boolean)" is a type; "(small, medium or large)" are values: either way a field with what the user said. */
function fieldWith(table: string, field: string, what: string): string {
  const isType =
    validatorFromWords(what.replace(/\s+(?:flag|field|value)$/i, ""), { ...emptySchema() }) !== undefined ||
    /^(?:reference|link|id)\b/i.test(what);
  return !isType && /,|\bor\b|\/|\band\b/i.test(what)
    ? `give ${table} a ${field} (${what})`
    : `add ${field} (${what}) to ${table}`;
}

const RULES: Rule[] = [
  // Optional, said about what is known.
  [
    /^(?:the\s+)?(.+?)\s+(?:is|are)(?:\s+not|n'?t)\s+always\s+(?:known|set|filled(?:\s+in)?|available|present|provided|given|there)(?:\s+(?:for|on|in)\s+(?:the\s+)?(.+))?$/i,
    (m) => (m[2] ? `make ${m[1]} on ${m[2]} optional` : `make ${m[1]} optional`),
  ],
  [
    /^(?:the\s+|some\s+)?(.+?)\s+(?:sometimes|often|may|might|can|occasionally)\s+(?:lack|miss|be\s+missing|not\s+have|have\s+no)\s+(?:an?\s+|the\s+|their\s+|its\s+)?(.+)$/i,
    (m) => `make ${m[2]} on ${m[1]} optional`,
  ],
  [
    /^it'?s\s+(?:fine|ok(?:ay)?|alright|acceptable)\s+(?:if|when)\s+(?:the\s+|some\s+)?(.+?)\s+(?:have|has)\s+no\s+(.+)$/i,
    (m) => `make ${m[2]} on ${m[1]} optional`,
  ],
  [
    /^(?:please\s+)?(?:don'?t|do\s+not|no\s+longer)\s+require\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:on|for|in)\s+(?:the\s+)?(.+))?$/i,
    (m) => (m[2] ? `make ${m[1]} on ${m[2]} optional` : `make ${m[1]} optional`),
  ],
  [
    /^(?:the\s+)?(.+?)\s+without\s+(?:an?\s+|the\s+)?(.+?)\s+should\s+be\s+(?:allowed|ok(?:ay)?|fine|valid|possible|accepted)$/i,
    (m) => `make ${m[2]} on ${m[1]} optional`,
  ],
  // Required, said about what cannot be.
  [
    /^(?:the\s+|a\s+|an\s+)?(.+?)\s+(?:can'?t|cannot|can\s+not|shouldn'?t|mustn'?t)\s+exist\s+without\s+(?:an?\s+|the\s+)?(.+)$/i,
    (m) => `make ${m[2]} on ${m[1]} required`,
  ],
  [
    /^(?:please\s+)?never\s+(?:leave|allow)\s+(?:the\s+|an?\s+)?(.+?)\s+(?:empty|blank|unset|out|missing)(?:\s+(?:on|in|for)\s+(?:the\s+)?(.+))?$/i,
    (m) => (m[2] ? `make ${m[1]} on ${m[2]} required` : `make ${m[1]} required`),
  ],
  [
    /^(?:each|every|all)\s+(.+?)\s+(?:needs|need|requires|require)\s+(?:an?\s+|the\s+)?(.+)$/i,
    (m) => `every ${m[1]} must have ${m[2]}`,
  ],
  // Renames, removals, indexes, search, soft delete and values in still other words.
  [
    /^(?:please\s+)?use\s+["'`]?(\w+)["'`]?\s+instead\s+of\s+["'`]?(\w+)["'`]?(?:\s+(?:on|in|for)\s+(?:the\s+)?(.+))?$/i,
    (m) => (m[3] ? `rename ${m[2]} on ${m[3]} to ${m[1]}` : `rename ${m[2]} to ${m[1]}`),
  ],
  [
    /^(?:the\s+)?(.+?)\s+(?:is|are)\s+(?:obsolete|deprecated|dead|useless|redundant|unnecessary)(?:\s+now)?$/i,
    (m) => `remove ${m[1]}`,
  ],
  [/^(?:please\s+)?clean\s+up\s+(\w+\.\w+)$/i, (m) => `remove ${m[1]}`],
  [
    /^(?:the\s+)?([\w ]+?)\s+(?:lookups?|queries|reads|searches|filters|listings?)\s+by\s+(.+?)\s+(?:are|is)\s+(?:too\s+|really\s+|very\s+)?(?:slow|expensive|costly)$/i,
    (m) => `look up ${m[1]} by ${m[2]}`,
  ],
  [
    /^(?:(?:add|enable|we\s+want|i\s+want)\s+)?(?:full[\s-]?text\s+|text\s+)?search\s+(?:for|on|over)\s+(?:the\s+)?(.+?)\s+(?:on|by|over|in)\s+(?:the\s+|their\s+|its\s+)?(.+)$/i,
    (m) => `make ${m[1]} searchable by ${m[2]}`,
  ],
  [
    /^(?:the\s+)?(.+?)\s+should\s+(?:also\s+)?(?:accept|allow|support|include|take)\s+["'`]?([\w -]+?)["'`]?$/i,
    (m) => `add ${m[2]} to ${m[1]}`,
  ],
  [
    /^["'`]?([\w-]+)["'`]?\s+is\s+(?:a|an)\s+(?:new|valid|possible|allowed|extra|another)\s+(\w+)\s+(?:for|on|of|in)\s+(?:the\s+)?(.+)$/i,
    (m) => `add ${m[1]} to the ${m[2]} of ${m[3]}`,
  ],
  [
    new RegExp(
      String.raw`^(?:the\s+)?(\w+)\s+(\w+)\s+(?:can|could|may|should|will)\s+be\s+(?:either\s+)?${VALUES}$`,
      "i",
    ),
    (m) => `give ${m[1]} a ${m[2]} (${m[3]})`,
  ],
  // Terse notation: "tasks.dueDate required", "+ tasks.estimate: number", "- users.timezone", "index tasks(a, b)".
  [/^(\w+\.\w+)\s+(required|optional|mandatory|unique|searchable)$/i, (m) => `make ${m[1]} ${m[2]}`],
  [/^(required|optional|mandatory)\s+(\w+\.\w+)$/i, (m) => `make ${m[2]} ${m[1]}`],
  [/^\+\s*(\w+)\.(\w+)\s*:\s*(.+)$/i, (m) => `add ${m[2]} (${m[3]}) to ${m[1]}`],
  [/^\+\s*(\w+)\.(\w+)$/i, (m) => `add ${m[2]} to ${m[1]}`],
  [/^[-−]\s*(\w+\.\w+|\w+)$/i, (m) => `remove ${m[1]}`],
  [/^(?:add\s+(?:an?\s+)?)?index\s+(?:on\s+)?["'`]?(\w+)["'`]?\s*\((.+)\)$/i, (m) => `look up ${m[1]} by ${m[2]}`],
  [
    /^(\w+)\.(\w+)\s*:\s*(v\..+|(?:an?\s+)?(?:string|text|number|integer|int|float|boolean|bool|date|timestamp|datetime|money|list\s+of\s+\w+|array\s+of\s+\w+|reference\s+to\s+\w+)\??)$/i,
    (m) => `add ${m[2]} (${m[3]}) to ${m[1]}`,
  ],
  [
    /^(\w+\.\w+)\s*:\s*(add|remove|drop)\s+(.+)$/i,
    (m) => (/^add$/i.test(m[2]) ? `add ${m[3]} to ${m[1]}` : `remove ${m[3]} from ${m[1]}`),
  ],
  [
    /^(?:i|we)(?:'d|\s+would)?\s+(?:like|want|need)\s+(?:the\s+)?(.+?)\s+to\s+be\s+(required|optional|mandatory)(?:\s+(?:on|in|for)\s+(?:the\s+)?(.+))?$/i,
    (m) => (m[3] ? `make ${m[1]} on ${m[3]} ${m[2]}` : `make ${m[1]} ${m[2]}`),
  ],
  [
    /^(?:ensure|make\s+sure)(?:\s+that)?\s+(?:every|each|all)\s+([\w ]+?)\s+(?:has|have|gets?)\s+(?:an?\s+|the\s+)?(.+)$/i,
    (m) => `every ${m[1]} must have ${m[2]}`,
  ],
  [
    /^(?:the\s+)?(.+?)\s+should\s+be\s+renamed\s+(?:to\s+|as\s+)?["'`]?(\w+)["'`]?$/i,
    (m) => `rename ${m[1]} to ${m[2]}`,
  ],
  [
    /^(?:the\s+|our\s+)?(.+?)\s+(?:shouldn'?t|should\s+not|mustn'?t|must\s+not)\s+have\s+(?:an?\s+|the\s+|any\s+)?(.+)$/i,
    (m) => `remove ${m[2]} from ${m[1]}`,
  ],
  // SQL and Convex notation.
  [
    /^alter\s+table\s+["'`]?(\w+)["'`]?\s+add\s+(?:column\s+)?["'`]?(\w+)["'`]?\s+(.+)$/i,
    (m) => `add ${m[2]} (${m[3]}) to ${m[1]}`,
  ],
  [
    /^alter\s+table\s+["'`]?(\w+)["'`]?\s+drop\s+(?:column\s+)?["'`]?(\w+)["'`]?$/i,
    (m) => `remove ${m[2]} from ${m[1]}`,
  ],
  [
    /^alter\s+table\s+["'`]?(\w+)["'`]?\s+rename\s+(?:column\s+)?["'`]?(\w+)["'`]?\s+to\s+["'`]?(\w+)["'`]?$/i,
    (m) => `rename ${m[2]} on ${m[1]} to ${m[3]}`,
  ],
  [/^alter\s+table\s+["'`]?(\w+)["'`]?\s+rename\s+to\s+["'`]?(\w+)["'`]?$/i, (m) => `rename ${m[1]} table to ${m[2]}`],
  [
    /^create\s+(?:unique\s+)?index\s+(?:\w+\s+)?on\s+["'`]?(\w+)["'`]?\s*\((.+)\)$/i,
    (m) => `look up ${m[1]} by ${m[2]}`,
  ],
  [/^(\w+\.\w+)\s*\+=\s*(.+)$/i, (m) => `add ${m[2]} to ${m[1]}`],
  [/^(\w+\.\w+)\s*-=\s*(.+)$/i, (m) => `remove ${m[2]} from ${m[1]}`],
  [/^(?:please\s+)?wrap\s+(.+?)\s+in\s+v\.optional(?:\(\))?$/i, (m) => `make ${m[1]} optional`],
  [
    /^(?:please\s+)?(?:drop|remove|strip|take\s+off)\s+(?:the\s+)?v\.optional(?:\(\))?\s+(?:from|on|of)\s+(.+)$/i,
    (m) => `make ${m[1]} required`,
  ],
  [
    /^(\w+)\s*:\s*(v\..+?|(?:an?\s+)?(?:string|number|boolean|integer|date|timestamp)(?:\s*\?)?)\s+(?:on|in|to|for)\s+(?:the\s+)?(\w+)$/i,
    (m) => `add ${m[1]} (${m[2]}) to ${m[3]}`,
  ],
  [
    /^(?:please\s+)?make\s+(?:the\s+)?(\w+(?:\s\w+)??)\s+(?:an?\s+)?(?:enum|union|choice|list)\s+of\s+(.+?)\s+(?:on|in|for)\s+(?:the\s+)?(.+)$/i,
    (m) => `change ${m[1]} on ${m[3]} to one of ${m[2]}`,
  ],
  [/^(?:please\s+)?(?:set|change|update)\s+the\s+type\s+of\s+(.+?)\s+to\s+(.+)$/i, (m) => `change ${m[1]} to ${m[2]}`],
  // Required / optional, said as rules.
  [
    /^(?:the\s+)?([^,;—–]+?)\s+(?:should|must|can)\s*(?:not|n'?t)\s+be\s+optional(?:\s+any\s*more)?$/i,
    (m) => `make ${m[1]} required`,
  ],
  [
    /^(?:the\s+)?([^,;—–]+?)\s+(?:should|must|need)\s*(?:not|n'?t)\s+(?:be\s+)?(?:required|mandatory)(?:\s+any\s*more)?$/i,
    (m) => `make ${m[1]} optional`,
  ],
  [
    /^(?:the\s+)?(.+?)\s+(?:must|should|has\s+to|needs\s+to)\s+(?:always\s+)?be\s+(?:set|present|provided|filled(?:\s+in)?|given|there)$/i,
    (m) => `make ${m[1]} required`,
  ],
  [
    /^(?:i|we)\s+(?:want|need|would\s+like|'d\s+like)\s+(every|each|all)\s+([\w ]+?)\s+to\s+(?:have|get)\s+(.+)$/i,
    (m) => `every ${m[2]} must have ${m[3]}`,
  ],
  [
    /^(?:the\s+|some\s+)?(.+?)\s+(?:may|might|can)\s+not\s+have\s+(?:an?\s+|the\s+|any\s+)?(.+)$/i,
    (m) => `make ${m[2]} on ${m[1]} optional`,
  ],
  [
    /^let\s+(?:the\s+)?(.+?)\s+(?:skip|omit|leave\s+out|leave\s+(?:empty|blank))\s+(?:the\s+|their\s+|its\s+)?(.+)$/i,
    (m) => `make ${m[2]} on ${m[1]} optional`,
  ],
  [
    /^(?:the\s+)?(.+?)\s+(?:is|are|should\s+be|must\s+be|can\s+be|has\s+to\s+be)\s+(optional|required|mandatory)\s+(?:for|on|in)\s+(?:the\s+)?(.+)$/i,
    (m) => `make ${m[1]} on ${m[3]} ${m[2]}`,
  ],
  // Renames said another way.
  [
    /^(?:please\s+)?change\s+the\s+name\s+of\s+(?:the\s+)?(.+?)\s+to\s+["'`]?(\w+)["'`]?$/i,
    (m) => `rename ${m[1]} to ${m[2]}`,
  ],
  [
    /^(?:please\s+)?change\s+the\s+(?:table|field|column)\s+name\s+(?:of\s+)?(?:the\s+)?(.+?)\s+to\s+["'`]?(\w+)["'`]?$/i,
    (m) => `rename ${m[1]} to ${m[2]}`,
  ],
  [/^(?:the\s+)?(.+?)\s+(?:is|are)\s+now\s+(?:called|named)\s+["'`]?(\w+)["'`]?$/i, (m) => `rename ${m[1]} to ${m[2]}`],
  [
    /^(?:please\s+)?(?:let'?s\s+)?(?:call|name)\s+(?:the\s+)?(.+?\s+(?:of|on|in)\s+(?:the\s+)?\w+)\s+["'`]?(\w+)["'`]?$/i,
    (m) => `rename ${m[1]} to ${m[2]}`,
  ],
  // Removals said as habits.
  [
    /^(?:we|i)\s+(?:no\s+longer|don'?t|do\s+not|never)\s+(?:use|need|want|store|fill(?:\s+in)?)\s+(?:the\s+|a\s+|an\s+|any\s+)?(.+?)(?:\s+any\s*more|\s+any\s+longer)?$/i,
    (m) => `remove ${m[1]}`,
  ],
  [
    /^there'?s\s+no\s+(?:need|use)\s+for\s+(?:the\s+|a\s+|an\s+)?(.+?)(?:\s+any\s*more|\s+any\s+longer)?$/i,
    (m) => `remove ${m[1]}`,
  ],
  // New fields with values, more shapes.
  [
    new RegExp(
      String.raw`^(?:the\s+|each\s+|every\s+|all\s+)?(.+?)\s+(?:need|needs|get|gets|have|has|should\s+have)\s+(?:an?\s+)?(\w+(?:\s\w+)?)\s*:\s*${VALUES}$`,
      "i",
    ),
    (m) => fieldWith(m[1], m[2], m[3]),
  ],
  [
    new RegExp(
      String.raw`^(?!.*\bindex)(\w+(?:\s\w+)?)\s+(?:on|for|of)\s+(?:the\s+|each\s+|every\s+)?(.+?)\s*:\s*${VALUES}$`,
      "i",
    ),
    (m) => fieldWith(m[2], m[1], m[3]),
  ],
  [
    /^(?:please\s+)?(?:allow|let)\s+(?:the\s+)?(.+?)\s+(?:to\s+)?(?:also\s+)?be\s+["'`]?([\w -]+?)["'`]?$/i,
    (m) => `add ${m[2]} to the ${m[1]}`,
  ],
  // Merges and splits said in other words (before "… don't need …", which would read them as removals).
  [
    /^(?:we|i)\s+(?:don'?t|do\s+not)\s+need\s+(?:a\s+|the\s+)?separate\s+(.+?)(?:\s+table)?\s*(?:[,;:—–]|\s-\s)\s*(?:just\s+|so\s+)?(?:put|move|fold)\s+(?:its|their|the)\s+fields\s+(?:on|onto|into|in)\s+(?:the\s+)?(.+)$/i,
    (m) => `merge ${m[1]} into ${m[2]}`,
  ],
  [
    /^(?:please\s+)?give\s+(.+?)\s+(?:their|its)\s+own\s+table\s+["'`]?(\w+)["'`]?\s*,?\s*(?:pointing\s+to|referencing|linked\s+to|that\s+references|that\s+links\s+to)\s+(?:the\s+)?(.+)$/i,
    (m) => `separate ${m[1]} from ${m[3]}: new table ${m[2]}`,
  ],
  [
    /^(?:please\s+)?(?:put|move)\s+(?:the\s+)?(.+?)['’]s?\s+(.+?)\s+(?:in|into)\s+(?:a|an|the)\s+(?:new\s+)?(\w+)\s+table\b.*$/i,
    (m) => `separate ${m[2]} from ${m[1]}: new table ${m[3]}`,
  ],
  [
    /^(?:please\s+)?(?:move|put)\s+(?:the\s+)?(.+?)\s+from\s+(?:the\s+)?([\w ]+?)\s+(?:to|into)\s+(?:a\s+|the\s+)?(?:new\s+)?(\w+)(?:\s+table)?\b.*$/i,
    (m) => `separate ${m[1]} from ${m[2]}: new table ${m[3]}`,
  ],
  [/^(?:please\s+)?(?:stop|no\s+longer)\s+requir(?:e|ing)\s+(.+)$/i, (m) => `make ${m[1]} optional`],
  [
    /^(?:please\s+)?(?:start\s+requiring|always\s+require|require)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:on|for|in)\s+(?:every\s+|each\s+|all\s+)?(.+)$/i,
    (m) => `make ${m[1]} on ${m[2]} required`,
  ],
  [
    /^(?:please\s+)?(?:store|record|track|remember|keep)\s+which\s+(.+?)\s+(?:each|every|a|an|the)\s+(.+?)\s+(?:is\s+for|belongs\s+to|is\s+part\s+of|is\s+in|comes\s+from|is\s+about)$/i,
    (m) => `each ${m[2]} belongs to ${m[1]}`,
  ],
  // Search, said as a wish.
  [
    /^(?:please\s+)?(?:enable|allow|support|add|we\s+(?:want|need)|i\s+(?:want|need))\s+(?:full[\s-]?text\s+)?searching\s+(?:the\s+|for\s+)?(.+?)\s+by\s+(?:their\s+|its\s+|the\s+)?(.+)$/i,
    (m) => `make ${m[1]} searchable by ${m[2]}`,
  ],
  [
    /^(?:(?:we|i)\s+(?:want|need)\s+to\s+|let\s+(?:users|people|us|me)\s+)?(?:find|look\s+up|search|locate)\s+(?:the\s+)?(.+?)\s+by\s+searching\s+(?:in\s+)?(?:their|its|the)\s+(.+)$/i,
    (m) => `make ${m[1]} searchable by ${m[2]}`,
  ],
  // Splits said another way.
  [
    /^(?:the\s+)?(\w+)\s*:\s*(?:split|move|pull|separate)\s+(.+?)\s+(?:off\s+|out\s+)?(?:into|to)\s+(?:a\s+|the\s+|new\s+)?(\w+)\b.*$/i,
    (m) => `separate ${m[2]} from ${m[1]}: new table ${m[3]}`,
  ],
  [
    /^(?:the\s+)?(\w+)\s+should\s+hold\s+(?:the\s+)?(.+?)\s+of\s+(?:each|every|the|a)\s+(.+?)(?:\s*,\s*not\s+.*)?$/i,
    (m) => `separate ${m[2]} from ${m[3]}: new table ${m[1]}`,
  ],
  // New fields with values or a type, however they are introduced.
  [
    new RegExp(
      String.raw`^(?:the\s+|each\s+|every\s+|all\s+)?(.+?)\s+(?:get|gets|need|needs|should\s+get|should\s+have|have|has)\s+(?:an?\s+)?(\w+)(?:\s+field)?\s+with\s+(?:the\s+)?(?:options?|values?|choices?|states?)\s*:?\s*${VALUES}$`,
      "i",
    ),
    (m) => fieldWith(m[1], m[2], m[3]),
  ],
  [
    new RegExp(
      String.raw`^(?:please\s+)?(?:store|track|keep|record|add)\s+(?:an?\s+|the\s+)?(\w+(?:\s\w+)?)\s+(?:on|for|in|to)\s+(?:the\s+|each\s+|every\s+)?(.+?)\s*:\s*${VALUES}$`,
      "i",
    ),
    (m) => fieldWith(m[2], m[1], m[3]),
  ],
  [
    new RegExp(
      String.raw`^(?:the\s+)?(\w+(?:\s\w+)?)\s+(?:for|on|of)\s+(?:the\s+|each\s+|every\s+)?(.+?)\s+(?:should|must|can|will)\s+be\s+(?:either\s+)?one\s+of\s+${VALUES}$`,
      "i",
    ),
    (m) => fieldWith(m[2], m[1], m[3]),
  ],
  [
    /^(?:i|we)\s+(?:want|need|would\s+like|'d\s+like)\s+(?:the\s+|all\s+|every\s+|each\s+|our\s+|my\s+)?([\w ]+?)\s+to\s+(?:have|get)\s+(?:an?\s+)?(\w+(?:\s\w+)?)\s*\((.+)\)$/i,
    (m) => fieldWith(m[1], m[2], m[3]),
  ],
  [
    /^(?:the\s+|each\s+|every\s+|all\s+)?(.+?)\s+should\s+(?:also\s+)?(?:store|have|keep|track|get|record)\s+(?:an?\s+)?(.+?)\s*\((.+)\)$/i,
    (m) => fieldWith(m[1], m[2], m[3]),
  ],
  [
    /^(?:(?:i|we)\s+(?:also\s+)?(?:need|want)|(?:please\s+)?(?:also\s+)?(?:add|store|track))\s+(?:an?\s+)?(.+?)\s+(?:on|for|in|to)\s+(?:the\s+|each\s+|every\s+)?(.+?)\s*,?\s+as\s+(?:an?\s+)?(.+)$/i,
    (m) => `add ${m[1]} (${m[3]}) to ${m[2]}`,
  ],
  // Values of an existing list.
  [/^let\s+(?:the\s+)?(.+?)\s+have\s+(\w+)\s+([\w-]+)$/i, (m) => `add ${m[3]} to the ${m[2]} of ${m[1]}`],
  [
    /^["'`]?([\w-]+)["'`]?\s+should\s+(?:also\s+)?be\s+(?:a\s+|an\s+)?(?:valid|possible|allowed|new)\s+(\w+)\s+(?:for|on|of|in)\s+(?:the\s+)?(.+)$/i,
    (m) => `add ${m[1]} to the ${m[2]} of ${m[3]}`,
  ],
  // Renames without the verb, or said another way.
  [
    /^(?:our\s+|the\s+)?(.+?)\s+(?:are|is)\s+really\s+(?:called\s+)?["'`]?(\w+)["'`]?\s*(?:[,;:—–]|\s-\s)\s*(?:so\s+)?(?:please\s+)?rename\s+(?:the\s+table|it|them|the\s+field)(?:\s+please)?$/i,
    (m) => `rename ${m[1]} to ${m[2]}`,
  ],
  [/^(?:please\s+)?use\s+the\s+name\s+["'`]?(\w+)["'`]?\s+for\s+(.+)$/i, (m) => `rename ${m[2]} to ${m[1]}`],
  [
    /^(?:the\s+)?(.+?)\s+should\s+(?:say|use|be\s+called|read)\s+["'`]?(\w+)["'`]?\s+instead\s+of\s+["'`]?(\w+)["'`]?$/i,
    (m) => `rename ${m[3]} on ${m[1]} to ${m[2]}`,
  ],
  // Required, said as a rule about the data.
  [
    new RegExp(
      String.raw`^(?:the\s+|each\s+|every\s+|all\s+)?(.+?)(?<!\b(?:don'?t|doesn'?t|do\s+not|does\s+not|not|never|won'?t))\s+(?:always|must\s+always|should\s+always)\s+(?:have|has|need|needs|get|gets)\s+${ARTICLE}(.+?)(?:${CLAUSE}.*)?$`,
      "i",
    ),
    (m) => `make ${m[2]} on ${m[1]} required`,
  ],
  [
    /^(?:please\s+)?(?:don'?t|do\s+not|never)\s+(?:allow|accept|permit|save|store)\s+(?:any\s+)?(.+?)\s+without\s+(?:an?\s+|the\s+|a\s+)?(.+)$/i,
    (m) => `make ${m[2]} on ${m[1]} required`,
  ],
  // Optional, said as a fact about the data.
  [
    new RegExp(String.raw`^(?:some|many|not\s+all|a\s+few)\s+(.+?)\s+(?:have|has)\s+no\s+(.+?)(?:${CLAUSE}.*)?$`, "i"),
    (m) => `make ${m[2]} on ${m[1]} optional`,
  ],
  [
    /^(?:the\s+)?(.+?)\s+(?:should|can|may|must|could)\s+be\s+(?:nullable|null|left\s+(?:blank|empty|out|unset)|blank|empty|omitted|missing|unset|undefined)(?:\s+(?:for|on|in)\s+(?:the\s+)?(.+))?$/i,
    (m) => (m[2] ? `make ${m[1]} on ${m[2]} optional` : `make ${m[1]} optional`),
  ],
  // Removals said as facts.
  [
    /^(?:the\s+)?(.+?)\s+(?:don'?t|doesn'?t|do\s+not|does\s+not)\s+(?:need|use)\s+(?:an?\s+|the\s+|their\s+|its\s+|any\s+)?(.+?)(?:\s+any\s*more|\s+any\s+longer)?$/i,
    (m) => `remove ${m[2]} from ${m[1]}`,
  ],
  [
    /^(?:the\s+)?(.+?)\s+(?:is|are)(?:\s+not|n'?t|\s+no\s+longer)\s+used(?:\s+(?:on|in|by|for)\s+(?:the\s+)?(.+?))?\s*(?:[,;:—–]|\s-\s)\s*(?:so\s+)?(?:please\s+)?(?:remove|delete|drop)\s+(?:it|them)(?:\s+please)?$/i,
    (m) => (m[2] ? `remove ${m[1]} from ${m[2]}` : `remove ${m[1]}`),
  ],
  // Relations and indexes said another way.
  [
    /^(?:please\s+)?(?:add|create)\s+(?:an?\s+)?(?:reference|relation(?:ship)?|link|foreign\s+key)\s+from\s+(?:the\s+)?(.+?)\s+to\s+(?:the\s+)?(.+)$/i,
    (m) => `each ${m[1]} belongs to ${m[2]}`,
  ],
  [
    /^(?:the\s+)?(?:lookups?|queries|reads|searches)\s+(?:of|on|for)\s+(?:the\s+)?(.+?)\s+by\s+(.+?)\s+(?:need|needs|want|should\s+have|require)\s+(?:an?\s+)?index$/i,
    (m) => `look up ${m[1]} by ${m[2]}`,
  ],
  [
    /^(?:add\s+)?(?:an?\s+)?(?:compound\s+|composite\s+|multi[\s-]?field\s+|combined\s+)?index\s+(?:for|on|to)\s+(?:the\s+)?(.+?)\s*:\s*(.+)$/i,
    (m) => `look up ${m[1]} by ${m[2]}`,
  ],
  // "I need tasks to have an estimate": the wish is the sentence.
  [
    /^(?:i|we)\s+(?:need|want|would\s+like|'d\s+like)\s+(?:the\s+|all\s+|every\s+|each\s+|our\s+|my\s+)?([\w ]+?)\s+to\s+(?:be\s+)?(have|get|store|track|keep|record)\s+(.+)$/i,
    (m) => `${m[1]} ${m[2]} ${m[3]}`,
  ],
  [
    /^(?:the\s+|all\s+|every\s+|each\s+|our\s+|my\s+)?([\w ]+?)\s+(?:need|needs|should|must)\s+(?:to\s+)?be\s+(\w+?)able$/i,
    (m) => `${m[1]} can be ${m[2].replace(/e$/, "")}ed`,
  ],
  [
    /^(?:please\s+)?(?:add|create)\s+(?:an?\s+)?(\w+)\s+(?:to|on)\s+(?:the\s+)?(.+?)\s+(?:referencing|pointing\s+to|that\s+references|linked\s+to|as\s+a\s+reference\s+to|which\s+references)\s+(?:the\s+)?(.+)$/i,
    (m) => `add ${m[1]} (reference to ${m[3]}) to ${m[2]}`,
  ],
  [
    /^(?:please\s+)?(?:add|create|enforce|put)\s+(?:an?\s+)?(?:unique(?:ness)?\s+(?:constraint|index|check|key|rule)|uniqueness)\s+(?:on|for|to)\s+(.+)$/i,
    (m) => `make ${m[1]} unique`,
  ],
  // "we need a new status called blocked for tasks": a value of an existing list, or a field by that name.
  [
    /^(?:(?:i|we)\s+(?:need|want)\s+|please\s+add\s+|add\s+)?(?:an?\s+)?(?:new\s+|extra\s+|another\s+)?(\w+)\s+(?:called|named)\s+(\w+)\s+(?:for|on|in|to)\s+(?:the\s+)?(.+)$/i,
    (m) =>
      /^(?:field|column|attribute|property)$/i.test(m[1])
        ? `add ${m[2]} to ${m[3]}`
        : `add ${m[2]} to the ${m[1]} of ${m[3]}`,
  ],
  // Indexes: the read pattern first, the request for an index after it.
  [
    new RegExp(
      String.raw`^(.+?)${TAIL}(?:so\s+)?(?:please\s+)?(?:add|create|make)\s+(?:an?\s+)?index(?:\s+(?:for|on)\s+(?:that|it|this|them))?${PLEASE}$`,
      "i",
    ),
    (m) => m[1],
  ],
  [
    new RegExp(
      String.raw`^(?:the\s+)?(?:queries|reads|lookups|look-ups)\s+(?:on|of|over|against|for|in)\s+(?:the\s+)?(.+?)\s+(?:use|uses|filter\s+(?:on|by)|are\s+by|go\s+by|need)\s+(.+?)(?:\s+together)?(?:${TAIL}(?:so\s+)?(?:please\s+)?(?:index\s+(?:them|it|that|those)|add\s+an?\s+index(?:\s+for\s+(?:that|it|them))?))?${PLEASE}$`,
      "i",
    ),
    (m) => `look up ${m[1]} by ${m[2]}`,
  ],
  [
    /^(?:please\s+)?(?:make|get)\s+(.+?)\s+(?:fast|faster|quick|quicker|efficient|cheap|cheaper)(?:\s+please)?$/i,
    (m) => m[1],
  ],
  [/^(?:please\s+)?speed\s+up\s+(.+)$/i, (m) => m[1]],
  // Soft delete.
  [
    /\b(?:(?:don'?t|do\s+not|never)\s+(?:really\s+|actually\s+|permanently\s+|hard[\s-]+)?delete|restore\s+deleted|undelete|recycle\s+bin|trash\s+can|mark(?:ed)?\s+(?:\w+\s+){0,2}as\s+deleted|keep\s+deleted)\b/i,
    (m) => `add soft delete ${tablesAfterDelete(m.input)}`,
  ],
  [
    /\b(?:delet\w*\s+(?:\w+\s+){0,3}(?:should|must|would)\s+only\s+hide|instead\s+of\s+(?:being\s+)?deleted|restor\w*\s+deleted|undo\s+(?:a\s+)?delet\w*|never\s+be\s+(?:hard[\s-]?|permanently\s+)?deleted|hard[\s-]?delet\w*|is\s+deleted,?\s+keep\s+(?:it|them)|trash(?:\s*\/\s*restore)?(?:\s+support)?|restore\s+support|be\s+restored)\b/i,
    (m) => `add soft delete to ${m.input.replace(/\b(?:delet\w*|restor\w*|undo|trash|hide|hidden)\b/gi, " ")}`,
  ],
  // Optional.
  [
    new RegExp(
      String.raw`^${SUBJECT}(.+?)\s+(?:don'?t|doesn'?t|do\s+not|does\s+not|won'?t)\s+always\s+(?:have|need|get|come\s+with)\s+${ARTICLE}(.+?)(?:${CLAUSE}.*)?$`,
      "i",
    ),
    (m) => `make ${m[2]} on ${m[1]} optional`,
  ],
  [
    new RegExp(
      String.raw`^not\s+(?:every|all|each)\s+(.+?)\s+(?:has|have|needs?|gets?)\s+${ARTICLE}(.+?)(?:${CLAUSE}.*)?$`,
      "i",
    ),
    (m) => `make ${m[2]} on ${m[1]} optional`,
  ],
  [
    /^(?:the\s+)?(.+?)\s+(?:is|are)(?:\s+not|n'?t|\s+no\s+longer)\s+(?:mandatory|required|compulsory)(?:\s+any\s*more)?$/i,
    (m) => `make ${m[1]} optional`,
  ],
  [
    /^(?:the\s+)?(.+?)\s+(?:is|are)(?:\s+not|n'?t|\s+no\s+longer)\s+(?:needed|used|necessary|in\s+use|useful)(?:\s+any\s*more|\s+any\s+longer)?$/i,
    (m) => `remove ${m[1]}`,
  ],
  [
    /^(?:please\s+)?(?:allow|accept|permit)\s+(?:an?\s+)?(?:empty|missing|blank|null|no|absent|unset)\s+(.+)$/i,
    (m) => `make ${m[1]} optional`,
  ],
  [
    /^(?:the\s+)?(.+?)\s+(?:can|may)\s+be\s+(?:empty|missing|blank|left\s+out|omitted|unset)$/i,
    (m) => `make ${m[1]} optional`,
  ],
  [
    /^(?:please\s+)?(?:allow|accept|permit|support)\s+(?:the\s+)?(.+?)\s+without\s+(?:an?\s+|the\s+|any\s+)?(.+)$/i,
    (m) => `make ${m[2]} on ${m[1]} optional`,
  ],
  [
    /^(?:please\s+)?(?:set|mark|flag|declare)\s+(.+?)\s+(?:as|to|to\s+be)\s+(required|optional|mandatory|nullable)$/i,
    (m) => `make ${m[1]} ${m[2]}`,
  ],
  [/^(\w+\.\w+|[\w ]+?)\s*[:=]\s*(required|optional|mandatory|nullable)$/i, (m) => `make ${m[1]} ${m[2]}`],
  [
    /^(?:please\s+)?(?:add|create)\s+(?:an?\s+)?index\s+(?:by|on)\s+(.+?)\s+(?:on|to|for|in)\s+(?:the\s+)?([\w ]+?)(?:\s+table)?$/i,
    (m) => `look up ${m[2]} by ${m[1]}`,
  ],
  [/^(?:please\s+)?index\s+(?:the\s+)?([\w ]+?)\s+(?:on|by)\s+(.+)$/i, (m) => `look up ${m[1]} by ${m[2]}`],
  // Required.
  [
    /^(?:the\s+)?(.+?)\s+(?:is|are|should\s+be|must\s+be|has\s+to\s+be|needs\s+to\s+be)\s+(?:always\s+)?(?:mandatory|required|compulsory)(?:\s+(?:on|in|for)\s+(.+))?$/i,
    (m) => (m[2] ? `make ${m[1]} on ${m[2]} required` : `make ${m[1]} required`),
  ],
  [
    new RegExp(
      String.raw`^${SUBJECT}(.+?)\s+(?:can'?t|cannot|can\s+not|shouldn'?t|must\s+not)\s+be\s+(?:saved|created|stored|added|inserted|written)\s+without\s+${ARTICLE}(.+?)(?:\s+any\s*more)?(?:${CLAUSE}.*)?$`,
      "i",
    ),
    (m) => `make ${m[2]} on ${m[1]} required`,
  ],
  // Remove.
  [
    new RegExp(
      String.raw`^(?:the\s+)?(.+?)\s+(?:is|are)\s+(?:unused|not\s+used|no\s+longer\s+used|obsolete|dead|not\s+needed|no\s+longer\s+needed)${TAIL}(?:so\s+)?(?:please\s+)?(?:remove|delete|drop)\s+(?:it|them)${PLEASE}$`,
      "i",
    ),
    (m) => `remove ${m[1]}`,
  ],
  [
    new RegExp(
      String.raw`^${SUBJECT}(.+?)\s+no\s+longer\s+(?:have|has|need|needs|use|uses|store|stores)\s+${ARTICLE}(.+?)${TAIL}(?:so\s+)?(?:please\s+)?(?:remove|delete|drop)\s+(?:it|them)${PLEASE}$`,
      "i",
    ),
    (m) => `remove ${m[2]} from ${m[1]}`,
  ],
  [
    new RegExp(String.raw`^(?:please\s+)?(?:remove|delete|drop)\s+(?:it|them)${TAIL}(?:the\s+)?(.+)$`, "i"),
    (m) => `remove ${m[1]}`,
  ],
  // Rename.
  [
    /^(?:please\s+)?(?:i(?:\s+(?:want|would\s+like|need)|'d\s+like|\s+'?d\s+like)\s+|we\s+(?:want|need|would\s+like|'d\s+like)\s+|let'?s\s+have\s+)(?:the\s+)?(.+?)\s+(?:renamed|to\s+be\s+renamed|to\s+be\s+named|to\s+be\s+called|called|named)\s+(?:to\s+|as\s+|into\s+)?["'`]?(\w+)["'`]?(?:\s+instead)?$/i,
    (m) => `rename ${m[1]} to ${m[2]}`,
  ],
  [
    /^(?:please\s+)?(?:let'?s\s+)?(?:name|call)\s+(?:the\s+)?(.+?)\s+(?:table\s+|field\s+|column\s+)?["'`]?(\w+)["'`]?(?:\s+instead|\s+from\s+now\s+on|\s+going\s+forward)+$/i,
    (m) => `rename ${m[1]} to ${m[2]}`,
  ],
  [
    /^(?:the\s+)?(.+?)\s+should\s+(?:be\s+(?:named|called|renamed\s+to)|have\s+the\s+name)\s+["'`]?(\w+)["'`]?$/i,
    (m) => `rename ${m[1]} to ${m[2]}`,
  ],
  // Search.
  [
    /^(?:we\s+(?:want|need)|i\s+(?:want|need)|please\s+add|add|enable)\s+(?:full[\s-]?text\s+|text\s+|keyword\s+)?search(?:ing)?\s+(?:on|over|for|across|of|in)\s+(?:the\s+)?(.+)$/i,
    (m) => `search on ${m[1]}`,
  ],
];

/** The canonical command for a sentence, or the sentence itself. */
export function paraphrase(raw: string): string {
  const text = notation(unquote(raw))
    .replace(
      /^(?!\s*(?:please\s+)?(?:rename|change|move|convert|turn|switch|set)\b)(.+?)\s*(?:→|->|=>|⇒)\s*/i,
      "rename $1 to ",
    )
    .replace(/\s*(?:→|->|=>|⇒)\s*/g, " to ")
    // "is it possible to …", "how do I …", "make it so …": the request is what follows.
    .replace(
      /^(?:is\s+it\s+possible\s+to|how\s+(?:do|can|would|should)\s+(?:i|we)|(?:i|we)\s+(?:want|need)\s+to\s+be\s+able\s+to|make\s+it\s+so(?:\s+that)?)\s+/i,
      "",
    )
    // "can you make …?", "could we also allow …": the request is what follows.
    .replace(
      /^(?:(?:ok(?:ay)?|so|hey|hi|now)[,\s]+)?(?:(?:can|could|would|will)\s+(?:you|we)\s+(?:please\s+)?(?:also\s+)?|please\s+(?:also\s+)?|(?:i'?d|we'?d)\s+like\s+(?:you\s+)?to\s+|(?:i|we)\s+(?:want|need)\s+(?:you\s+)?to\s+|let'?s\s+(?:also\s+)?)(?=(?:make|rename|add|remove|delete|drop|change|convert|turn|switch|set|mark|index|allow|give|split|move|separate|link|create|track|store|keep|record|include|put|enable|support|require|stop|filter|look|find|search|sort|query|merge|call|name|let)\b)/i,
      "",
    )
    .replace(/\s*\?$/, "")
    .replace(/[,\s]+please[.!]?$/i, "");
  for (const [re, to] of RULES) {
    const m = re.exec(text);
    if (m) return to(m).replace(/\s+/g, " ").trim();
  }
  return text;
}

/** "rename the 'title' field to "name"": quoted names are names (an apostrophe inside a word is left alone). */
function unquote(text: string): string {
  return text.replace(/(^|[\s(:,])(["'`“‘])([\w .-]+?)(["'`”’])(?=$|[\s),.;:!?])/g, "$1$3");
}

/** "don't really delete deposits, just …" → "to deposits" (the words after "delete"/"deleted", if any). */
function tablesAfterDelete(text: string): string {
  const m =
    /\b(?:delete|deleted|undelete|trash)\s+(?:the\s+|our\s+|any\s+)?([\w' ]+?)(?:\s*[,;.—–]|\s+(?:just|but|and|instead|so)\b|$)/i.exec(
      text,
    );
  return m && !/^(?:them|it|things|stuff|anything)$/i.test(m[1].trim()) ? `to ${m[1].trim()}` : "";
}

/** A refused removal, a sentence break, and a sentence about "it" or "them". */
const REFUSED_THEN_IT =
  /^((?:please\s+)?(?:do not|don'?t|never|not)\s+(?:\w+\s+)?(?:remove|delete|drop|get rid of|ditch|scrap)\b[^.;!?]*?)\s*[.;!?]+\s+((?:[^.;!?]*\s)?(?:it|them)\b[^.;!?]*[.!?]?)$/i;

/**
 * Requests whose parts span sentences: "can auditLogs have a tags field? it should be a list of strings" →
 * "add tags (list of strings) to auditLogs". Applied to the whole request before it is split into sentences.
 */
export function paraphraseRequest(text: string): string {
  // "make amount optional. no, required. actually both": a short message that takes back what it said is one
  // sentence, so the contradiction is seen whole.
  const short = text.length <= 200 && /[.;!?]\s+\S/.test(text.trim());
  if (short && /\b(?:no wait|wait|actually|i mean|or rather|scratch that)\b|(?:^|[.;!?]\s+)no,/i.test(text))
    return text.trim().replace(/[.;!?]+\s+/g, ", ");
  // "don't drop the phone from members; make it mandatory": a refusal and the change of what it kept ("it") are
  // one sentence, so the refused verb is not read alone as a removal and "it" has its field.
  const refused = REFUSED_THEN_IT.exec(text.trim());
  if (refused) return `${refused[1]}, ${refused[2]}`;
  const asked = text.replace(
    /\bcan\s+(?:the\s+|each\s+|every\s+)?([\w ]+?)\s+(?:have|get|store)\s+(?:an?\s+)?([\w ]+?)(?:\s+(?:field|column|property))?\s*\?\s*(?:it|that|this)\s+(?:should|must|would|will|needs\s+to)\s+be\s+(?:an?\s+)?([\w /]+?)\s*[.!]?$/i,
    (_m, t: string, f: string, type: string) => `add ${f} (${type}) to ${t}`,
  );
  return asked !== text ? asked : joinTypeSentence(joinRemovedThenChanged(splitNumbered(text)));
}

/** Symbols and database words that mean what the grammar's words mean. */
function notation(text: string): string {
  return text
    .replace(/^(\w+)\s*\((\w+)\)\s*(?:→|->|=>|:)\s*(required|optional|mandatory|nullable)$/i, "make $1 on $2 $3")
    .replace(/^(.+?)\s*(?:→|->|=>|⇒)\s*(required|optional|mandatory|nullable|non[\s-]?nullable)$/i, "make $1 $2")
    .replace(/\b(?:non[\s-]?nullable|not\s+null(?:able)?)\b/gi, "required");
}
