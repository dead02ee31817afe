/**
 * Things an app description names in passing, which a reader still designs a table for: the subject of a feature
 * ("appointment booking", "project management", "game history", "opportunity feed"), the object of an action
 * ("start a conversation", "book an appointment") and the plural nouns of feature lists ("cities and branches").
 * Words about the code, the stack or the product itself are never harvested.
 */
import { ATTRIBUTE_WORDS, NON_ENTITY_WORDS } from "./knowledge/attributes";
import { notationFor } from "./fields";
import { knowledgeOf, roleOf, type Vocabulary } from "./lexicon";
import { learnedEntity } from "./learned";
import { camel, singularPhrase } from "./names";
import { DETERMINERS, INTERFACE_WORDS, NOT_VERBS, termTags, VERBISH, verbInContext } from "./tokens";

/** Words after a noun that make it the subject of a feature: "appointment booking" → appointments. */
const FEATURE_HEADS = new Set([
  "management",
  "manager",
  "managers",
  "booking",
  "bookings",
  "tracking",
  "tracker",
  "trackers",
  "history",
  "histories",
  "feed",
  "feeds",
  "page",
  "pages",
  "list",
  "lists",
  "listing",
  "info",
  "information",
  "details",
  "detail",
  "scheduling",
  "scheduler",
  "creation",
  "sharing",
  "upload",
  "uploads",
  "search",
  "catalog",
  "catalogue",
  "inventory",
  "reminder",
  "reminders",
  "approval",
  "approvals",
  "planning",
  "planner",
  "queue",
  "queues",
  "timeline",
  "portal",
  "submission",
  "submissions",
  "logging",
  "log",
  "logs",
  "records",
  "record",
  "registration",
  "registrations",
  "builder",
  "editor",
  "generation",
  "generator",
  "requests",
  "request",
  "assignment",
  "assignments",
  "matching",
  "recommendations",
  "analytics",
  "reports",
  "reporting",
  "tracing",
  "monitoring",
  "status",
  "updates",
  "notifications",
  "comments",
  "reviews",
  "ratings",
  "settings",
  "preferences",
  "selection",
  "discovery",
  "browsing",
  "ordering",
  "checkout",
  "payments",
  "invoicing",
  "billing",
  "onboarding",
  "verification",
  "collection",
  "collections",
  "library",
  "board",
  "boards",
  "data",
  "storage",
  "snapshots",
  "snapshot",
  "sources",
  "source",
  "quota",
  "quotas",
  "templates",
  "template",
  "tags",
  "categories",
  "votes",
  "voting",
  "sessions",
  "session",
  "profiles",
  "profile",
  "accounts",
  "details",
  "events",
  "entries",
  "count",
  "counts",
  "limits",
  "credits",
  // the app itself: "family banking app", "artifact review", "knowledge base"
  "app",
  "apps",
  "application",
  "platform",
  "system",
  "tool",
  "site",
  "website",
  "dashboard",
  "marketplace",
  "network",
  "hub",
  "base",
  "review",
  "banking",
  "sharing",
  "support",
  "writing",
  "editing",
  "analysis",
  "analyses",
  "rendering",
  "export",
  "import",
  "structure",
  "challenge",
  "integration",
  "processing",
]);

/** Feature heads that name a capability of the software, not a place its records are kept. */
const CAPABILITY_HEADS = new Set(["editor", "integration", "support", "verification"]);

/** Nouns that modify without naming records: "research papers", "health metrics", "equity tokens". */
const MASS = new Set([
  "research",
  "health",
  "equity",
  "metadata",
  "stock",
  "cap",
  "data",
  "content",
  "text",
  "code",
  "user",
  "team",
  "time",
  "money",
  "food",
  "music",
  "sport",
  "weather",
  "energy",
  "fitness",
  "finance",
  "budget",
  "market",
  "web",
  "mobile",
  "email",
  "sms",
  "push",
  "video",
  "audio",
  "image",
  "photo",
  "ai",
  "voice",
  "real",
  "life",
  "work",
  "home",
  "school",
  "travel",
  "water",
  "sleep",
  "mood",
  "brand",
  "design",
  "product",
  "sales",
  "support",
  "safety",
  "security",
  "quality",
  "performance",
  "status",
  "progress",
  "activity",
  "history",
  "usage",
  "access",
  "error",
  "debug",
  "test",
  "demo",
  "sample",
]);

