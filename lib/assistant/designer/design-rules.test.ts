import { describe, expect, it } from "vitest";
import type { SchemaModel, Table } from "../../schema/model";
import { emptySchema, findTable, referencedTables } from "../../schema/model";
import { designFromRequest } from "./index";

// Rule cases from issue 17's list of failures on ordinary English descriptions.
function design(request: string): { schema: SchemaModel; explanation: string; questions: string[] } {
  const p = designFromRequest(request, emptySchema());
  expect(p.valid).toBe(true);
  // Every reference (and every auth-subject id standing in for one) leads an index: by_<ref>.
  for (const t of p.schema.tables) {
    for (const f of t.fields) {
      if (f.validator.kind === "id" || /^(?:userId|ownerId)$/.test(f.name))
        expect(
          t.indexes.some((i) => i.fields[0] === f.name),
          `${t.name}.${f.name} has no index`,
        ).toBe(true);
    }
    expect(t.fields.length, `${t.name} is empty`).toBeGreaterThan(0);
  }
  return p;
}

function table(schema: SchemaModel, name: string): Table {
  const t = findTable(schema, name);
  if (!t) throw new Error(`no table "${name}" in ${schema.tables.map((x) => x.name).join(", ")}`);
  return t;
}

const refs = (t: Table): string[] => t.fields.flatMap((f) => referencedTables(f.validator));
const fieldNames = (t: Table): string[] => t.fields.map((f) => f.name);

describe("design constraints", () => {
  it("no join tables: a many-to-many link becomes an array of ids, and the reply says so", () => {
    const p = design("A bookmarking app, no join tables: bookmarks can have many tags");
    expect(p.schema.tables.map((t) => t.name).sort()).toEqual(["bookmarks", "tags"]);
    expect(table(p.schema, "bookmarks").fields.find((f) => f.name === "tagIds")?.validator).toEqual({
      kind: "array",
      element: { kind: "id", table: "tags" },
    });
    expect(p.explanation).toMatch(/as asked \(no join table\)/);
  });

  it("we never store users: no users table, the owner is the auth provider's user id, indexed", () => {
    const p = design("We never store users; auth is handled by Clerk. Documents have an owner and a title.");
    expect(findTable(p.schema, "users")).toBeUndefined();
    const docs = table(p.schema, "documents");
    expect(docs.fields.find((f) => f.name === "ownerId")?.validator).toEqual({ kind: "string" });
    expect(docs.indexes.map((i) => i.fields[0])).toContain("ownerId");
    expect(p.explanation).toMatch(/No users table, as asked/);
  });

  it("no <x> table leaves that table out and says so", () => {
    const p = design("A blog with posts, comments and tags. No comments table.");
    expect(findTable(p.schema, "comments")).toBeUndefined();
    expect(findTable(p.schema, "posts")).toBeDefined();
    expect(p.explanation).toMatch(/Leaves out "comments"/);
  });
});

describe("search in a design", () => {
  it("full-text search on the field named", () => {
    const p = design("a recipe app where users can search recipes by title");
    expect(table(p.schema, "recipes").searchIndexes.map((i) => i.searchField)).toEqual(["title"]);
  });

  it("semantic search adds an embedding field and a vector index, and no follow-up question", () => {
    const p = design("A notes app with semantic search over notes using embeddings");
    const notes = table(p.schema, "notes");
    expect(notes.vectorIndexes[0]).toMatchObject({ vectorField: "embedding", dimensions: 1536 });
    expect(fieldNames(notes)).toContain("embedding");
    expect(p.questions).toEqual([]);
  });

  it("find similar X asks for a vector index on X", () => {
    const p = design("Users post photos with captions; the app can find similar photos");
    expect(table(p.schema, "photos").vectorIndexes.length).toBe(1);
  });
});

describe("never an empty table", () => {
  it.each([
    "a todo app with lists and todos",
    "An app to track my houseplants and watering logs; each watering log is for one houseplant.",
    "a bookmarking app with bookmarks and folders",
    "Track gadgets, widgets and sprockets",
  ])("%s", (request) => {
    const p = design(request);
    expect(p.schema.tables.length).toBeGreaterThan(0);
    for (const t of p.schema.tables) expect(t.fields.length, t.name).toBeGreaterThan(0);
  });
});

