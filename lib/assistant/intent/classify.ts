/**
 * What a chat message asks for: a design, a change, code, a performance review, a schema review, an
 * explanation, the impact of a change, or something off-topic. Each intent needs a phrase shaped like it (a verb
 * governing its object), never a lone word: "guests scan a QR code" and "members join with a join code" are designs.
 */
import type { SchemaModel } from "../../schema/model";
import { QUERY_VERBS } from "../changes/query-index";
import { readRequest } from "../changes/reader";
import { words } from "../designer/names";
import { resolveTableLoose } from "../designer/resolve";

export type Intent = "design" | "change" | "code" | "optimize" | "lint" | "explain" | "impact" | "offtopic";

export interface IntentResult {
  intent: Intent;
  /** For "impact": the operation asked about and what it targets ("rename", "tasks.title"). */
  action?: "rename" | "remove" | "change" | "use";
  target?: string;
}

const LEAD = String.raw`^(?:(?:please|ok|okay|now|hey|so|and|also)[\s,]+)*(?:(?:can|could|would|will)\s+you\s+|(?:can|could|should|shall)\s+we\s+|i\s+(?:want|need|would like|'d like)\s+(?:you\s+)?to\s+|let'?s\s+|help\s+me\s+)?`;

// Code: a making verb whose object's head is code ("generate CRUD for tasks", "write the queries for comments").
const CODE_NOUN = String.raw`(?:crud(?:\s+(?:functions?|operations?|endpoints?|api|code|mutations?|queries))?|functions?|quer(?:y|ies)|mutations?|apis?|endpoints?|code|handlers?|actions?|validators?|seed(?:\s+data)?|tests?|backend\s+code|typescript)`;
const CODE_REQUEST = new RegExp(
  String.raw`${LEAD}(?:generate|scaffold|write|create|make|give\s+me|build|produce|spit\s+out|set\s+up)\s+(?:me\s+)?(?:the\s+|some\s+|a\s+|an\s+|all\s+(?:the\s+)?)?(?:(?:basic|simple|full|typescript|convex|backend|server|boilerplate|standard|default|needed|necessary|usual|list|get|read|insert|update|delete|create)\s+|,\s*)*${CODE_NOUN}\b(?!\s+(?:table|field|column|index|app|application|system|platform|tracker|site|schema|faster|quicker|more efficient|better|run|keys?|tokens?|calls?|usage|limits?|requests?|logs?|that\s+(?:is|are)\s+slow))`,
  "i",
);
const CRUD_FOR = /\bcrud\s+(?:for|on|over)\b/i;
const SPEED = /\b(?:fast(?:er)?|quick(?:er|ly)?|efficient(?:ly)?|performant|slow(?:er)?|snappy|snappier|speed\s+up)\b/i;