/** Gerunds that name the records they create: "real-time messaging" keeps messages. */
const GERUNDS: Record<string, string> = {
  messaging: "message",
  chatting: "chat",
  posting: "post",
  commenting: "comment",
  voting: "vote",
  bookmarking: "bookmark",
  tagging: "tag",
  invoicing: "invoice",
  journaling: "journal",
  blogging: "post",
};

/**
 * Nouns about software, the stack or the product, never tables of the app being described. Checked on the
 * singular; "api key", "page" or "template" stay possible through the library and the feature heads.
 */
const NOT_HARVESTED = new Set([
  "management",
  "banking",
  "tracking",
  "processing",
  "scheduling",
  "onboarding",
  "billing",
  "invoicing",
  "sharing",
  "feed",
  "capability",
  "browse",
  "context",
  "history",
  "dashboard",
  "local",
  "work",
  "kanban",
  "discovery",
  "master",
  "coordination",
  "writing",
  "coding",
  "landing",
  "tap",
  "formatting",
  "upstream",
  "downstream",
  "push",
  "input",
  "output",
  "control",
  "pattern",
  "filter",
  "requirement",
  "datum",
  "update",
  "communication",
  "operation",
  "transition",
  "recommendation",
  "integration",
  "orchestration",
  "automation",
  "collaboration",
  "productivity",
  "analysis",
  "visibility",
  "responsibility",
  "accountability",
  "app",
  "application",
  "platform",
  "system",
  "tool",
  "feature",
  "integration",
  "design",
  "typography",
  "palette",
  "backend",
  "frontend",
  "ui",
  "ux",
  "api",
  "sdk",
  "cli",
  "stack",
  "framework",
  "component",
  "function",
  "query",
  "mutation",
  "hook",
  "database",
  "schema",
  "deployment",
  "environment",
  "variable",
  "auth",
  "authentication",
  "login",
  "signup",
  "password",
  "development",
  "developer",
  "production",
  "test",
  "testing",
  "demo",
  "prototype",
  "hackathon",
  "repository",
  "repo",
  "monorepo",
  "package",
  "dependency",
  "script",
  "command",
  "flag",
  "support",
  "help",
  "ability",
  "way",
  "time",
  "performance",
  "speed",
  "security",
  "scalability",
  "architecture",
  "technology",
  "tech",
  "web",
  "mobile",
  "ios",
  "android",
  "browser",
  "device",
  "screen",
  "button",
  "modal",
  "layout",
  "theme",
  "color",
  "colour",
  "style",
  "animation",
  "interface",
  "ai",
  "llm",
  "gpt",
  "openai",
  "claude",
  "data",
  "information",
  "info",
  "detail",
  "text",
  "step",
  "flow",
  "process",
  "logic",
  "business",
  "market",
  "industry",
  "language",
  "experience",
  "outcome",
  "problem",
  "solution",
  "version",
  "release",
  "fix",
  "bug",
  "convex",
  "next",
  "nextjs",
  "react",
  "vercel",
  "clerk",
  "tailwind",
  "typescript",
  "javascript",
  "node",
  "npm",
  "github",
  "docker",
  "stripe",
  "polar",
  "resend",
  "openrouter",
  "vite",
  "expo",
  "shadcn",
  "radix",
  "zod",
  "real",
  "realtime",
  "real time",
  "use case",
  "case",
  "user experience",
  "mode",
  "view",
  "state",
  "result",
  "value",
  "level",
  "option",
  "benefit",
  "purpose",
  "reason",
  "goal",
  "need",
  "idea",
  "vision",
  "concept",
  "approach",
  "practice",
  "lifecycle",
  "perspective",
  "empathy",
  "viability",
  "engineering",
  "lot",
  "bit",
  "kind",
  "type",
  "sort",
  "thing",
  "stuff",
  "something",
  "everything",
  "anything",
  "nothing",
  "part",
  "piece",
  "section",
  "area",
  "side",
  "end",
  "start",
  "top",
  "bottom",
  "left",
  "right",
  "first",
  "last",
  "next",
  "previous",
  "new",
  "old",
  "link",
  "url",
  "endpoint",
  "route handler",
  "server action",
  "action",
  "worker",
  "cron",
  "job queue",
  "cache",
  "webhook handler",
  "log",
  "error",
  "warning",
  "debug",
  "debugger",
  "console",
  "terminal",
  "shell",
  "editor",
  "ide",
  "extension",
  "plugin",
  "module",
  "library",
  "file structure",
  "directory",
  "path",
  "config",
  "configuration",
  "env",
  "secret",
  "token usage",
  "usage",
  "license",
  "licence",
  "contribution",
  "contributor",
  "maintainer",
  "star",
  "fork",
  "issue tracker",
  "pull request",
  "commit",
  "branch",
  "merge",
  "build",
  "bundle",
  "compile",
  "deploy",
  "host",
  "hosting",
  "domain",
  "dns",
  "ssl",
  "https",
  "http",
  "json",
  "csv",
  "pdf",
  "html",
  "css",
  "markdown",
  "image generation",
  "model",
  "prompt engineering",
  "inference",
  "latency",
  "throughput",
  "uptime",
  "downtime",
  "price",
  "cost",
  "pricing",
  "free",
  "tier",
  "trial",
  "beta",
  "alpha",
  "preview",
  "launch",
  "roadmap",
  "phase",
  "metric",
  "kpi",
  "insight",
  "overview",
  "summary",
  "description",
  "documentation",
  "doc",
  "guide",
  "tutorial",
  "example",
  "sample",
  "boilerplate",
  "starter",
  "kit",
  "seed",
  "fixture",
  "mock",
  "stub",
  "placeholder",
  "dummy",
  "default",
  "custom",
  "general",
]);