describe("reading ordinary English", () => {
  it("users save recipes into collections → a collections table holding recipes, owned by the user", () => {
    const p = design("A recipe app where users save recipes into collections");
    const collections = table(p.schema, "collections");
    expect(refs(collections)).toContain("users");
    expect(p.schema.tables.some((t) => refs(t).includes("collections") && refs(t).includes("recipes"))).toBe(true);
  });

  it("lists and todos → a lists table with fields, todos in a list", () => {
    const p = design("a todo app with lists and todos");
    expect(table(p.schema, "lists").fields.length).toBeGreaterThan(0);
    expect(refs(table(p.schema, "todos"))).toContain("lists");
  });

  it("for sale or rent → one union of the user's words, not two fields", () => {
    const p = design("A real estate site: agents list properties for sale or rent, with price, bedrooms and photos");
    const properties = table(p.schema, "properties");
    expect(properties.fields.find((f) => f.name === "listingType")?.validator).toEqual({
      kind: "union",
      members: [
        { kind: "literal", value: "sale" },
        { kind: "literal", value: "rent" },
      ],
    });
    expect(fieldNames(properties)).not.toContain("sale");
    expect(fieldNames(properties)).toEqual(expect.arrayContaining(["price", "bedrooms", "photos"]));
    expect(findTable(p.schema, "bedrooms")).toBeUndefined();
  });

  it("channels (public or private) → a visibility union replacing the library's flag", () => {
    const p = design("A team chat like Slack: workspaces, channels (public or private), members and messages.");
    const channels = table(p.schema, "channels");
    expect(channels.fields.find((f) => f.name === "visibility")?.validator.kind).toBe("union");
    expect(fieldNames(channels)).not.toEqual(expect.arrayContaining(["public"]));
    expect(fieldNames(channels)).not.toContain("isPrivate");
    // "like Slack" is not a likes table, "team chat" not a teams table.
    expect(findTable(p.schema, "likes")).toBeUndefined();
    expect(findTable(p.schema, "teams")).toBeUndefined();
  });

  it("choices before a noun and after 'that are'", () => {
    expect(
      table(design("Users create public or private boards").schema, "boards").fields.find(
        (f) => f.name === "visibility",
      ),
    ).toBeDefined();
    const quiz = table(design("quizzes that are easy, medium or hard").schema, "quizzes");
    expect(quiz.fields.find((f) => f.name === "difficulty")?.validator).toEqual({
      kind: "union",
      members: ["easy", "medium", "hard"].map((value) => ({ kind: "literal", value })),
    });
  });

  it("request words never become fields", () => {
    const p = design("A team chat: channels, members and messages. Members have due dates for tasks.");
    expect(fieldNames(table(p.schema, "members"))).not.toContain("dueDates");
  });
});

describe("grammar: possessives, relative clauses, 'for each', verbs that are records", () => {
  it("possessive: each project's tasks belong to the project; the possessor gets no attribute", () => {
    const p = design("Each project's tasks have an assignee");
    expect(refs(table(p.schema, "tasks"))).toContain("projects");
    expect(fieldNames(table(p.schema, "projects"))).not.toContain("assigneeId");
  });

  it("relative clause: users who own stores can list products", () => {
    const p = design("Users who own stores can list products");
    expect(refs(table(p.schema, "stores"))).toContain("users");
    expect(refs(table(p.schema, "products"))).toContain("stores");
  });

  it("for each: a log entry for each workout is a table referencing workouts", () => {
    const p = design("Keep a log entry for each workout, with sets and reps");
    expect(refs(table(p.schema, "logEntries"))).toContain("workouts");
    expect(fieldNames(table(p.schema, "workouts"))).not.toContain("repId");
  });

  it("users react to messages with emojis → reactions with an emoji, linked to both", () => {
    const p = design("Users react to messages with emojis and upload images");
    const reactions = table(p.schema, "reactions");
    expect(refs(reactions).sort()).toEqual(["messages", "users"]);
    expect(fieldNames(reactions)).toContain("emoji");
    expect(fieldNames(table(p.schema, "messages"))).not.toContain("emojis");
    expect(refs(table(p.schema, "users"))).toEqual([]);
  });
});

