/**
 * Fields for an entity the library does not know and the request gives no attributes for, so that no table is
 * ever created empty: what real Convex schemas give tables of that name (learned, knowledge/learned.json), else
 * what the head noun says ("watering log" is a log, "reading list" a list), else a name.
 */
import { knowledgeOf } from "./lexicon";
import { learnedFields } from "./learned";

/** Head nouns of kinds of things, and the fields a first schema gives them (knowledge notation). */
const KINDS: Array<{ heads: RegExp; fields: Record<string, string> }> = [
  {
    heads:
      /^(?:list|collection|board|folder|group|playlist|album|space|server|deck|shelf|portfolio|bucket|set|category|section|library|gallery|catalog|queue|channel|room|team|circle|community)$/,
    fields: { name: "string", description: "text?" },
  },
  {
    heads:
      /^(?:log|entry|record|reading|measurement|check|checkin|visit|session|event|occurrence|history|sample|observation|report|incident)$/,
    fields: { date: "time", notes: "text?" },
  },
  {
    heads:
      /^(?:post|note|article|story|episode|page|message|question|answer|prompt|snippet|quote|idea|draft|memo|journal|thread|announcement|update|tweet|status|doc|document|essay|chapter|lesson|guide|tutorial|recipe|review|comment|reply|feedback|suggestion|request|proposal|submission)$/,
    fields: { title: "string", body: "text" },
  },
  {
    heads:
      /^(?:player|guest|member|volunteer|tenant|employee|person|friend|participant|subscriber|customer|client|patient|student|teacher|coach|athlete|artist|speaker|mentor|mentee|candidate|applicant|contact|owner|host|worker|staff|user|admin|moderator|reviewer|author|creator|follower|buyer|seller|landlord|renter|traveler|traveller|donor)$/,
    fields: { name: "string", email: "email?" },
  },
  {
    heads:
      /^(?:file|image|photo|picture|video|audio|recording|attachment|upload|document|asset|media|clip|track|song|podcast)$/,
    fields: { name: "string", storageId: "string" },
  },
  {
    heads:
      /^(?:payment|transaction|expense|charge|invoice|bill|donation|purchase|sale|refund|payout|tip|fee|deposit|withdrawal|order)$/,
    fields: { amount: "money", description: "string?" },
  },
  {
    heads: /^(?:task|todo|chore|step|item|goal|habit|milestone|reminder|objective|action)$/,
    fields: { title: "string", done: "boolean" },
  },
  {
    heads: /^(?:vote|like|reaction|rating|score|point|star|favorite|favourite|follow|view|click|upvote)$/,
    fields: { value: "number?" },
  },
  { heads: /^(?:bookmark|link|resource|website|feed|source)$/, fields: { url: "url", title: "string" } },
  {
    heads: /^(?:game|match|round|tournament|race|contest|challenge|quiz|puzzle|level)$/,
    fields: { name: "string", status: "enum:pending|active|finished" },
  },
  {
    heads: /^(?:invite|invitation|request|application|booking|reservation|appointment|rsvp)$/,
    fields: { status: "enum:pending|accepted|declined", respondedAt: "time?" },
  },
  { heads: /^(?:setting|preference|config|configuration|profile|settings)$/, fields: { data: "record" } },
];

/** Fields (knowledge notation) for an entity with no attributes of its own. */
export function fallbackFields(entity: string): Record<string, string> {
  const learned = learnedFields(entity);
  if (learned && Object.keys(learned).length) return learned;
  const head = entity.split(" ").pop() ?? entity;
  const known = head !== entity ? knowledgeOf(head) : undefined;
  if (known && Object.keys(known.fields).length) return known.fields;
  for (const k of KINDS) if (k.heads.test(head)) return k.fields;
  return { name: "string" };
}