/**
 * Entities (singular words) a request names in passing, over all its clauses. "chat" is a table only when nothing
 * else holds the conversations (channels, rooms, threads).
 */
export function harvestDesign(
  clauses: string[][],
  vocab: Vocabulary,
  editing = false,
  strong: Set<string> = new Set(),
): string[] {
  const document = clauses.length >= 3;
  // A short request on an existing schema is an edit: only what it names outright is new.
  if (editing && !document) return [];
  const all = clauses.flatMap((c) => harvestEntities(c, vocab, document, strong));
  const talk = clauses.some((c) =>
    c.some((w) => /^(?:channels?|conversations?|rooms?|threads?|dms?|chatrooms?)$/.test(w)),
  );
  return [...new Set(all)].filter((e) => !(e === "chat" && talk));
}

/**
 * Entities (singular words) a clause names in passing; each is added to the vocabulary. `document`: a longer
 * description with headings. `strong` receives those named as the subject of a feature ("opportunity feed"), of a
 * structure ("belongs to") or of a hyphenated kind ("allowlist-based"): records even when named once.
 */
export function harvestEntities(
  clause: string[],
  vocab: Vocabulary,
  document = true,
  strong: Set<string> = new Set(),
): string[] {
  const tags = termTags(clause);
  const out: string[] = [];
  const take = (phrase: string, money = false, subject = false, made = false): void => {
    const single = singularPhrase(phrase);
    if (!harvestable(single, money, made) || !harvestable(phrase, money, made)) return;
    vocab.add(single);
    // "people" are users: the vocabulary's own reading of the words decides the entity.
    const ws = single.split(" ");
    const m = vocab.mentions(ws).find((x) => x.start === 0 && x.end === ws.length);
    const entity = m?.entity ?? (vocab.has(single) ? single : undefined);
    if (entity && subject) strong.add(entity);
    if (entity && !out.includes(entity)) out.push(entity);
  };
  const isNoun = (k: number): boolean => {
    const t = tags[k] ?? [];
    // "booking management": a gerund the library knows as a record is a noun here.
    return (
      (t.includes("Noun") || (t.includes("Gerund") && knowledgeOf(clause[k] ?? "") !== undefined)) &&
      !t.includes("Pronoun") &&
      (!t.includes("Gerund") || knowledgeOf(clause[k] ?? "") !== undefined) &&
      /^[a-z][a-z-]*$/.test(clause[k] ?? "") &&
      !DETERMINERS.has(clause[k]) &&
      !VERBISH.has(clause[k]) &&
      !NOT_VERBS.has(clause[k])
    );
  };
  // "each device belongs to a household": a statement of structure names two records, even in words that are
  // usually about the product ("device", "screen").
  const force = (k: number, compound: boolean): void => {
    if (!isNoun(k)) return;
    // "a maintenance team": the noun phrase, not its modifier.
    const phrase = compound && isNoun(k + 1) ? `${clause[k]} ${clause[k + 1]}` : (clause[k] ?? "");
    const single = singularPhrase(phrase);
    const last = single.split(" ").pop() ?? "";
    if (single.length < 3 || ATTRIBUTE_WORDS.has(last) || NON_ENTITY_WORDS.has(last)) return;
    vocab.add(single);
    strong.add(single);
    if (!out.includes(single)) out.push(single);
  };
  for (let k = 1; k + 2 < clause.length; k++) {
    if (!/^(?:belongs?|belonged)$/.test(clause[k]) || clause[k + 1] !== "to") continue;
    force(k - 1, false);
    force(/^(?:a|an|the|one|exactly|single|its|their)$/.test(clause[k + 2]) ? k + 3 : k + 2, true);
  }
  for (let k = 0; k < clause.length; k++) {
    const word = clause[k];
    if (GERUNDS[word]) take(GERUNDS[word]);
    // "an AI chat app", "chat-first interface": conversations are records of the app.
    if (/^(?:chat|chats|chatbot|chat-\w+)$/.test(word) && !/^(?:with|about)$/.test(clause[k + 1] ?? "")) take("chat");
    // "session-based auth", "location-aware", "allowlist-based restrictions"
    const hyphen =
      /^([a-z]{3,})-(?:based|aware|first|level|driven|centric|scoped|specific|wide|powered|enabled|only|gated)$/.exec(
        word,
      );
    if (hyphen && harvestable(hyphen[1], true)) take(hyphen[1], false, true);
    // "class/session tooling": words joined by a slash are alternatives of the same kind.
    // Only when one of them is known as a record: "font/layout changes", "send/receive" name no records.
    if (
      clause[k + 1] === "/" &&
      isNoun(k + 2) &&
      isNoun(k) &&
      [clause[k], clause[k + 2]].some((w) => {
        const single = singularPhrase(w);
        return knowledgeOf(single) !== undefined || learnedEntity(single) !== undefined;
      })
    ) {
      take(clause[k]);
      take(clause[k + 2]);
    }
    // A short heading or bullet that is a noun phrase ("Tasks", "Team members").
    if (document && k === 0 && clause.length <= 4 && clause.every((w, j) => isNoun(j) || /^(?:and|&|,)$/.test(w))) {
      for (let j = 0; j < clause.length; j++)
        if (
          isNoun(j) &&
          singularPhrase(clause[j]) === clause[j] &&
          !FEATURE_HEADS.has(clause[j]) &&
          // "Contract Features", "Transaction debugger": only a kind of record the library or learned.json knows.
          (knowledgeOf(clause[j]) !== undefined || learnedEntity(clause[j]) !== undefined)
        )
          take(clause[j]);
    }
    // "your circle's drops" (read as "drops of circle"): the owner of records is a record.
    if (
      clause[k - 1] === "of" &&
      isNoun(k) &&
      singularPhrase(word) === word &&
      !isNoun(k + 1) &&
      (tags[k - 2] ?? []).includes("Plural") &&
      vocab.has(singularPhrase(clause[k - 2] ?? ""))
    )
      take(word, false, true);
    // "per organization", "each equipment", "by specialty and branch": the thing counted by is a record.
    if (/^(?:per|each|every)$/.test(clause[k - 1] ?? "") && isNoun(k) && singularPhrase(word) === word)
      take(word, false, true, true);
    // "appointment booking", "task and calendar manager", "game history"
    if (FEATURE_HEADS.has(clause[k + 1] ?? "") && isNoun(k) && singularPhrase(word) === word) {
      // "a Monaco editor", "timezone support", "calendar integration", "email verification": what a capability of
      // the software works with is a table only when the request says more about it (index.ts, ownsSomething).
      take(word, true, !CAPABILITY_HEADS.has(clause[k + 1] ?? ""));
      // "kanban board", "reading list": the head is a record too.
      // (only a kind of record the library or learned.json knows: "history tracking" keeps no "trackings")
      if (RECORD_HEADS.has(clause[k + 1]) && known(singularPhrase(clause[k + 1]))) take(clause[k + 1]);
      if (clause[k - 1] === "and" && isNoun(k - 2)) take(clause[k - 2]);
    }
    // "start a conversation", "book an appointment" (but "build a blog with …" names the app, not a record)
    const t = tags[k] ?? [];
    const buildsTheApp =
      k <= 2 &&
      /^(?:design|designs|build|builds|create|creates|make|makes|develop|need|want|write|set|start|launch)$/.test(word);
    if (
      !buildsTheApp &&
      t.includes("Verb") &&
      !t.includes("Auxiliary") &&
      !t.includes("Modal") &&
      !t.includes("Noun") &&
      /^(?:a|an|the|new|one|each)$/.test(clause[k + 1] ?? "") &&
      isNoun(k + 2) &&
      !/^(?:of|to)$/.test(clause[k + 3] ?? "")
    ) {
      take(
        isNoun(k + 3) && !FEATURE_HEADS.has(clause[k + 3]) ? `${clause[k + 2]} ${clause[k + 3]}` : clause[k + 2],
        false,
        false,
        CREATES.test(word),
      );
    }
    // plural nouns: "cities and branches", "message quotas" (but "a worker handles the upload", "it produces a
    // resume": a word ending in -s right before a determiner is a verb)
    const verbBeforeObject =
      /^(?:a|an|the|your|their|its|his|her|our|my|this|that|these|those|every|each|all|any)$/.test(
        clause[k + 1] ?? "",
      ) && !knowledgeOf(singularPhrase(word));
    if (
      t.includes("Plural") &&
      isNoun(k) &&
      singularPhrase(word) !== word &&
      !verbBeforeObject &&
      !verbInContext(clause, tags, k)
    ) {
      const modifier =
        isNoun(k - 1) &&
        singularPhrase(clause[k - 1]) === clause[k - 1] &&
        !FEATURE_HEADS.has(clause[k - 1]) &&
        harvestable(clause[k - 1]);
      take(modifier ? `${clause[k - 1]} ${word}` : word, true);
      // "wallet snapshots", "message quotas": a countable modifier is a record of its own.
      if (modifier && harvestable(word) && !(tags[k - 1] ?? []).includes("Uncountable") && !MASS.has(clause[k - 1]))
        take(clause[k - 1], false, true);
    }
  }
  return out;
}