describe("vague requests get a question naming what is unclear", () => {
  it.each([
    ["an app for my business", /"my business"/],
    ["I need an app to track my stuff", /"stuff"/],
    ["make me an app", /What is the app for/],
    ["asdf qwer", /"asdf qwer"/],
  ])("%s", (request, named) => {
    const p = designFromRequest(request, emptySchema());
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toMatch(named);
  });

  it("a guess from the kind of app still asks about the vague words", () => {
    const p = designFromRequest("an app to manage stuff for my gym", emptySchema());
    expect(p.questions.join(" ")).toMatch(/"stuff"/);
  });
});

describe("who owns what", () => {
  it("people who sign in are users; things they save are tables; new unknown tables are scoped by user", () => {
    const p = design(
      "A bookmark manager where people sign in and save bookmarks into folders. Users also keep journals.",
    );
    expect(findTable(p.schema, "people")).toBeUndefined();
    expect(findTable(p.schema, "users")).toBeDefined();
    expect(findTable(p.schema, "bookmarks")).toBeDefined();
    expect(refs(table(p.schema, "journals"))).toContain("users");
  });
});

describe("a pasted README", () => {
  const readme = [
    "# Convex Chat",
    "[![Deploy](https://vercel.com/button)](https://vercel.com)",
    "A real-time chat app built with **Convex**, Next.js and Clerk.",
    "## Features",
    "- 💬 Create channels and send messages in real time",
    "- 🔐 Sign in with Clerk",
    "- ❤️ React to messages with emojis",
    "## Getting Started",
    "```bash",
    "npm install",
    "```",
    "Set `CLERK_SECRET_KEY` in `.env.local`.",
    "## License",
    "MIT",
  ].join("\n");

  it("reads the prose and feature list, not the set-up", () => {
    const p = design(readme);
    const names = p.schema.tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["channels", "messages", "users", "reactions"]));
    expect(names.some((n) => /npm|clerk|licen|mit|env/i.test(n))).toBe(false);
    expect(refs(table(p.schema, "reactions")).sort()).toEqual(["messages", "users"]);
  });
});

describe("values mentioned in passing", () => {
  const literals = (t: Table, field: string): unknown[] => {
    const v = t.fields.find((f) => f.name === field)?.validator;
    return v?.kind === "union" ? v.members.map((m) => (m.kind === "literal" ? m.value : null)) : [];
  };

  it("states of a workflow are the entity's status, and 'todo' there is not a table", () => {
    const p = design("A kanban board where tasks move from todo to in progress to done");
    expect(literals(table(p.schema, "tasks"), "status")).toEqual(
      expect.arrayContaining(["todo", "in_progress", "done"]),
    );
    expect(findTable(p.schema, "todos")).toBeUndefined();
  });

  it("choices after 'are' keep the user's words", () => {
    expect(literals(table(design("Orders are pending, paid or shipped").schema, "orders"), "status")).toEqual([
      "pending",
      "paid",
      "shipped",
    ]);
  });

  it("roles named in passing become the users' role values", () => {
    const p = design("Admins and editors can publish articles; readers leave comments");
    expect(literals(table(p.schema, "users"), "role")).toEqual(expect.arrayContaining(["admin", "editor"]));
  });
});

describe("values from lists without a field name", () => {
  const literals = (t: Table | undefined, field: string): unknown[] => {
    const v = t?.fields.find((f) => f.name === field)?.validator;
    return v?.kind === "union" ? v.members.map((m) => (m.kind === "literal" ? m.value : null)) : [];
  };

  it("slash lists: buyer/seller agents", () => {
    expect(
      literals(findTable(design("agents: Buyer/seller agents with preferences").schema, "agents"), "role"),
    ).toEqual(["buyer", "seller"]);
  });

  it("comma lists in parentheses are values unless they name fields", () => {
    const students = findTable(
      design("Students (middle school, high school, university) seeking concept clarity").schema,
      "students",
    );
    expect(
      students?.fields.some(
        (f) => f.validator.kind === "union" && literals(students, f.name).includes("middle_school"),
      ),
    ).toBe(true);
    const tasks = findTable(design("tasks (title, due date, priority)").schema, "tasks");
    expect(tasks?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["title", "dueDate", "priority"]));
  });

  it("the kinds of people who sign in are the users' roles", () => {
    const p = design("Parents sign up to find tutors; tutors and parents message each other");
    expect(literals(findTable(p.schema, "users"), "role")).toEqual(expect.arrayContaining(["parent", "tutor"]));
  });
});