// Questions about the project's speed, asked of the assistant (anchored: a README saying "fast" or "optimized"
// describes an app, it does not ask for a review).
const OPTIMIZE = [
  new RegExp(
    String.raw`${LEAD}(?:make|get)\s+(?:it|this|things|everything|(?:the|my|our)\s+\w+(?:\s+\w+)?|(?:\w+\s+){0,3}?quer(?:y|ies)|[\w ]{1,30}?)\s+(?:faster|quicker|snappier|more\s+efficient|cheaper|perform\s+better|less\s+slow)\b`,
    "i",
  ),
  /^(?:so\s+|and\s+|but\s+|hmm,?\s+)?why\s+(?:is|are|does|do)\b[^?]*\b(?:slow|sluggish|take\s+so\s+long|so\s+long|expensive|reading\s+so\s+many|read\s+so\s+many|time\s+out|timing\s+out)\b/i,
  new RegExp(
    String.raw`${LEAD}(?:speed\s+(?:it\s+|things\s+|\w+\s+)?up|optimi[sz]e|improve\s+(?:the\s+)?(?:performance|speed|latency)|find\s+(?:the\s+|my\s+)?(?:slow|expensive)|check\s+(?:the\s+)?performance|review\s+(?:the\s+)?(?:performance|queries))\b`,
    "i",
  ),
  /^(?:are\s+there\s+(?:any\s+)?|any\s+|find\s+(?:me\s+)?|show\s+(?:me\s+)?|list\s+)?(?:the\s+)?(?:missing\s+indexes|unused\s+indexes|slow\s+(?:queries|functions|reads)|full\s+table\s+scans|performance\s+(?:issues|problems))\b/i,
  /^(?:what(?:'s|\s+is)\s+slow|(?:is|are)\s+(?:it|this|my\s+app|anything|my\s+quer(?:y|ies))\s+slow|(?:which|what)\s+indexes\s+(?:should|do|am|are))\b/i,
  /^(?:it'?s|this\s+is|the\s+app\s+is|my\s+app\s+is|everything\s+is)\s+(?:too\s+|really\s+|so\s+|very\s+)?slow\b/i,
];

const LINT = [
  /\b(?:is|are)\s+(?:my|the|this|our)\s+(?:schema|data\s+model|tables?)\s+(?:ok|okay|good|fine|alright|all\s+right|correct|valid|sound|healthy|well[-\s]designed|any\s+good|right)\b/i,
  /\b(?:review|check|lint|audit|validate|assess|evaluate|grade|score|rate|critique)\s+(?:my|the|this|our)\s+(?:schema|data\s+model|tables|database\s+design)\b/i,
  /\bhealth\s*score\b|\bschema\s+(?:health|quality|review|problems|issues)\b/i,
  /\bwhat(?:'s|\s+is)\s+wrong\s+with\s+(?:my|the|this|our)\s+(?:schema|tables|data\s+model)\b/i,
  /\b(?:any|are\s+there(?:\s+any)?)\s+(?:problems|issues|mistakes|warnings|lint\s+(?:errors|warnings)|red\s+flags)\b(?!.*\b(?:app|where|users?\s+can)\b)/i,
  /\b(?:does|do)\s+(?:my|the|this|our)\s+schema\s+follow\s+best\s+practices\b|\bbest\s+practices\b.*\bschema\b/i,
];

const IMPACT: [RegExp, number, number][] = [
  [
    /\bwhat\s+(?:breaks|would\s+break|will\s+break|could\s+break|happens|would\s+happen|fails|would\s+fail|is\s+affected|gets\s+affected|needs\s+to\s+change|do\s+i\s+need\s+to\s+change)\b.*?\b(?:if|when)\s+(?:i|we|you)\s+(rename|remove|delete|drop|change|make)\s+(.+?)\??$/i,
    1,
    2,
  ],
  [
    /\b(?:impact|effect|consequences?|blast\s+radius)\s+of\s+(renaming|removing|deleting|dropping|changing)\s+(.+?)\??$/i,
    1,
    2,
  ],
  [
    /\bcan\s+(?:i|we)\s+(?:safely\s+)?(rename|remove|delete|drop|change)\s+(.+?)(?:\s+safely)?(?:\s+without\s+breaking\s+anything)?\??$/i,
    1,
    2,
  ],
  [/\bis\s+it\s+safe\s+to\s+(rename|remove|delete|drop|change)\s+(.+?)\??$/i, 1, 2],
  [
    /\b(?:which|what)\s+(?:functions?|quer(?:y|ies)|mutations?|code|files?)\s+(?:use|uses|read|reads|write|writes|touch|touches|depend\s+on|depends\s+on|reference|references|index|query|queries)\s+(.+?)\??$/i,
    0,
    1,
  ],
  [/\bwho\s+(?:uses|reads|writes|touches|depends\s+on|references)\s+(.+?)\??$/i, 0, 1],
  [/\bwhere\s+(?:is|are)\s+(.+?)\s+(?:used|read|written|queried|referenced)\b/i, 0, 1],
  [/\bwhat\s+(?:uses|reads|writes|depends\s+on|references)\s+(.+?)\??$/i, 0, 1],
];

const EXPLAIN = [
  /^(?:please\s+)?(?:explain|describe|summari[sz]e|walk\s+me\s+through|give\s+me\s+an\s+overview\s+of)\s+(?:my\s+|the\s+|this\s+|our\s+)?(.+?)\??$/i,
  /^(?:what|which)\s+(?:does|do)\s+(?:the\s+)?(.+?)\s+(?:table\s+|tables\s+)?(?:store|hold|contain|mean|do|look\s+like)\??$/i,
  /^what(?:'s|\s+is|\s+are)\s+(?:in\s+)?(?:my|the|this|our)\s+(schema|tables|data\s+model)\??$/i,
  /^(?:tell\s+me\s+about|what\s+about)\s+(?:my\s+|the\s+|this\s+)?(.+?)\??$/i,
];

const OFF_TOPIC = [
  new RegExp(
    String.raw`${LEAD}(?:write|compose|tell|sing|give|make|create|generate|recite|draft)\s+(?:me\s+|us\s+)?(?:a|an|some|another|one\s+more)\s+(?:\w+\s+){0,2}?(?:poem|haiku|limerick|sonnet|song|lyrics|rap|joke|riddle|story|fairy\s+tale|essay|novel|pun|tweet|love\s+letter)s?\b`,
    "i",
  ),
  /\b(?:weather|forecast|temperature\s+(?:today|tomorrow|outside)|rain(?:ing)?\s+(?:today|tomorrow)|stock\s+price|horoscope|lottery|who\s+won|score\s+of\s+the|capital\s+of|president\s+of|population\s+of|meaning\s+of\s+life|tallest|how\s+far\s+is)\b/i,
  /\b(?:what\s+time\s+is\s+it|what\s+day\s+is\s+(?:it|today)|what(?:'s|\s+is)\s+the\s+date|how\s+are\s+you|who\s+are\s+you|what(?:'s|\s+is)\s+your\s+name|are\s+you\s+(?:a\s+)?(?:human|real|alive|sentient|an?\s+ai))\b/i,
  new RegExp(String.raw`${LEAD}(?:book|order|buy|reserve|call|email|text|remind|send|play|wake)\s+(?:me|us)\b`, "i"),
  new RegExp(
    String.raw`${LEAD}(?:help\s+me\s+(?:write|draft|plan|pick|choose|find)|write\s+(?:me\s+)?(?:a|an)\s+(?:\w+\s+){0,2}(?:card|letter|speech|toast|message|note|cover\s+letter))\b`,
    "i",
  ),
  new RegExp(
    String.raw`${LEAD}(?:explain|teach\s+me|tell\s+me\s+about|describe)\s+(?!(?:my|the|this|our)\s+(?:schema|tables?|data\s+model|database|project|app)\b)`,
    "i",
  ),
  /\b(?:translate|tell\s+me\s+a|sing\s+(?:me\s+)?a|recommend\s+(?:a|me\s+a)\s+(?:movie|book|restaurant|song)|plan\s+(?:my|a)\s+(?:trip|vacation|holiday)|cook(?:ing)?\s+(?:dinner|pasta)|recipe\s+for\s+(?!an?\s+app))\b/i,
];
/**
 * Deliverables that are never a schema, whatever they are about: "write a haiku about database migrations",
 * "draft an apology email to a customer", "translate … into French", "recommend a book on data modelling".
 */
const NOT_A_SCHEMA_DELIVERABLE = [
  new RegExp(
    String.raw`${LEAD}(?:write|compose|tell|sing|recite|draft|generate|come\s+up\s+with|give\s+(?:me|us)|suggest|make|create|design|draw)\s+(?:me\s+|us\s+)?(?:a|an|some|another|one\s+more|\d+|a\s+few|a\s+couple\s+of)\s+(?:[\w-]+\s+){0,2}?(?:poems?|haikus?|limericks?|sonnets?|songs?|lyrics|raps?|jokes?|riddles?|stor(?:y|ies)|essays?|tweets?|slogans?|taglines?|press\s+releases?|speech(?:es)?|toasts?|logos?|regex(?:es)?|regular\s+expressions?|(?:startup|company|brand|product)\s+names?|names\s+for\s+(?:a|an|my|our)\s+(?:startup|company|business|brand))\b`,
    "i",
  ),
  /\b(?:apology|welcome|thank[-\s]you|marketing|sales|cold|follow[-\s]up)\s+(?:email|e-mail|letter|message)\b/i,
  /^(?:please\s+|can\s+you\s+|could\s+you\s+)?translate\b.*\b(?:into|to)\s+[A-Z][a-z]+\s*[.!?]?$/,
  /\brecommend\s+(?:me\s+)?(?:a|an|some)\s+(?:good\s+|great\s+)?(?:books?|movies?|films?|courses?|restaurants?|songs?|podcasts?|laptops?|shows?)\b/i,
];

const SMALL_TALK =
  /^(?:hi|hello|hey|yo|hiya|thanks|thank\s+you|thx|cheers|good\s+(?:morning|afternoon|evening|night)|ok(?:ay)?|cool|great|nice|bye|goodbye|see\s+you|lol|haha|test(?:ing)?|ping)[\s!.?,:)]*(?:there|you|so\s+much|a\s+lot)?[\s!.?,:)]*$/i;

/** Words that tie a message to the schema or to designing an app, whatever else it says. */
const SCHEMA_CUE =
  /\b(?:schema|tables?|fields?|columns?|index(?:es)?|database|db|convex|app|apps|application|platform|system|website|site|backend|store|stores|storing|track|tracks|tracking|model|models|queries|query|mutations?|relation(?:ship)?s?|documents?|records?|entity|entities|users?\s+can|crud|design|keys?|migrations?|validators?|ids?)\b/i;

/** A field said the way code says it: a camelCase name, a type word ("we need sortKey too (string)", "an archived flag"). */
const FIELD_CUE =
  /\b[a-z]{2,}[A-Z][A-Za-z0-9]*\b|\b(?:string|boolean|bool|flag|integer|int|float|timestamp|datetime|enum|array|v\.\w+)\b/;

const DESIGN_CUE =
  /^(?:please\s+)?(?:design|architect|model)\s+(?:me\s+)?(?:a|an|the|my|our)\b|\b(?:design|build|create|make|start|set\s+up|model|plan|sketch)\s+(?:me\s+)?(?:a|an|the|my|our)\b[^.]*?\b(?:app|application|platform|system|site|website|tool|tracker|manager|marketplace|service|backend|schema|database|clone|crm|erp|portal|game|shop|store)\b|\b(?:an?|the|my|our)\s+[\w -]{0,40}?(?:app|application|platform|system|website|tool|tracker|marketplace|clone|backend|crm|portal)\s+(?:where|that|which|for|with|to|in)\b/i;

/** Longest message read as a question to the assistant (optimizer, lint, impact, code, explain, off-topic). */
const SHORT = 240;

const READ_PATTERN = new RegExp(String.raw`\b${QUERY_VERBS}\s+(?:\w+\s+){1,4}?by\s+\w`, "i");

/** Classifies one chat message against the current schema. Pure and fast (regular expressions only). */
export function classifyIntent(request: string, schema: SchemaModel): IntentResult {
  const text = request.trim().replace(/\s+/g, " ");
  const namesTable = mentionsTable(text, schema);
  // Questions to the assistant are short; a long text describes an app (a README that says "fast" or "optimized").
  const short = text.length <= SHORT;
  if (SMALL_TALK.test(text)) return { intent: "offtopic" };
  if (short && NOT_A_SCHEMA_DELIVERABLE.some((re) => re.test(text))) return { intent: "offtopic" };
  if (short && OFF_TOPIC.some((re) => re.test(text)) && !SCHEMA_CUE.test(text) && !namesTable)
    return { intent: "offtopic" };
  if (!short) return { intent: schema.tables.length === 0 || DESIGN_CUE.test(text) ? "design" : "change" };
  for (const [re, actionAt, targetAt] of IMPACT) {
    const m = re.exec(text);
    if (m)
      return {
        intent: "impact",
        action: actionAt ? impactAction(m[actionAt]) : "use",
        target: cleanTarget(m[targetAt]),
      };
  }
  // "speed up finding documents by content" names its read pattern: that is an index to add, not a review.
  // "optimize capability events queries by created at": a table read by one of its fields, said after "by".
  const readPattern =
    namesTable && (READ_PATTERN.test(text) || (/\bby\s+[a-z]/i.test(text) && mentionsField(afterBy(text), schema)));
  // "could you make lookups of tasks by project faster?": when the change grammar reads a concrete lookup or edit
  // of the schema's tables from it, it is that change (an index, or "already has one"), not a review.
  if (
    OPTIMIZE.some((re) => re.test(text)) &&
    !readPattern &&
    !/\b(?:add|create)\s+(?:an?\s+)?index\b/i.test(text) &&
    !(namesTable && readRequest(text, schema) !== undefined)
  )
    return { intent: "optimize" };
  if (LINT.some((re) => re.test(text))) return { intent: "lint" };
  // "make queries on users by email fast" asks for speed (an index), not for code.
  if (
    (CODE_REQUEST.test(text) || CRUD_FOR.test(text)) &&
    !/\bcrud\s+(?:app|application|system)\b/i.test(text) &&
    !SPEED.test(text) &&
    // "make the validator for tasks.dueDate optional" changes the schema's presence, not code.
    !/\b(?:required|optional|mandatory|nullable|non-?optional)\b/i.test(text)
  )
    return { intent: "code" };
  for (const re of EXPLAIN) {
    const m = re.exec(text);
    if (m && explainable(m[1], schema)) return { intent: "explain", target: cleanTarget(m[1]) };
  }
  // On a project that has tables, a short message that names none of them, none of their fields, no schema word and
  // no command is not about the schema ("what's the capital of France", "order me a pizza").
  if (
    schema.tables.length > 0 &&
    !namesTable &&
    !SCHEMA_CUE.test(text) &&
    !FIELD_CUE.test(text) &&
    !DESIGN_CUE.test(text) &&
    !COMMAND_START.test(text) &&
    !mentionsField(text, schema)
  )
    return { intent: "offtopic" };
  if (schema.tables.length === 0 || DESIGN_CUE.test(text)) return { intent: "design" };
  return { intent: "change" };
}

function impactAction(verb: string): IntentResult["action"] {
  const v = verb.toLowerCase();
  if (v.startsWith("renam")) return "rename";
  if (/^(?:remov|delet|drop)/.test(v)) return "remove";
  return "change";
}

function cleanTarget(phrase: string): string {
  // "title to name on tasks" → "title on tasks": the new name is not what is affected.
  return (
    phrase
      .replace(/\s+(?:to|into|as)\s+["'`]?[\w ]+?["'`]?(?=\s+(?:on|in|of|from|for|at)\s|[?.!\s]*$)/i, "")
      // "dueDate required on tasks": what it would become is not what is affected either.
      .replace(/\s+(?:required|optional|mandatory|nullable|unique|non-?optional)\b/i, "")
      .replace(/[?.!]+$/, "")
      .trim()
  );
}

/** The words after the first "by": the fields a read is said to be by. */
function afterBy(text: string): string {
  return text.slice(text.search(/\bby\s/i) + 3);
}

/**
 * "explain tasks", "describe my schema", "what does the comments table store": only things the schema has, said
 * alone ("what about an index on users by authId?" names a table inside a change: that is no explanation).
 */
function explainable(phrase: string, schema: SchemaModel): boolean {
  const p = phrase
    .toLowerCase()
    .replace(/^(?:my|the|this|our)\s+/, "")
    .replace(/\s+tables?$/, "");
  if (/^(?:schema|tables|data model|database|model)$/.test(p)) return schema.tables.length > 0;
  const dotted = /^([a-z_]\w*)\.[a-z_]\w*$/i.exec(p);
  return resolveTableLoose(schema, dotted ? dotted[1] : p) !== undefined;
}

const COMMAND_START = new RegExp(
  String.raw`${LEAD}(?:add|make|rename|remove|delete|drop|change|convert(?!\s+\d)|turn|switch|set|mark|index|link|connect|relate|include|give(?!\s+(?:me|us)\b)|allow|require|get\s+rid|enable|create|put|store|track|split|separate|move|merge|extract|every|each|all|some|not\s+every|no|our|the)\b`,
  "i",
);

/** Whether the text names a field of any table ("allow an empty lastUpdated", "the due date"). */
function mentionsField(text: string, schema: SchemaModel): boolean {
  const ws = ` ${words(text).join(" ")} `;
  return schema.tables.some((t) =>
    t.fields.some((f) => {
      const fw = words(f.name);
      return (
        ws.includes(` ${fw.join(" ")} `) ||
        (fw.length > 1 && fw.at(-1) === "id" && ws.includes(` ${fw.slice(0, -1).join(" ")} `))
      );
    }),
  );
}

/** Whether the text names a table of the schema (any spelling, singular or plural). */
export function mentionsTable(text: string, schema: SchemaModel): boolean {
  const ws = words(text);
  const set = new Set(ws);
  return schema.tables.some((t) => {
    const tw = words(t.name);
    if (tw.length === 1) return set.has(tw[0]) || set.has(tw[0].replace(/s$/, ""));
    // "a leaderboard snapshot" names leaderboardSnapshots, "aiConversation" names aiConversations.
    const said = ` ${ws.join(" ")} `;
    const name = tw.join(" ");
    return said.includes(` ${name} `) || said.includes(` ${name.replace(/s$/, "")} `);
  });
}
