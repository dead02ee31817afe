import { describe, expect, it } from "vitest";
import type { Validator } from "../../schema/model";
import { emptySchema } from "../../schema/model";
import { designFromRequest } from "./index";

function values(v: Validator | undefined): string[] {
  if (!v) return [];
  if (v.kind === "literal" && typeof v.value === "string") return [v.value];
  return v.kind === "union" ? v.members.flatMap(values) : [];
}

function field(request: string, table: string, name: string): string[] {
  const p = designFromRequest(request, emptySchema());
  expect(p.valid).toBe(true);
  return values(p.schema.tables.find((t) => t.name === table)?.fields.find((f) => f.name === name)?.validator);
}

describe("values the user lists keep their words", () => {
  it("reads two values of a set real apps keep as a union when one sentence names them in passing", () => {
    expect(
      field(
        "A workspace app. Users on the free plan get three projects while pro users get unlimited projects.",
        "users",
        "tier",
      ),
    ).toEqual(["free", "pro"]);
  });

  it("drops the verb in front of the first value and the kind word every value repeats", () => {
    const all = (request: string): string[] =>
      designFromRequest(request, emptySchema()).schema.tables.flatMap((t) =>
        t.fields.flatMap((f) => values(f.validator)),
      );
    expect(all("A chat app. Messages can be marked read/unread.")).toEqual(expect.arrayContaining(["read", "unread"]));
    expect(all("An events app. Events are either hosted on Runwae or external.")).toEqual(
      expect.arrayContaining(["runwae", "external"]),
    );
  });

  it("reads a list after a dash, 'include', 'via' and 'rated' as values", () => {
    const all = (request: string): string[] =>
      designFromRequest(request, emptySchema()).schema.tables.flatMap((t) =>
        t.fields.flatMap((f) => values(f.validator)),
      );
    expect(all("A game with players. Each player picks a role — attacker, defender or healer.")).toEqual(
      expect.arrayContaining(["attacker", "defender", "healer"]),
    );
    expect(all("An expense tracker. Expense categories include food, transport and rent.")).toEqual(
      expect.arrayContaining(["food", "transport", "rent"]),
    );
    expect(all("A notifications app: notifications are sent via email, SMS or push.")).toEqual(
      expect.arrayContaining(["email", "sms", "push"]),
    );
    expect(all("A study app with flashcards rated again, hard, good or easy.")).toEqual(
      expect.arrayContaining(["again", "hard", "good", "easy"]),
    );
  });

  it("reads a parenthesised list after a field word", () => {
    expect(
      field(
        "A reading tracker with books and reviews. Book status tracking (reading, paused, finished, dropped).",
        "books",
        "status",
      ),
    ).toEqual(["reading", "paused", "finished", "dropped"]);
  });

  it("reads 'which can be …' and names the field after the words in front", () => {
    expect(
      field(
        "An app where gardeners log plants. Each plant has a light need which can be shade, partial or full sun.",
        "plants",
        "lightNeed",
      ),
    ).toEqual(["shade", "partial", "full_sun"]);
  });

  it("never puts template values in place of the listed ones", () => {
    expect(
      field("Track shipments with a status of queued, in transit, delivered or returned.", "shipments", "status"),
    ).toEqual(["queued", "in_transit", "delivered", "returned"]);
  });

  it("reads 'either … or …'", () => {
    expect(field("Orders are either pickup or delivery.", "orders", "type")).toEqual(["pickup", "delivery"]);
  });

  it("does not read a list of tables or of fields as values", () => {
    const p = designFromRequest("A CRM with companies, contacts and deals (title, amount, stage).", emptySchema());
    const deals = p.schema.tables.find((t) => t.name === "deals");
    expect(deals?.fields.some((f) => values(f.validator).includes("title"))).toBe(false);
  });

  it("reads a colon list after a field word, even of words that could name fields", () => {
    expect(
      field(
        "A chat app with channels and messages. Supports three message types: text, image, and voice.",
        "messages",
        "type",
      ),
    ).toEqual(["text", "image", "voice"]);
  });

  it("reads a progression written with arrows", () => {
    expect(field("A task board. Tasks move through To Do → In Progress → Review → Done.", "tasks", "status")).toEqual([
      "to_do",
      "in_progress",
      "review",
      "done",
    ]);
  });

  it("names the field without the preposition in front of it", () => {
    expect(
      field("A library of books. Filter books by genre (fiction, non-fiction, poetry).", "books", "genre"),
    ).toEqual(["fiction", "non_fiction", "poetry"]);
  });

  it("reads kinds named right before a table, as one field", () => {
    const p = designFromRequest("Generate daily, weekly and monthly reports.", emptySchema());
    const reports = p.schema.tables.find((t) => t.name === "reports");
    const unions = (reports?.fields ?? []).filter((f) => f.validator.kind === "union");
    expect(unions.map((f) => [f.name, values(f.validator)])).toEqual([["frequency", ["daily", "weekly", "monthly"]]]);
  });

  it("replaces template values of the field that holds the listed ones, and no value becomes a field", () => {
    const p = designFromRequest(
      "a CRM with companies and deals. Deals have a stage of lead, qualified, won or lost.",
      emptySchema(),
    );
    const deals = p.schema.tables.find((t) => t.name === "deals");
    expect(values(deals?.fields.find((f) => f.name === "stage")?.validator)).toEqual([
      "lead",
      "qualified",
      "won",
      "lost",
    ]);
    expect(deals?.fields.map((f) => f.name)).not.toEqual(expect.arrayContaining(["won"]));
  });

  it("reads values named right before a field word, once, and not as fields", () => {
    const p = designFromRequest("A task app: tasks with low, medium or urgent priority.", emptySchema());
    const tasks = p.schema.tables.find((t) => t.name === "tasks");
    expect(values(tasks?.fields.find((f) => f.name === "priority")?.validator)).toEqual(["low", "medium", "urgent"]);
    expect(tasks?.fields.map((f) => f.name)).not.toEqual(expect.arrayContaining(["low"]));
    const bugs = designFromRequest("Bugs are tagged critical, major or minor severity.", emptySchema()).schema
      .tables[0];
    const unions = bugs.fields.filter((f) => values(f.validator).includes("major"));
    expect(unions.map((f) => [f.name, values(f.validator)])).toEqual([["severity", ["critical", "major", "minor"]]]);
  });

  it("reads a list joined by 'and' after a field word, and the field word itself is no field", () => {
    expect(
      field("Track workouts of type running, cycling, swimming and strength training.", "workouts", "type"),
    ).toEqual(["running", "cycling", "swimming", "strength_training"]);
    const p = designFromRequest("Support tickets with statuses open, in progress, resolved and closed.", emptySchema());
    const tickets = p.schema.tables.find((t) => t.name === "tickets");
    expect(values(tickets?.fields.find((f) => f.name === "status")?.validator)).toEqual([
      "open",
      "in_progress",
      "resolved",
      "closed",
    ]);
    expect(tickets?.fields.map((f) => f.name)).not.toContain("statusesOpen");
  });

  it("reads kinds before a noun joined by 'and' when the noun is a field word or the values a known set", () => {
    const all = (request: string): string[] =>
      designFromRequest(request, emptySchema()).schema.tables.flatMap((t) =>
        t.fields.flatMap((f) => values(f.validator)),
      );
    expect(all("A SaaS with free and pro plans for teams.")).toEqual(expect.arrayContaining(["free", "pro"]));
    expect(all("Support for both one-time and recurring donations.")).toEqual(
      expect.arrayContaining(["one_time", "recurring"]),
    );
    // Values of several words, and a slash inside one value of a comma list.
    expect(all("Quizzes have questions in multiple choice, true/false and short answer formats.")).toEqual(
      expect.arrayContaining(["multiple_choice", "true_false", "short_answer"]),
    );
  });

  it("reads any list joined by 'or' and keeps a capitalised name whole", () => {
    const p = designFromRequest("Agents run on OpenAI, Anthropic or Google models.", emptySchema());
    const agents = p.schema.tables.find((t) => t.name === "agents");
    expect(agents?.fields.flatMap((f) => values(f.validator))).toEqual(["openai", "anthropic", "google"]);
  });

  it("reads a heading that names a field over short lines as its values", () => {
    expect(
      field(
        "A job board.\n### Job types\n- Full-time\n- Part-time\n- Contract: fixed term\nEmployers post jobs.",
        "jobs",
        "type",
      ),
    ).toEqual(["full_time", "part_time", "contract"]);
  });

  it("drops the verb and preposition in front of the first value, and a value may start with a preposition", () => {
    expect(field("Notifications are sent by email or SMS when an order ships.", "notifications", "type")).toEqual([
      "email",
      "sms",
    ]);
    const listings = designFromRequest("Listings can be for sale or for rent.", emptySchema()).schema.tables[0];
    expect(listings.fields.flatMap((f) => values(f.validator))).toEqual(
      expect.arrayContaining(["for_sale", "for_rent"]),
    );
  });

  it("reads choices that name tables when the sentence says the subject can be one of them, in the singular", () => {
    expect(field("Pets can be dogs, cats, birds, or reptiles.", "pets", "type")).toEqual([
      "dog",
      "cat",
      "bird",
      "reptile",
    ]);
  });

  it("does not read actions, or a list that runs into the next phrase, as values", () => {
    for (const request of [
      "A notes app. Users can create, edit and delete notes, and share notes with friends.",
      "Sign up with email or Google and start tracking habits.",
      "Teachers can grade submissions or leave feedback for students.",
      "Users can like, comment, or share posts.",
    ]) {
      const p = designFromRequest(request, emptySchema());
      expect(p.assumptions.filter((a) => a.includes("values you listed"))).toEqual([]);
    }
  });

  it("reads words of a closed set however they are joined, on the table named next when the sentence names none", () => {
    const all = (request: string): string[] =>
      designFromRequest(request, emptySchema()).schema.tables.flatMap((t) =>
        t.fields.flatMap((f) => values(f.validator)),
      );
    expect(
      all("A language learning platform for Japanese, English, and French. Learners save words to decks."),
    ).toEqual(expect.arrayContaining(["japanese", "english", "french"]));
    expect(all("A quiz app. Quizzes have questions (MCQ + descriptive).")).toEqual(
      expect.arrayContaining(["mcq", "descriptive"]),
    );
  });

  it("gives the users a role of each kind of person the request names", () => {
    expect(
      field("A family banking app. Kids earn money by completing chores; parents approve payouts.", "users", "role"),
    ).toEqual(["kid", "parent"]);
  });

  it("reads sections written for kinds of people as the users' roles, and an admin role sets admins apart from users", () => {
    expect(
      field(
        "A transport booking site.\nUser Features:\n- Book tickets\n- Track trips\nAdmin Features:\n- Manage routes and buses",
        "users",
        "role",
      ),
    ).toEqual(["user", "admin"]);
  });

  it("does not read settings' names, paths or two bracketed phrases as values", () => {
    for (const request of [
      "A chat app with messages. Set OPENAI_API_KEY or ANTHROPIC_API_KEY to choose a provider.",
      "A todo app with tasks and a minimal /app/admin page.",
      "A todo app with tasks and an admin page (user list, basic stats).",
    ]) {
      const p = designFromRequest(request, emptySchema());
      const literals = p.schema.tables.flatMap((t) => t.fields.flatMap((f) => values(f.validator)));
      expect(literals).not.toEqual(expect.arrayContaining(["app"]));
      expect(literals).not.toEqual(expect.arrayContaining(["user_list"]));
      expect(literals.some((v) => /key$/.test(v))).toBe(false);
    }
  });

  it("reads three or more names listed with 'and', but not the tools an app is built with", () => {
    const all = (request: string): string[] =>
      designFromRequest(request, emptySchema()).schema.tables.flatMap((t) =>
        t.fields.flatMap((f) => values(f.validator)),
      );
    expect(
      all("A collection manager for trading cards. Card search across Yu-Gi-Oh!, Magic, and Pokemon via one layer."),
    ).toEqual(expect.arrayContaining(["yu_gi_oh", "magic", "pokemon"]));
    expect(all("A notes app built with Next.js, Convex, and Clerk. Users create notes and share them.")).not.toEqual(
      expect.arrayContaining(["convex"]),
    );
  });

  it("reads the column of a README table that a field word heads, and no row as a list", () => {
    const p = designFromRequest(
      "# Game\nPlayers join matches.\n## Modes\n| Mode | Scope | Notes |\n| --- | --- | --- |\n" +
        "| Quiz | Football | Ranked and casual |\n| Blitz | Football | Timed sprint |\n| Survival | Any | Lives |",
      emptySchema(),
    );
    const unions = p.schema.tables.flatMap((t) => t.fields.map((f) => values(f.validator))).filter((v) => v.length);
    expect(unions).toContainEqual(["quiz", "blitz", "survival"]);
    expect(unions.flat()).not.toContain("football");
  });

  it("never fails on a list cut short", () => {
    for (const request of [
      "Tasks can be open or",
      "status: a, b, or",
      "(x / y",
      "to do → in progress →",
      "Users' own boards, their",
    ])
      expect(designFromRequest(request, emptySchema()).valid).toBe(true);
  });
});
