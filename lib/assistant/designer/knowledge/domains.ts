/**
 * Kinds of apps the designer recognises, the many-to-many pairs it knows a join entity for, and the role nouns
 * that mean "a reference to a person".
 */
import type { DomainKnowledge, JoinKnowledge } from "./types";

export const DOMAINS: DomainKnowledge[] = [
  { name: "CRM", keywords: ["crm", "sales pipeline", "customer relationship", "sales team", "leads"], entities: ["user", "company", "contact", "deal", "activity"] },
  { name: "task tracker", keywords: ["task tracker", "task manager", "todo app", "to-do app", "todo list", "project management", "kanban", "task management", "trello", "asana"], entities: ["user", "workspace", "project", "task", "comment"] },
  { name: "issue tracker", keywords: ["issue tracker", "bug tracker", "jira", "github issues"], entities: ["user", "project", "issue", "comment", "label"] },
  { name: "chat", keywords: ["chat", "messaging", "messenger", "slack", "discord", "whatsapp"], entities: ["user", "channel", "message"] },
  { name: "blog", keywords: ["blog", "cms", "publishing", "newsletter"], entities: ["user", "post", "comment", "tag"] },
  { name: "e-commerce", keywords: ["e-commerce", "ecommerce", "online store", "online shop", "webshop", "shopify", "storefront", "marketplace", "shop"], entities: ["customer", "product", "category", "order", "order item", "review"] },
  { name: "SaaS", keywords: ["saas", "multi-tenant", "multitenant", "multi tenant", "tenants", "b2b"], entities: ["organization", "user", "membership", "invitation", "subscription"] },
  { name: "booking", keywords: ["booking", "reservation", "scheduling app", "appointments", "calendly", "salon"], entities: ["customer", "service", "staff member", "booking", "availability"] },
  { name: "clinic", keywords: ["clinic", "hospital", "medical practice", "dentist", "patients"], entities: ["patient", "doctor", "appointment"] },
  { name: "hotel", keywords: ["hotel", "hostel", "bnb", "airbnb"], entities: ["hotel", "room", "guest", "booking"] },
  { name: "LMS", keywords: ["lms", "learning management", "e-learning", "elearning", "online courses", "course platform", "school", "udemy", "coursera"], entities: ["user", "course", "module", "lesson", "enrollment", "lesson progress"] },
  { name: "inventory", keywords: ["inventory", "warehouse management", "stock management", "warehouses", "stock levels"], entities: ["product", "warehouse", "stock level", "supplier", "purchase order", "stock movement"] },
  { name: "social network", keywords: ["social network", "social media", "twitter", "instagram", "followers", "social app"], entities: ["user", "post", "comment", "like", "follow"] },
  { name: "helpdesk", keywords: ["helpdesk", "help desk", "support desk", "customer support", "support tickets", "ticketing", "zendesk", "service desk"], entities: ["customer", "agent", "ticket", "ticket message"] },
  { name: "events", keywords: ["event management", "events app", "conference", "meetups", "ticketing for events", "eventbrite"], entities: ["user", "event", "venue", "registration"] },
  { name: "recipes", keywords: ["recipe", "recipes", "cooking", "meal planner"], entities: ["user", "recipe", "ingredient"] },
  { name: "library", keywords: ["library", "book lending", "books"], entities: ["book", "author", "member", "loan"] },
  { name: "personal finance", keywords: ["budget", "budgeting", "expense tracker", "personal finance", "expenses"], entities: ["user", "account", "transaction", "category", "budget"] },
  { name: "recruiting", keywords: ["recruiting", "applicant tracking", "ats", "hiring", "job board"], entities: ["company", "job", "candidate", "application", "interview"] },
  { name: "forum", keywords: ["forum", "discussion board", "q&a", "reddit", "community site"], entities: ["user", "forum", "post", "comment", "like"] },
  { name: "notes", keywords: ["notes app", "note taking", "note-taking", "notion", "wiki", "knowledge base"], entities: ["user", "notebook", "note", "tag"] },
  { name: "fitness", keywords: ["fitness", "workout", "gym"], entities: ["user", "workout", "exercise"] },
  { name: "real estate", keywords: ["realestate", "property listings", "rentals", "zillow"], entities: ["user", "listing", "agent"] },
  { name: "food delivery", keywords: ["food delivery", "restaurant", "doordash", "ubereats"], entities: ["customer", "restaurant", "menu item", "order", "order item", "driver"] },
  { name: "ride sharing", keywords: ["ride sharing", "ride-sharing", "uber", "taxi", "fleet"], entities: ["customer", "driver", "vehicle", "trip"] },
];

