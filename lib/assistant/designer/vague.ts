/**
 * Specific questions for requests too vague to design: the question names what is unclear, in the user's words
 * ("What are the "things" you want to track…"), instead of a boilerplate request for more detail.
 */

const VAGUE_NOUNS =
  "stuff|things|thing|data|info|information|items|records|entries|content|details|everything|whatever|anything|objects|resources|assets|my life|life";

const PATTERNS: Array<{ re: RegExp; ask: (m: RegExpExecArray) => string }> = [
  {
    // "an app to track my stuff", "manage all our data"
    re: new RegExp(
      `\\b(track|tracks|tracking|manage|manages|managing|store|stores|storing|organi[sz]e|organi[sz]es|keep|keeps|handle|handles|record|records|log|logs|save|saves|collect|collects|list|lists)\\s+(?:of\\s+)?(?:all\\s+|some\\s+|the\\s+|my\\s+|our\\s+|their\\s+|your\\s+|his\\s+|her\\s+|various\\s+|different\\s+|kinds of\\s+)*(${VAGUE_NOUNS})\\b`,
      "i",
    ),
    ask: (m) =>
      `Which "${m[2]}" do you want to ${verbBase(m[1])}? Name the kinds of things (for example "books and loans") and what each one has.`,
  },
  {
    // "an app for my business", "a system for our school"
    re: /\b(?:an?|the|my|our|some)\s+(?:simple\s+|small\s+|new\s+|basic\s+|cool\s+|good\s+)?(?:app|application|system|tool|platform|website|site|backend|database|schema|project|product|thing|solution|program)\s+(?:for|to help|to support|to run|that helps|for running)\s+((?:my|our|a|an|the|their|his|her)\s+[a-z][a-z ]{1,40}?)(?=[.,!?;]|$|\s+(?:please|asap|quickly|thanks))/i,
    ask: (m) =>
      `What should the app for "${m[1].trim()}" keep track of? Name its main things (for example customers, orders, appointments) and how they relate.`,
  },
  {
    // "make me an app", "build a database", "I need a schema"
    re: /^(?:please\s+)?(?:can you\s+|could you\s+)?(?:make|build|create|design|give|set up|need|want|i need|i want)(?:\s+me)?\s+(?:an?|the|my|some)\s+((?:simple\s+|small\s+|new\s+|basic\s+|cool\s+|good\s+|great\s+)?(?:app|application|system|tool|platform|website|site|backend|database|db|schema|project|product))\s*(?:please)?[.!?]*$/i,
    ask: (m) =>
      `What is the ${m[1].trim()} for? Name the things it should store (for example "customers, orders and products").`,
  },
];

function verbBase(verb: string): string {
  const v = verb.toLowerCase();
  const bases = ["organize", "track", "manage", "store", "keep", "handle", "record", "log", "save", "collect", "list"];
  return bases.find((b) => v.startsWith(b.slice(0, Math.max(3, b.length - 1)))) ?? (/^organi/.test(v) ? "organize" : v);
}

/** A question naming what is unclear in `text`, or undefined when nothing in it is recognisably vague. */
export function vagueQuestion(text: string): string | undefined {
  for (const p of PATTERNS) {
    const m = p.re.exec(text.trim());
    if (m) return p.ask(m);
  }
  return undefined;
}

/** A question for a request the designer could not read at all, quoting it (shortened). */
export function unreadableQuestion(text: string): string {
  const quoted = text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text;
  return `I could not find anything to store in "${quoted}". Which things should the app keep (for example "customers, orders and products"), or which table should change?`;
}
