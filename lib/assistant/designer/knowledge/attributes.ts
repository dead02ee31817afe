/**
 * How an attribute named in a request becomes a field: ordered rules on the camelCase name, first match wins,
 * plus default values for status-like unions. Each rule's assumption is reported to the user when it fires.
 */

export interface AttributeRule {
  test: RegExp;
  /** Type in the knowledge notation (see types.ts). */
  type: string;
  assumption?: string;
}

export const ATTRIBUTE_RULES: AttributeRule[] = [
  { test: /^(is|has|can|should|was|allow)[A-Z]/, type: "boolean" },
  { test: /^(active|archived|completed|published|verified|enabled|disabled|paid|done|pinned|featured|private|public|approved|deleted|read|visible|blocked|confirmed|starred|resolved)$/, type: "boolean" },
  { test: /^(phone|phoneNumber|mobile|zip|zipCode|postalCode|sku|isbn|vin|code|slug|currency|color|colour|timezone|locale|language|country|city|state|address|street|region)$/, type: "string" },
  { test: /(^e?mail|Email)$|^emailAddress$/, type: "email" },
  { test: /(Url|Link|Website|^url|^link|^website|^homepage)$/, type: "url" },
  { test: /^(avatar|image|photo|logo|picture|thumbnail|cover|banner|icon)(Url)?$/, type: "url" },
  { test: /(Ids|^ids)$/, type: "tags" },
  { test: /^(tags|labels|keywords|aliases|skills|categories|interests|images|photos|urls|links)$/, type: "tags" },
  { test: /(?:Price|Amount|Total|Cost|Salary|Balance|Fee|Revenue|Budget|Subtotal|Tax|Discount|Payout|Deposit|Refund|Wage|Rent)$|^(?:price|amount|total|cost|salary|balance|fee|revenue|budget|subtotal|tax|discount|payout|deposit|refund|wage|rent|value|dealValue|mrr|arr)$/, type: "money" },
  { test: /(At|Date|Time|Deadline|Until|On)$|^(date|time|deadline|due|dueDate|birthday|dob|dateOfBirth|timestamp|startDate|endDate|expiry|expiration|start|end)$/, type: "time" },
  { test: /(Count|Quantity|Qty|Number|Minutes|Seconds|Hours|Days|Age|Year|Size|Capacity|Duration|Stock|Views|Likes|Position|Rank|Order|Index|Level|Points|Score|Rating|Weight|Height|Width|Length|Percent|Percentage|Seats|Credits)$/, type: "number" },
  { test: /^(count|quantity|qty|age|year|size|capacity|duration|stock|views|likes|position|rank|sortOrder|order|index|points|score|rating|weight|height|width|length|percent|percentage|seats|credits|latitude|longitude|lat|lng|version|stars|reps|sets|calories|distance|servings|floor|beds|bedrooms|bathrooms|inventory|progress|attempts)$/, type: "number" },
  { test: /^(description|bio|body|content|notes|summary|text|details|comment|message|instructions|about|biography|transcript|feedback|answer|question)$/, type: "text" },
  { test: /^(metadata|settings|preferences|config|data|payload|attributes|properties|extra)$/, type: "any", assumption: "Free-form data is stored as v.any(); give it a v.object once its shape is known." },
];

/** Attribute names that are status-like: a union of string literals. */
export const ENUM_ATTRIBUTES = /^(status|stage|priority|role|severity|visibility|state|tier|plan|level|frequency|difficulty|gender|kind|type|category|urgency|lifecycle|phase)$/;

/**
 * Values for status-like attributes. Keys are "<entity>.<attribute>" (most specific) then "<attribute>".
 * "type", "kind" and "category" have no default: without values they become strings and the designer asks.
 */