/**
 * Singular nouns the request uses as the head of a noun phrase somewhere (not right before another noun):
 * "connect a wallet" has "wallet" as a head, "wallet snapshots" does not.
 */
export function headNouns(clauses: string[][], vocab?: Vocabulary): Set<string> {
  const out = new Set<string>();
  for (const clause of clauses) {
    const tags = termTags(clause);
    for (let k = 0; k < clause.length; k++) {
      if (!/^[a-z]/.test(clause[k])) continue;
      const next = tags[k + 1] ?? [];
      if (next.includes("Noun") && !next.includes("Pronoun") && /^[a-z]/.test(clause[k + 1] ?? "")) continue;
      // "maintenance requests are raised": the tagger may read "requests" as a verb, but the pair names a record.
      if (vocab?.has(`${singularPhrase(clause[k])} ${singularPhrase(clause[k + 1] ?? "")}`)) continue;
      out.add(singularPhrase(clause[k]));
    }
  }
  return out;
}

/** Feature heads that are records themselves: "kanban board", "reading list", "request queue". */
const RECORD_HEADS = new Set([
  "board",
  "list",
  "queue",
  "collection",
  "library",
  "catalog",
  "session",
  "report",
  "request",
  "submission",
  "record",
  "log",
  "snapshot",
  "source",
  "profile",
  "account",
  "event",
  "entry",
  "template",
  "booking",
  "registration",
  "assignment",
  "reminder",
  "approval",
  "feed",
]);