/** Known join entities. Order inside `between` does not matter. */
export const JOINS: JoinKnowledge[] = [
  { between: ["user", "team"], entity: "team member", fields: { role: "enum:owner|admin|member" } },
  { between: ["user", "organization"], entity: "membership", fields: { role: "enum:owner|admin|member" } },
  { between: ["user", "workspace"], entity: "workspace member", fields: { role: "enum:owner|admin|member" } },
  { between: ["user", "project"], entity: "project member", fields: { role: "enum:owner|editor|viewer" } },
  { between: ["user", "channel"], entity: "channel member", fields: { joinedAt: "time" } },
  { between: ["user", "conversation"], entity: "participant", fields: { lastReadAt: "time?" } },
  { between: ["user", "group"], entity: "group member", fields: { role: "enum:admin|member" } },
  { between: ["user", "event"], entity: "registration", fields: { status: "enum:registered|waitlisted|cancelled|attended" } },
  { between: ["attendee", "event"], entity: "registration", fields: { status: "enum:registered|waitlisted|cancelled|attended" } },
  { between: ["student", "course"], entity: "enrollment", fields: { enrolledAt: "time" } },
  { between: ["user", "course"], entity: "enrollment", fields: { enrolledAt: "time" } },
  { between: ["post", "tag"], entity: "post tag" },
  { between: ["product", "category"], entity: "product category" },
  { between: ["product", "tag"], entity: "product tag" },
  { between: ["recipe", "ingredient"], entity: "recipe ingredient", fields: { quantity: "string" } },
  { between: ["workout", "exercise"], entity: "workout exercise", fields: { sets: "int", reps: "int", weight: "number?" } },
  { between: ["book", "author"], entity: "book author" },
  { between: ["playlist", "song"], entity: "playlist song", fields: { position: "int" } },
  { between: ["user", "user"], entity: "follow", fieldNames: ["followerId", "followingId"] },
  { between: ["product", "supplier"], entity: "product supplier", fields: { unitCost: "money" } },
  { between: ["order", "product"], entity: "order item", fields: { quantity: "int", unitPrice: "money" } },
  { between: ["contact", "deal"], entity: "deal contact" },
  { between: ["candidate", "job"], entity: "application", fields: { appliedAt: "time" } },
  { between: ["order", "menu item"], entity: "order item", fields: { quantity: "int", unitPrice: "money" } },
  { between: ["member", "book"], entity: "loan", fields: { borrowedAt: "time", dueAt: "time", returnedAt: "time?" } },
  { between: ["student", "lesson"], entity: "lesson progress", fields: { completedAt: "time?" } },
  { between: ["user", "lesson"], entity: "lesson progress", fields: { completedAt: "time?" } },
  { between: ["task", "label"], entity: "task label" },
  { between: ["issue", "label"], entity: "issue label" },
  { between: ["task", "tag"], entity: "task tag" },
  { between: ["note", "tag"], entity: "note tag" },
];

/** Nouns naming a person's role: a field `<role>Id` referencing users (or the role's own table if it exists). */
export const ROLE_NOUNS: Record<string, string[]> = {
  assignee: ["user"], owner: ["user"], author: ["user"], creator: ["user"], reporter: ["user"], sender: ["user"],
  recipient: ["user"], organizer: ["user"], host: ["user"], reviewer: ["user"], manager: ["user"], approver: ["user"],
  requester: ["user"], editor: ["user"], moderator: ["user"], uploader: ["user"], seller: ["user"], buyer: ["customer", "user"],
  interviewer: ["user"], instructor: ["instructor", "teacher", "user"], teacher: ["teacher", "instructor", "user"],
  agent: ["agent", "user"], doctor: ["doctor"], driver: ["driver"], customer: ["customer", "user"],
  "sales rep": ["user"], salesperson: ["user"], admin: ["user"], publisher: ["user"], contributor: ["user"],
};

/** Participles that name a role: "assigned to a user" → assigneeId. */
export const ROLE_VERBS: Record<string, string> = {
  "assigned to": "assignee", "written by": "author", "authored by": "author", "created by": "creator", "owned by": "owner",
  "sent by": "sender", "submitted by": "requester", "reported by": "reporter", "managed by": "manager", "led by": "manager",
  "hosted by": "host", "organized by": "organizer", "organised by": "organizer", "reviewed by": "reviewer",
  "approved by": "approver", "uploaded by": "uploader", "taught by": "instructor", "posted by": "author",
};

/** Entities that are also verbs of interaction: "users like tweets" creates "likes" linking both. */
export const INTERACTION_VERBS = new Set(["like", "comment", "review", "vote", "upvote", "downvote", "bookmark", "favorite", "favourite", "follow", "react", "rate"]);

/** Verbs that link many to many even with a preposition: "listeners subscribe to shows". */
export const MANY_TO_MANY_VERBS = new Set(["subscribe", "subscribes", "follow", "follows", "join", "joins", "enroll", "enrolls", "register", "registers", "attend", "attends", "bookmark", "bookmarks", "favorite", "favorites", "save", "saves", "watch", "watches", "like", "likes", "star", "stars", "participate", "participates"]);