describe("more value lists", () => {
  const unionValues = (s: SchemaModel): string[] =>
    s.tables.flatMap((t) =>
      t.fields.flatMap((f) =>
        f.validator.kind === "union"
          ? f.validator.members.map((m) => (m.kind === "literal" ? String(m.value) : ""))
          : [],
      ),
    );

  it("a parenthesised list after a phrase", () => {
    expect(
      unionValues(design("Journal entries give feedback on your mood leaning (Positive, Neutral, or Anxious)").schema),
    ).toEqual(expect.arrayContaining(["positive", "neutral", "anxious"]));
  });

  it("kinds listed before a plural noun, and never as fields", () => {
    const p = design("File Upload: Support for PDF, DOCX, TXT, CSV, and image files");
    expect(unionValues(p.schema)).toEqual(expect.arrayContaining(["pdf", "docx", "txt", "csv"]));
    expect(p.schema.tables.flatMap((t) => t.fields.map((f) => f.name))).not.toContain("docx");
  });
});

describe("links a reader infers", () => {
  it("records of a dependent kind named with a main record reference it", () => {
    const p = design(
      "Interview scheduling; interviewers leave comments on interviews. Readers bookmark pages of books: bookmarks and books.",
    );
    expect(refs(table(p.schema, "comments"))).toContain("interviews");
  });

  it("multi-tenant: records are scoped by the organization", () => {
    const p = design("A multi-tenant clinic app: organizations, clients, appointments and message templates");
    for (const name of ["clients", "appointments", "messageTemplates"])
      expect(refs(table(p.schema, name)), name).toContain("organizations");
  });
});

describe("harvesting things named in passing", () => {
  const names = (request: string): string[] => design(request).schema.tables.map((t) => t.name);

  it("feature phrases, hyphenated qualifiers, slash pairs and headings of a longer description", () => {
    const got = names(
      [
        "# Velo",
        "Transaction debugger",
        "- Appointment booking and project management",
        "- Session-based authentication",
        "- AI-assisted class/session tooling",
        "- Real-time messaging with message quotas",
        "- Payout tracking",
      ].join("\n"),
    );
    expect(got).toEqual(
      expect.arrayContaining([
        "transactions",
        "appointments",
        "projects",
        "sessions",
        "classes",
        "messages",
        "messageQuotas",
        "payouts",
      ]),
    );
  });

  it("stack and meta words never become tables", () => {
    const got = names(
      "Built with Next.js, Convex and Clerk. Features: real-time sync, dark mode, documentation, deployment scripts; users keep notes",
    );
    expect(got.filter((n) => /next|convex|clerk|mode|documentation|deployment|script|sync/i.test(n))).toEqual([]);
    expect(got).toEqual(expect.arrayContaining(["users", "notes"]));
  });

  it("chat is a table only when nothing else holds the conversations", () => {
    expect(names("An AI chat app where users ask questions")).toContain("chats");
    expect(names("chat app with channels and messages; users can join many channels")).not.toContain("chats");
  });
});

describe("users and the group they belong to", () => {
  it("users named beside a team or a family each belong to one (users.teamId), not a membership table", () => {
    const p = design("A family banking app: families, teams, users and chores.");
    expect(refs(table(p.schema, "users"))).toEqual(expect.arrayContaining(["families", "teams"]));
    expect(findTable(p.schema, "teamMembers")).toBeUndefined();
  });

  it("users in many teams still get the membership table", () => {
    const p = design("users can belong to many teams");
    expect(p.schema.tables.some((t) => refs(t).includes("users") && refs(t).includes("teams"))).toBe(true);
  });
});

describe("noun qualifiers", () => {
  it("a record named right before another qualifies it: restaurant waitlists, item photos", () => {
    const p = design("Diners join restaurant waitlists; owners upload item photos");
    const waitlists = p.schema.tables.find((t) => /waitlists$/i.test(t.name));
    expect(waitlists && refs(waitlists)).toContain("restaurants");
    expect(refs(table(p.schema, "itemPhotos"))).toContain("items");
  });
});