/** `money`: amounts named as records ("payouts", "balances", "payout tracking") are tables in these positions. */
/** Verbs that make a record: "create an endpoint", "enter a prompt", "add a device". */
const CREATES =
  /^(?:create|creates|add|adds|enter|enters|submit|submits|upload|uploads|post|posts|send|sends|book|books|save|saves|log|logs|record|records|publish|publishes|invite|invites|open|opens|register|registers|report|reports|file|files|place|places|leave|leaves|connect|connects|schedule|schedules|define|defines|configure|configures)$/;

/**
 * `made`: named where a record is made or counted ("create an endpoint", "per device", "each branch"): a word
 * about the software (NOT_HARVESTED) is a record there too; a word about how the interface looks never is.
 */
function harvestable(phrase: string, money = false, made = false): boolean {
  const single = singularPhrase(phrase);
  if (!single || single.length < 3) return false;
  const last = single.split(" ").pop() ?? "";
  if (
    (!made && (NOT_HARVESTED.has(single) || NOT_HARVESTED.has(last))) ||
    INTERFACE_WORDS.has(last) ||
    NON_ENTITY_WORDS.has(single) ||
    NON_ENTITY_WORDS.has(last)
  )
    return false;
  if (knowledgeOf(single)) return true;
  if (ATTRIBUTE_WORDS.has(last) || roleOf(single)) return false;
  return ["string", "text", "any", ...(money ? ["money"] : [])].includes(notationFor("", camel(phrase)).notation);
}

/** A kind of record the library or learned.json (real apps) knows. */
function known(word: string): boolean {
  return knowledgeOf(word) !== undefined || learnedEntity(word) !== undefined;
}
