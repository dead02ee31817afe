/**
 * Entities common to many apps, with the fields and references a reasonable first schema gives them.
 * Fields the user names in the request are added on top; these are defaults, kept small on purpose.
 */
import type { EntityKnowledge } from "./types";

const USER_REF = ["user"];
/** Main records that comments, attachments, likes and notes usually hang off. */
const COMMENTABLE = [
  "post",
  "task",
  "ticket",
  "issue",
  "article",
  "deal",
  "contact",
  "document",
  "photo",
  "video",
  "recipe",
  "product",
  "lesson",
  "project",
];

export const ENTITIES: EntityKnowledge[] = [
  {
    entity: "user",
    aliases: ["account holder", "person"],
    fields: { name: "string", email: "email", avatarUrl: "url?" },
    shared: true,
    searchField: "name",
  },
  {
    entity: "organization",
    aliases: ["org", "tenant", "company account"],
    fields: { name: "string", slug: "string", plan: "enum:free|pro|enterprise" },
    shared: true,
  },
  { entity: "team", fields: { name: "string" }, refs: [{ to: ["organization", "workspace"] }], shared: true },
  {
    entity: "workspace",
    fields: { name: "string" },
    refs: [{ to: ["organization"] }, { field: "ownerId", to: USER_REF, ensure: true }],
    shared: true,
  },
  {
    entity: "membership",
    fields: { role: "enum:owner|admin|member" },
    refs: [{ to: USER_REF, ensure: true }, { to: ["organization", "team", "workspace"] }],
  },
  {
    entity: "member",
    aliases: ["club member", "library member"],
    fields: { name: "string", email: "email" },
    refs: [{ to: USER_REF, optional: true }],
  },
  {
    entity: "invitation",
    aliases: ["invite"],
    fields: {
      email: "email",
      role: "enum:admin|member",
      status: "enum:pending|accepted|revoked|expired",
      expiresAt: "time",
    },
    refs: [{ to: ["organization", "team", "workspace"] }, { field: "invitedBy", to: USER_REF, ensure: true }],
  },
  {
    entity: "subscription",
    fields: {
      plan: "enum:free|pro|enterprise",
      status: "enum:trialing|active|past_due|canceled",
      currentPeriodEnd: "time",
      stripeSubscriptionId: "string?",
    },
    refs: [{ to: ["organization", "customer", "user"] }],
  },
  {
    entity: "invoice",
    fields: {
      number: "string",
      amount: "money",
      status: "enum:draft|sent|paid|overdue|void",
      dueAt: "time",
      paidAt: "time?",
    },
    refs: [{ to: ["organization", "customer", "client", "company", "user"] }],
  },
  {
    entity: "payment",
    fields: { amount: "money", currency: "string", status: "enum:pending|succeeded|failed|refunded", paidAt: "time?" },
    refs: [{ to: ["order", "invoice", "booking", "subscription"] }, { to: ["customer", "user"] }],
  },
  {
    entity: "api key",
    fields: { name: "string", hashedKey: "string", lastUsedAt: "time?", revokedAt: "time?" },
    refs: [{ to: ["organization", "user"] }],
  },
  {
    entity: "audit log",
    aliases: ["audit event"],
    fields: { action: "string", targetTable: "string", targetId: "string", details: "record?" },
    refs: [{ field: "actorId", to: USER_REF, ensure: true }, { to: ["organization"] }],
  },
  {
    entity: "notification",
    fields: { kind: "string", title: "string", body: "text?", readAt: "time?" },
    refs: [{ to: USER_REF, ensure: true }],
  },
  {
    entity: "file",
    aliases: ["attachment", "upload"],
    fields: { name: "string", storageId: "string", contentType: "string", size: "int" },
    refs: [
      { to: COMMENTABLE, optional: true },
      { field: "uploadedBy", to: USER_REF },
    ],
  },
  // CRM
  {
    entity: "company",
    aliases: ["business"],
    fields: { name: "string", domain: "string?", industry: "string?" },
    refs: [{ field: "ownerId", to: USER_REF, optional: true }],
    shared: true,
    searchField: "name",
  },
  {
    entity: "contact",
    aliases: ["lead"],
    fields: { name: "string", email: "email", phone: "string?" },
    refs: [
      { to: ["company"], optional: true },
      { field: "ownerId", to: USER_REF, optional: true },
    ],
    searchField: "name",
  },
  {
    entity: "deal",
    aliases: ["opportunity"],
    fields: {
      title: "string",
      value: "money",
      stage: "enum:lead|qualified|proposal|negotiation|won|lost",
      expectedCloseAt: "time?",
    },
    refs: [
      { to: ["company"], optional: true },
      { to: ["contact"], optional: true },
      { field: "ownerId", to: USER_REF, optional: true },
    ],
  },
  {
    entity: "activity",
    fields: { type: "enum:call|email|meeting|note", subject: "string", dueAt: "time?", completedAt: "time?" },
    refs: [
      { to: ["deal"], optional: true },
      { to: ["contact"], optional: true },
      { field: "ownerId", to: USER_REF, optional: true },
    ],
  },
  {
    entity: "note",
    fields: { body: "text" },
    refs: [
      { to: ["notebook", ...COMMENTABLE], optional: true },
      { field: "authorId", to: USER_REF },
    ],
    searchField: "body",
  },
  // projects and tasks
  {
    entity: "project",
    fields: { name: "string", description: "text?", status: "enum:active|archived" },
    refs: [{ to: ["workspace", "organization", "team"] }, { field: "ownerId", to: USER_REF }],
    shared: false,
    searchField: "name",
  },
  {
    entity: "task",
    aliases: ["todo", "to-do", "card"],
    fields: {
      title: "string",
      description: "text?",
      status: "enum:todo|in_progress|done",
      priority: "enum:low|medium|high|urgent",
      dueAt: "time?",
    },
    refs: [{ to: ["project", "list", "board", "column"] }, { field: "assigneeId", to: USER_REF, optional: true }],
    searchField: "title",
  },
  { entity: "subtask", fields: { title: "string", done: "boolean" }, refs: [{ to: ["task"], ensure: true }] },
  {
    entity: "issue",
    aliases: ["bug"],
    fields: {
      title: "string",
      body: "text?",
      status: "enum:open|in_progress|closed",
      priority: "enum:low|medium|high|urgent",
    },
    refs: [
      { to: ["project", "repository"] },
      { field: "reporterId", to: USER_REF },
      { field: "assigneeId", to: USER_REF, optional: true },
    ],
    searchField: "title",
  },
  {
    entity: "label",
    fields: { name: "string", color: "string" },
    refs: [{ to: ["project", "workspace"] }],
    shared: true,
  },
  { entity: "board", fields: { name: "string" }, refs: [{ to: ["workspace", "team", "project"] }] },
  {
    entity: "milestone",
    aliases: ["sprint"],
    fields: { name: "string", startsAt: "time?", endsAt: "time?" },
    refs: [{ to: ["project"] }],
  },
  {
    entity: "time entry",
    fields: { minutes: "int", startedAt: "time", note: "string?" },
    refs: [{ to: ["task", "project"] }, { to: USER_REF }],
  },
  {
    entity: "comment",
    aliases: ["reply"],
    fields: { body: "text" },
    refs: [{ to: COMMENTABLE }, { field: "authorId", to: USER_REF, ensure: true }],
  },
  // chat and social
  {
    entity: "channel",
    aliases: ["room", "chat room", "group chat"],
    fields: { name: "string", isPrivate: "boolean" },
    refs: [{ to: ["workspace", "server", "team", "organization"] }],
    shared: true,
  },
  { entity: "conversation", aliases: ["thread"], fields: { title: "string?", lastMessageAt: "time?" }, shared: true },
  {
    entity: "message",
    aliases: ["dm", "direct message"],
    fields: { body: "text", editedAt: "time?" },
    refs: [{ to: ["channel", "conversation", "ticket"] }, { field: "authorId", to: USER_REF, ensure: true }],
    searchField: "body",
  },
  { entity: "reaction", fields: { emoji: "string" }, refs: [{ to: ["message", "post", "comment"] }, { to: USER_REF }] },
  {
    entity: "post",
    aliases: ["article", "story", "blog post"],
    fields: {
      title: "string",
      slug: "string",
      body: "text",
      status: "enum:draft|published|archived",
      publishedAt: "time?",
    },
    refs: [
      { field: "authorId", to: ["author", "user"], ensure: true },
      { to: ["category", "forum", "blog"], optional: true },
    ],
    searchField: "title",
  },
  {
    entity: "page",
    fields: { title: "string", slug: "string", body: "text" },
    refs: [{ to: ["site", "space", "workspace"] }],
  },
  { entity: "tag", aliases: ["hashtag", "topic", "keyword"], fields: { name: "string", slug: "string" }, shared: true },
  { entity: "category", fields: { name: "string", slug: "string" }, shared: true },
  {
    entity: "like",
    aliases: ["upvote", "favorite", "favourite", "vote"],
    fields: {},
    refs: [{ to: USER_REF, ensure: true }, { to: COMMENTABLE }],
  },
  { entity: "follow", fields: {}, refs: [] },
  {
    entity: "friendship",
    aliases: ["friend request", "connection"],
    fields: { status: "enum:pending|accepted|blocked" },
    refs: [
      { field: "requesterId", to: USER_REF, ensure: true },
      { field: "addresseeId", to: USER_REF, ensure: true },
    ],
  },
  {
    entity: "profile",
    fields: { displayName: "string", bio: "text?", avatarUrl: "url?" },
    refs: [{ to: USER_REF, ensure: true }],
  },
  {
    entity: "photo",
    aliases: ["image", "picture"],
    fields: { storageId: "string", caption: "string?" },
    refs: [
      { to: ["album", "post"], optional: true },
      { field: "ownerId", to: USER_REF },
    ],
  },
  { entity: "album", fields: { title: "string" }, refs: [{ field: "ownerId", to: USER_REF }] },
  {
    entity: "video",
    fields: { title: "string", storageId: "string", durationSeconds: "int" },
    refs: [
      { to: ["channel", "course"], optional: true },
      { field: "ownerId", to: USER_REF },
    ],
  },
  { entity: "group", aliases: ["community", "club"], fields: { name: "string", description: "text?" }, shared: true },
  { entity: "forum", aliases: ["subforum"], fields: { name: "string" }, shared: true },
  // commerce
  {
    entity: "customer",
    aliases: ["buyer", "shopper", "client"],
    fields: { name: "string", email: "email", phone: "string?" },
    searchField: "name",
  },
  {
    entity: "product",
    aliases: ["item"],
    fields: { name: "string", description: "text?", price: "money", sku: "string", isActive: "boolean" },
    refs: [{ to: ["category", "store", "shop", "vendor", "seller"], optional: true }],
    shared: true,
    searchField: "name",
  },
  {
    entity: "product variant",
    aliases: ["variant"],
    fields: { name: "string", sku: "string", price: "money" },
    refs: [{ to: ["product"], ensure: true }],
  },
  {
    entity: "order",
    aliases: ["purchase"],
    fields: { status: "enum:pending|paid|shipped|delivered|cancelled", total: "money", placedAt: "time" },
    refs: [{ to: ["customer", "user"], ensure: true }],
  },
  {
    entity: "order item",
    aliases: ["order line"],
    fields: { quantity: "int", unitPrice: "money" },
    refs: [
      { to: ["order"], ensure: true },
      { to: ["product", "product variant"], ensure: true },
    ],
  },
  {
    entity: "line item",
    aliases: ["invoice item", "invoice line"],
    fields: { description: "string", quantity: "int", unitPrice: "money" },
    refs: [
      { to: ["invoice", "order", "quote", "purchase order", "bill"] },
      { to: ["product", "service"], optional: true },
    ],
  },
  {
    entity: "cart",
    aliases: ["shopping cart", "basket"],
    fields: { updatedAt: "time" },
    refs: [{ to: ["customer", "user"], ensure: true }],
  },
  {
    entity: "cart item",
    fields: { quantity: "int" },
    refs: [
      { to: ["cart"], ensure: true },
      { to: ["product", "product variant"], ensure: true },
    ],
  },
  {
    entity: "review",
    aliases: [],
    fields: { rating: "int", body: "text?" },
    refs: [
      { to: ["product", "course", "listing", "property", "restaurant", "book", "service", "recipe"] },
      { field: "authorId", to: ["customer", "user"], ensure: true },
    ],
  },
  {
    entity: "coupon",
    aliases: ["discount", "promo code"],
    fields: { code: "string", percentOff: "number?", amountOff: "money?", expiresAt: "time?" },
  },
  {
    entity: "address",
    fields: { line1: "string", line2: "string?", city: "string", postalCode: "string", country: "string" },
    refs: [{ to: ["customer", "user"] }],
  },
  {
    entity: "shipment",
    fields: {
      carrier: "string",
      trackingNumber: "string",
      status: "enum:pending|in_transit|delivered|returned",
      shippedAt: "time?",
    },
    refs: [{ to: ["order"], ensure: true }],
  },
  { entity: "vendor", aliases: ["seller", "merchant"], fields: { name: "string", email: "email?" }, shared: true },
  // inventory
  {
    entity: "warehouse",
    aliases: ["store location", "depot"],
    fields: { name: "string", address: "string?" },
    shared: true,
  },
  { entity: "supplier", fields: { name: "string", email: "email?", phone: "string?" }, shared: true },
  {
    entity: "stock level",
    aliases: ["inventory item", "stock", "inventory level"],
    fields: { quantity: "int", reorderPoint: "int?" },
    refs: [
      { to: ["product"], ensure: true },
      { to: ["warehouse"], ensure: true },
    ],
  },
  {
    entity: "stock movement",
    aliases: ["inventory movement", "stock transfer", "inventory transaction"],
    fields: { quantity: "int", reason: "enum:purchase|sale|adjustment|transfer", movedAt: "time" },
    refs: [
      { to: ["product"], ensure: true },
      { to: ["warehouse"], ensure: true },
    ],
  },
  {
    entity: "purchase order",
    fields: { status: "enum:draft|ordered|received|cancelled", orderedAt: "time", total: "money" },
    refs: [
      { to: ["supplier"], ensure: true },
      { to: ["warehouse"], optional: true },
    ],
  },
  {
    entity: "purchase order item",
    aliases: ["purchase order line"],
    fields: { quantity: "int", unitCost: "money" },
    refs: [
      { to: ["purchase order"], ensure: true },
      { to: ["product"], ensure: true },
    ],
  },
  // helpdesk
  {
    entity: "ticket",
    aliases: ["support ticket"],
    fields: {
      subject: "string",
      description: "text",
      status: "enum:open|pending|resolved|closed",
      priority: "enum:low|medium|high|urgent",
    },
    refs: [
      { to: ["customer", "user"], ensure: true },
      { field: "assigneeId", to: ["agent", "user"], optional: true },
    ],
    searchField: "subject",
  },
  {
    entity: "ticket message",
    aliases: ["ticket reply", "ticket comment"],
    fields: { body: "text", isInternal: "boolean" },
    refs: [
      { to: ["ticket"], ensure: true },
      { field: "authorId", to: USER_REF },
    ],
  },
  {
    entity: "agent",
    aliases: ["support agent"],
    fields: { name: "string", email: "email" },
    refs: [{ to: USER_REF, optional: true }],
    shared: true,
  },
  {
    entity: "knowledge base article",
    aliases: ["kb article", "help article"],
    fields: { title: "string", body: "text", publishedAt: "time?" },
    searchField: "body",
  },
  // booking and scheduling
  {
    entity: "service",
    aliases: ["offering"],
    fields: { name: "string", durationMinutes: "int", price: "money" },
    shared: true,
  },
  {
    entity: "booking",
    aliases: ["reservation"],
    fields: { startsAt: "time", endsAt: "time", status: "enum:pending|confirmed|cancelled|completed" },
    refs: [
      { to: ["customer", "guest", "client", "patient", "user"], ensure: true },
      { to: ["service", "room", "resource", "listing", "table", "class", "event"] },
      { to: ["staff member", "provider", "doctor"] },
    ],
  },
  {
    entity: "appointment",
    fields: {
      startsAt: "time",
      endsAt: "time",
      status: "enum:scheduled|confirmed|cancelled|completed|no_show",
      notes: "text?",
    },
    refs: [
      { to: ["patient", "client", "customer", "user"], ensure: true },
      { to: ["doctor", "provider", "staff member", "therapist", "stylist"] },
      { to: ["service"], optional: true },
    ],
  },
  {
    entity: "availability",
    aliases: ["time slot", "slot", "opening hour"],
    fields: { dayOfWeek: "int", startMinute: "int", endMinute: "int" },
    refs: [{ to: ["doctor", "provider", "staff member", "resource", "room", "service"] }],
  },
  {
    entity: "patient",
    fields: { name: "string", email: "email?", phone: "string?", dateOfBirth: "time?" },
    searchField: "name",
  },
  {
    entity: "doctor",
    aliases: ["physician", "provider", "practitioner"],
    fields: { name: "string", specialty: "string?" },
    shared: true,
  },
  {
    entity: "staff member",
    aliases: ["employee", "staff"],
    fields: { name: "string", email: "email", role: "string?" },
    refs: [{ to: ["organization", "department"], optional: true }],
    shared: true,
  },
  {
    entity: "room",
    fields: { name: "string", capacity: "int" },
    refs: [{ to: ["hotel", "building", "venue"] }],
    shared: true,
  },
  { entity: "guest", fields: { name: "string", email: "email", phone: "string?" } },
  { entity: "hotel", aliases: [], fields: { name: "string", address: "string" }, shared: true },
  {
    entity: "event",
    aliases: ["meetup", "conference"],
    fields: { title: "string", startsAt: "time", endsAt: "time", capacity: "int?" },
    refs: [
      { to: ["venue"], optional: true },
      { field: "organizerId", to: USER_REF },
    ],
    shared: true,
  },
  { entity: "venue", fields: { name: "string", address: "string" }, shared: true },
  {
    entity: "registration",
    aliases: ["rsvp", "attendance"],
    fields: { status: "enum:registered|waitlisted|cancelled|attended" },
    refs: [
      { to: ["event"], ensure: true },
      { to: ["attendee", "user"], ensure: true },
    ],
  },
  { entity: "attendee", fields: { name: "string", email: "email" } },
  // learning
  {
    entity: "course",
    aliases: ["class", "program"],
    fields: { title: "string", description: "text?", isPublished: "boolean" },
    refs: [{ field: "instructorId", to: ["instructor", "teacher", "user"] }],
    shared: true,
    searchField: "title",
  },
  {
    entity: "module",
    aliases: ["section", "chapter"],
    fields: { title: "string", position: "int" },
    refs: [{ to: ["course"], ensure: true }],
  },
  {
    entity: "lesson",
    fields: { title: "string", body: "text?", position: "int", videoUrl: "url?" },
    refs: [{ to: ["module", "course"], ensure: true }],
  },
  {
    entity: "enrollment",
    fields: { enrolledAt: "time", status: "enum:active|completed|dropped" },
    refs: [
      { to: ["student", "user"], ensure: true },
      { to: ["course"], ensure: true },
    ],
  },
  {
    entity: "lesson progress",
    aliases: ["course progress"],
    fields: { completedAt: "time?", percent: "number" },
    refs: [
      { to: ["student", "user"], ensure: true },
      { to: ["lesson"], ensure: true },
    ],
  },
  {
    entity: "quiz",
    aliases: ["exam"],
    fields: { title: "string", passingScore: "number" },
    refs: [{ to: ["lesson", "course"] }],
  },
  {
    entity: "question",
    fields: { prompt: "text", choices: "tags", answerIndex: "int" },
    refs: [{ to: ["quiz"], ensure: true }],
  },
  {
    entity: "submission",
    aliases: ["attempt", "quiz attempt"],
    fields: { score: "number", submittedAt: "time" },
    refs: [{ to: ["quiz", "assignment"] }, { to: ["student", "user"], ensure: true }],
  },
  {
    entity: "assignment",
    aliases: ["homework"],
    fields: { title: "string", dueAt: "time" },
    refs: [{ to: ["course"] }],
  },
  {
    entity: "student",
    aliases: ["learner", "pupil"],
    fields: { name: "string", email: "email" },
    refs: [{ to: USER_REF, optional: true }],
  },
  {
    entity: "instructor",
    aliases: ["teacher", "tutor"],
    fields: { name: "string", email: "email", bio: "text?" },
    shared: true,
  },
  {
    entity: "grade",
    fields: { score: "number", gradedAt: "time" },
    refs: [{ to: ["student", "user"] }, { to: ["assignment", "course"] }],
  },
  // misc domains
  {
    entity: "recipe",
    fields: { title: "string", instructions: "text", servings: "int", prepMinutes: "int?" },
    refs: [{ field: "authorId", to: USER_REF }],
    searchField: "title",
  },
  { entity: "ingredient", fields: { name: "string" }, shared: true },
  {
    entity: "book",
    fields: { title: "string", isbn: "string?", publishedYear: "int?" },
    refs: [{ to: ["author"], optional: true }],
    shared: true,
    searchField: "title",
  },
  { entity: "author", aliases: ["writer"], fields: { name: "string", bio: "text?" }, shared: true },
  {
    entity: "loan",
    aliases: ["checkout", "borrowing"],
    fields: { borrowedAt: "time", dueAt: "time", returnedAt: "time?" },
    refs: [
      { to: ["book", "copy"], ensure: true },
      { to: ["member", "user"], ensure: true },
    ],
  },
  {
    entity: "property",
    aliases: ["real estate listing", "home", "house", "apartment", "rental"],
    fields: { title: "string", address: "string", price: "money", bedrooms: "int?", bathrooms: "int?" },
    refs: [{ field: "agentId", to: ["agent", "user"], optional: true }],
    searchField: "title",
  },
  {
    entity: "listing",
    fields: { title: "string", description: "text", price: "money", status: "enum:draft|active|sold|archived" },
    refs: [{ field: "ownerId", to: ["agent", "seller", "user"] }],
    searchField: "title",
  },
  {
    entity: "account",
    aliases: ["bank account", "wallet"],
    fields: { name: "string", type: "enum:checking|savings|credit|cash", balance: "money", currency: "string" },
    refs: [{ field: "ownerId", to: USER_REF }],
  },
  {
    entity: "transaction",
    aliases: ["expense", "transfer"],
    fields: { amount: "money", description: "string", occurredAt: "time" },
    refs: [
      { to: ["account"], ensure: true },
      { to: ["category"], optional: true },
    ],
  },
  {
    entity: "budget",
    fields: { amount: "money", month: "string" },
    refs: [{ to: ["category"] }, { field: "ownerId", to: USER_REF }],
  },
  {
    entity: "job",
    aliases: ["job posting", "opening", "vacancy"],
    fields: { title: "string", description: "text", status: "enum:open|closed|draft", location: "string?" },
    refs: [{ to: ["company", "organization"] }],
    shared: true,
  },
  { entity: "candidate", aliases: ["applicant"], fields: { name: "string", email: "email", resumeUrl: "url?" } },
  {
    entity: "application",
    fields: { status: "enum:applied|screening|interview|offer|hired|rejected", appliedAt: "time" },
    refs: [
      { to: ["job"], ensure: true },
      { to: ["candidate", "user"], ensure: true },
    ],
  },
  {
    entity: "interview",
    fields: { scheduledAt: "time", feedback: "text?" },
    refs: [
      { to: ["application"], ensure: true },
      { field: "interviewerId", to: USER_REF },
    ],
  },
  { entity: "department", fields: { name: "string" }, refs: [{ to: ["organization", "company"] }], shared: true },
  {
    entity: "workout",
    aliases: ["training session"],
    fields: { performedAt: "time", notes: "text?" },
    refs: [{ to: USER_REF, ensure: true }],
  },
  { entity: "exercise", fields: { name: "string", muscleGroup: "string?" }, shared: true },
  {
    entity: "document",
    aliases: ["doc", "file document"],
    fields: { title: "string", body: "text" },
    refs: [
      { to: ["folder", "workspace", "project"], optional: true },
      { field: "ownerId", to: USER_REF },
    ],
    searchField: "title",
  },
  {
    entity: "folder",
    aliases: ["directory"],
    fields: { name: "string" },
    refs: [
      { field: "parentId", to: ["folder"], optional: true },
      { field: "ownerId", to: USER_REF },
    ],
  },
  { entity: "notebook", fields: { name: "string" }, refs: [{ field: "ownerId", to: USER_REF }] },
  { entity: "playlist", fields: { name: "string" }, refs: [{ field: "ownerId", to: USER_REF }] },
  {
    entity: "song",
    aliases: [],
    fields: { title: "string", durationSeconds: "int" },
    refs: [{ to: ["artist", "album"], optional: true }],
    shared: true,
  },
  { entity: "artist", aliases: ["band", "musician"], fields: { name: "string" }, shared: true },
  {
    entity: "vehicle",
    aliases: ["car", "truck"],
    fields: { make: "string", model: "string", year: "int", plate: "string" },
    refs: [{ to: ["driver"], optional: true }],
  },
  { entity: "driver", fields: { name: "string", licenseNumber: "string" }, shared: true },
  {
    entity: "trip",
    aliases: ["ride", "delivery"],
    fields: { startedAt: "time", endedAt: "time?", status: "enum:requested|in_progress|completed|cancelled" },
    refs: [{ to: ["driver"] }, { to: ["vehicle"], optional: true }, { to: ["customer", "rider", "user"] }],
  },
  { entity: "restaurant", fields: { name: "string", address: "string", cuisine: "string?" }, shared: true },
  {
    entity: "menu item",
    aliases: ["dish"],
    fields: { name: "string", price: "money", isAvailable: "boolean" },
    refs: [{ to: ["restaurant", "menu"], ensure: true }],
  },
  {
    entity: "plant",
    fields: { name: "string", species: "string?", lastWateredAt: "time?" },
    refs: [{ field: "ownerId", to: USER_REF, optional: true }],
  },
  { entity: "habit", fields: { name: "string", frequency: "enum:daily|weekly|monthly" }, refs: [{ to: USER_REF }] },
  {
    entity: "goal",
    aliases: ["objective", "okr"],
    fields: { title: "string", targetDate: "time?", status: "enum:not_started|in_progress|achieved|abandoned" },
    refs: [{ field: "ownerId", to: USER_REF }],
  },
  {
    entity: "survey",
    aliases: ["form", "poll"],
    fields: { title: "string", isOpen: "boolean" },
    refs: [{ field: "ownerId", to: USER_REF }],
  },
  {
    entity: "response",
    aliases: ["answer", "form response"],
    fields: { answers: "record", submittedAt: "time" },
    refs: [
      { to: ["survey", "question"], ensure: true },
      { to: USER_REF, optional: true },
    ],
  },
  {
    entity: "feature flag",
    aliases: ["flag"],
    fields: { key: "string", enabled: "boolean", rolloutPercent: "number" },
    refs: [{ to: ["organization", "project"], optional: true }],
  },
  {
    entity: "webhook",
    fields: { url: "url", events: "tags", secret: "string", isActive: "boolean" },
    refs: [{ to: ["organization", "project", "user"] }],
  },
];
