import { describe, expect, it } from "vitest";
import { emptySchema } from "../../schema/model";
import { designFromRequest } from "./index";
import { normalize } from "./lexicon";
import { termTags, verbInContext } from "./tokens";

// Which tables a design request produces (issue 17): words that are not records stay out of the design.
function tables(request: string): string[] {
  const p = designFromRequest(request, emptySchema());
  expect(p.valid).toBe(true);
  return p.schema.tables.map((t) => t.name).sort();
}

function verbs(sentence: string): string[] {
  const clause = normalize(sentence).split(" ");
  const tags = termTags(clause);
  return clause.filter((_, k) => verbInContext(clause, tags, k));
}

describe("tables of a design", () => {
  it("a pronoun is never a table nor part of one", () => {
    const t = tables(
      "A study app where students keep flashcards in decks. They can attach the content they want to learn. It captures quiz attempts.",
    );
    expect(t).not.toContain("they");
    expect(t).not.toContain("shes");
    expect(t.some((n) => /^(?:it|they|she)[A-Z]/.test(n))).toBe(false);
    expect(t).toEqual(expect.arrayContaining(["decks", "flashcards"]));
  });

  it("a verb ending in -s between its subject and its object is no plural noun", () => {
    expect(verbs("The worker handles the upload and the frontend handles checkout")).toEqual(["handles", "handles"]);
    expect(verbs("it captures coding activity")).toEqual(["captures"]);
    expect(verbs("iOS requires notification categories")).toEqual(["requires"]);
    // "maintenance requests are raised": nothing like an object follows, the plural stays a noun.
    expect(verbs("maintenance requests are raised by technicians")).toEqual([]);
    expect(verbs("users create projects and tasks")).toEqual([]);
  });

  it("a describing word in a feature list is no part of a table's name", () => {
    const t = tables("A reading app with shelves, collections and responsive layouts");
    expect(t).not.toContain("responsiveLayouts");
    expect(t).toEqual(expect.arrayContaining(["shelves", "collections"]));
  });

  it("words about how the interface looks name no records, nor do their modifiers", () => {
    const t = tables(
      "A recipe app. Users save recipes and share cookbooks. Modern UI: gradient backgrounds, hover effects and partner logos.",
    );
    expect(t).toEqual(expect.arrayContaining(["recipes", "cookbooks"]));
    for (const junk of ["gradients", "gradientBackgrounds", "hovers", "hoverEffects", "partners", "partnerLogos"])
      expect(t).not.toContain(junk);
  });

  it("a lone word read as a verb, or a quantifier, is no part of a table's name", () => {
    const t = tables(
      "A notes app. Writes go through the api and the sync needs a token. All commands support flags. Users keep notebooks and notes.",
    );
    expect(t).toEqual(expect.arrayContaining(["notebooks", "notes"]));
    for (const junk of ["writes", "needs", "allCommands"]) expect(t).not.toContain(junk);
  });

  it("what a capability works with ('X editor', 'X support', 'X integration') is a table only when said again", () => {
    const t = tables(
      "A game studio app. Creators publish games and players leave reviews. Features: sprite editor, timezone support, calendar integration, quest editor. Each quest has a title and a reward.",
    );
    expect(t).toEqual(expect.arrayContaining(["games", "reviews", "quests"]));
    for (const junk of ["sprites", "timezones", "calendars"]) expect(t).not.toContain(junk);
  });

  it("a word about the software is a table where a record is made or counted ('create an endpoint', 'per device')", () => {
    const t = tables(
      "A webhook inbox. Sign in and create an endpoint, then share its url. Each endpoint has a secret. Keep a delivery log per device. Users own projects.",
    );
    expect(t).toEqual(expect.arrayContaining(["endpoints", "devices", "projects"]));
  });

  it('"iOS", "iPhone" stay one word', () => {
    expect(normalize("the iOS app on an iPhone keeps orderItems")).toBe("the ios app on an iphone keeps order items");
  });
});