export const ENUM_VALUES: Record<string, string[]> = {
  "task.status": ["todo", "in_progress", "done"],
  "issue.status": ["open", "in_progress", "closed"],
  "ticket.status": ["open", "pending", "resolved", "closed"],
  "order.status": ["pending", "paid", "shipped", "delivered", "cancelled"],
  "invoice.status": ["draft", "sent", "paid", "overdue", "void"],
  "post.status": ["draft", "published", "archived"],
  "article.status": ["draft", "published", "archived"],
  "booking.status": ["pending", "confirmed", "cancelled", "completed"],
  "appointment.status": ["scheduled", "confirmed", "cancelled", "completed", "no_show"],
  "subscription.status": ["trialing", "active", "past_due", "canceled"],
  "payment.status": ["pending", "succeeded", "failed", "refunded"],
  "deal.stage": ["lead", "qualified", "proposal", "negotiation", "won", "lost"],
  "lead.status": ["new", "contacted", "qualified", "disqualified"],
  "contact.status": ["lead", "customer", "churned"],
  "application.status": ["applied", "screening", "interview", "offer", "hired", "rejected"],
  "project.status": ["planned", "active", "on_hold", "completed", "archived"],
  "user.role": ["admin", "member"],
  "membership.role": ["owner", "admin", "member"],
  "invitation.status": ["pending", "accepted", "revoked", "expired"],
  "shipment.status": ["pending", "in_transit", "delivered", "returned"],
  "listing.status": ["draft", "active", "sold", "archived"],
  "job.status": ["draft", "open", "closed"],
  "event.status": ["draft", "scheduled", "cancelled", "completed"],
  "campaign.status": ["draft", "scheduled", "sent", "cancelled"],
  status: ["active", "inactive", "archived"],
  stage: ["new", "in_progress", "completed"],
  priority: ["low", "medium", "high", "urgent"],
  role: ["owner", "admin", "member"],
  severity: ["low", "medium", "high", "critical"],
  visibility: ["public", "private"],
  state: ["active", "inactive"],
  tier: ["free", "pro", "enterprise"],
  plan: ["free", "pro", "enterprise"],
  level: ["beginner", "intermediate", "advanced"],
  difficulty: ["easy", "medium", "hard"],
  frequency: ["daily", "weekly", "monthly"],
  urgency: ["low", "medium", "high"],
  phase: ["planning", "active", "done"],
};

/** Attribute words the designer never takes for an entity, even in plural. */
export const ATTRIBUTE_WORDS = new Set([
  "name", "title", "email", "phone", "status", "stage", "priority", "role", "date", "time", "price", "amount", "description",
  "body", "content", "notes", "url", "link", "address", "type", "kind", "value", "total", "count", "quantity", "rating",
  "score", "slug", "color", "timestamp", "timestamps", "deadline", "avatar", "image", "password", "username", "bio",
  "summary", "text", "size", "label", "level", "plan", "tier", "currency", "position", "duration", "capacity", "age",
  "birthday", "visibility", "severity", "state", "phase", "frequency", "location", "stock", "sku", "id", "ids", "field",
  "fields", "attribute", "attributes", "index", "indexes", "due", "start", "end", "subject", "details", "emoji", "code", "nickname",
  "caption", "bio", "rank", "points", "balance", "progress", "streak", "xp", "karma",
]);

/** Words that are never entities: the app itself, filler, and quantities. */
export const NON_ENTITY_WORDS = new Set([
  "app", "application", "system", "platform", "tool", "site", "website", "service desk", "backend", "database", "db", "schema",
  "thing", "things", "stuff", "data", "way", "ways", "lot", "lots", "kind", "kinds", "sort", "set", "number", "hour", "hours",
  "minute", "minutes", "day", "days", "week", "weeks", "month", "months", "year", "years", "time", "times", "date", "dates",
  "table", "tables", "model", "models", "entity", "entities", "relation", "relationship", "something",
  "anything", "everything", "feature", "features", "support", "ability", "option", "options", "people", "everyone", "one",
  "ones", "each", "many", "some", "other", "others", "etc", "example", "part", "info", "information", "detail", "me", "my",
  "it", "them", "they", "we", "us", "our", "you", "your", "soft delete", "search", "index", "timestamps", "owner", "owners", "manytomany", "onetomany",
  // the stack an app is built with, and words about its code
  "nextjs", "next", "react", "convex", "clerk", "vercel", "tailwind", "tailwindcss", "typescript", "javascript", "node", "nodejs", "shadcn",
  "expo", "vite", "stripe", "openai", "supabase", "firebase", "prisma", "docker", "github", "resend", "script", "deployment", "documentation",
  "mode", "dark mode", "repo", "repository", "monorepo", "component", "hook", "env", "npm", "pnpm", "api", "sdk", "cli", "ui", "ux",
  "management", "dashboard", "kanban", "google", "instagram", "facebook", "twitter", "linkedin", "youtube", "git", "ios", "v", "vs",
  "landing", "landing page", "web app", "mobile app", "web application", "mobile application", "realestate",
]);