describe("the app itself is not a table", () => {
  it("design a blog with … names the app; real estate is the domain; 'using embeddings' is how, not a table", () => {
    expect(
      design("design a blog with posts, comments, tags and authors").schema.tables.map((t) => t.name),
    ).not.toContain("blogs");
    expect(
      design("A real estate site: agents list properties")
        .schema.tables.map((t) => t.name)
        .some((n) => /estate/i.test(n)),
    ).toBe(false);
    const notes = design("A notes app with semantic search over notes using embeddings").schema.tables.map(
      (t) => t.name,
    );
    expect(notes.some((n) => /embedding/i.test(n))).toBe(false);
  });
});

describe("words read in passing never take a parent's place", () => {
  it("a compound's modifier named in one sentence only is not its parent", () => {
    const { schema } = design(
      "A tutoring app. Students book sessions with college freelancers. Sessions have reviews.",
    );
    expect(refs(table(schema, "collegeFreelancers"))).not.toContain("colleges");
  });
});

describe("a word only ever seen in front of another noun is a modifier there", () => {
  it("is never the parent of the compound it modifies", () => {
    const { schema } = design(
      "A repair app. Technicians handle maintenance requests. Maintenance requests are raised for machines. Preventive maintenance calendar for routine checkups.",
    );
    const requests = table(schema, "maintenanceRequests");
    expect(refs(requests)).toContain("machines");
    expect(refs(requests)).not.toContain("maintenances");
  });
});

describe("two kinds of people using the app", () => {
  it("are users with a role, even when the request never says 'users'", () => {
    const { schema } = design("Doctors see patients in appointments.");
    const role = table(schema, "users").fields.find((f) => f.name === "role");
    expect(role?.validator.kind).toBe("union");
    expect(JSON.stringify(role?.validator)).toContain("doctor");
    expect(JSON.stringify(role?.validator)).toContain("patient");
  });
});

describe("stated links with describing words and second parents", () => {
  it("'must have a dedicated maintenance team' links to the team", () => {
    const { schema } = design("Each equipment must have a dedicated maintenance team.");
    expect(refs(table(schema, "equipment"))).toContain("teams");
  });

  it("'references a trip and an event' gives both parents", () => {
    const { schema } = design("Every booking references a trip and an event.");
    expect(refs(table(schema, "bookings"))).toEqual(expect.arrayContaining(["trips", "events"]));
  });
});

describe("words joined by a slash", () => {
  it("are records only when one of them is a known kind of record", () => {
    const fonts = design("A reader app for books. Position anchors survive font/layout changes.").schema.tables.map(
      (t) => t.name,
    );
    expect(fonts).not.toContain("fonts");
    const media = design("A social app: each post can hold a photo/video attachment.").schema.tables.map((t) => t.name);
    expect(media).toEqual(expect.arrayContaining(["photos", "videos"]));
  });
});

describe("a short heading that is a noun phrase", () => {
  it("names a record only when it is a kind of record the library or learned.json knows", () => {
    const names = design("A space app.\n- Galaxy explorer\n- Users save planets to collections.").schema.tables.map(
      (t) => t.name,
    );
    expect(names).not.toContain("galaxies");
    expect(names).not.toContain("explorers");
    expect(names).toEqual(expect.arrayContaining(["planets", "collections"]));
  });
});

describe("the head of a feature phrase", () => {
  it("is a record only when it is a kind of record the library or learned.json knows", () => {
    const names = design(
      "Employees submit expenses. Managers work through the expense approval queue.",
    ).schema.tables.map((t) => t.name);
    expect(names).not.toContain("queues");
    expect(names).toContain("expenses");
  });
});

describe("a record that hangs off another, named next to a kind of person and a thing", () => {
  it("belongs to the thing", () => {
    const reviews = table(design("Hotels, guests, reviews.").schema, "reviews");
    expect(refs(reviews)).toContain("hotels");
    expect(refs(reviews)).not.toContain("guests");
  });
});

describe("a record linked to nothing but users, in no sentence with another record", () => {
  it("references the table real apps most often give it (learned statistics), with its index", () => {
    const keys = table(design("A deployment dashboard. Create projects. Generate API keys.").schema, "apiKeys");
    expect(refs(keys)).toContain("projects");
    expect(keys.indexes.some((i) => i.fields[0] === "projectId")).toBe(true);
  });

  it("leaves kinds of people alone: they are users of a role, not records that hang off another", () => {
    const sellers = findTable(design("Negotiation agent: sellers post deals. The app logs events.").schema, "sellers");
    expect(sellers && refs(sellers)).not.toContain("events");
  });
});
