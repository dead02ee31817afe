import { describe, expect, it } from "vitest";
import { DEMO_SCHEMA_SOURCE } from "../../demo";
import { parseSchemaSource } from "../../schema";
import { emptySchema, type SchemaModel } from "../../schema/model";
import { classifyIntent } from "./classify";

function demo(): SchemaModel {
  const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
  if (!parsed.ok) throw new Error("demo schema does not parse");
  return parsed.schema;
}

describe("intent classification", () => {
  it.each([
    // An incidental "code" or "create" is not a code request.
    ["create an event app where guests scan a QR code", "design", true],
    ["members join with a join code", "design", true],
    ["a shop where customers enter a promo code at checkout", "design", true],
    ["build a CRUD app for recipes", "design", true],
    ["design a blog with posts, comments, tags and authors", "design", false],
    ["make dueDate required on tasks", "change", false],
    ["add a promo code to tasks", "change", false],
    ["create a functions table", "change", false],
    ["generate CRUD for tasks", "code", false],
    ["write the queries and mutations for comments", "code", false],
    ["can you scaffold the functions for projects?", "code", false],
    ["write me a poem about cats", "offtopic", false],
    ["what's the weather", "offtopic", false],
    ["tell me a joke", "offtopic", false],
    ["hello!", "offtopic", false],
    ["a poetry app where users write poems about cats", "design", true],
    ["make it faster", "optimize", false],
    ["why is listing tasks slow?", "optimize", false],
    ["make the queries on tasks faster", "optimize", false],
    ["are there missing indexes?", "optimize", false],
    ["is my schema OK?", "lint", false],
    ["review my schema", "lint", false],
    ["explain the tasks table", "explain", false],
    ["what does the comments table store?", "explain", false],
  ])("%j → %s", (request, intent, empty) => {
    expect(classifyIntent(request as string, empty ? emptySchema() : demo()).intent).toBe(intent);
  });

  it("reads what an impact question is about", () => {
    expect(classifyIntent("what breaks if I rename tasks.title to name?", demo())).toEqual({
      intent: "impact",
      action: "rename",
      target: "tasks.title",
    });
    expect(classifyIntent("What would break if we remove the comments table", demo())).toEqual({
      intent: "impact",
      action: "remove",
      target: "the comments table",
    });
    expect(classifyIntent("which functions use dueDate?", demo())).toEqual({
      intent: "impact",
      action: "use",
      target: "dueDate",
    });
    expect(classifyIntent("can I safely drop labels?", demo())).toMatchObject({
      intent: "impact",
      action: "remove",
      target: "labels",
    });
  });
});

describe("long texts describe apps", () => {
  it("a README that says fast, optimized or high-performance is a design, not a performance review", () => {
    const readme =
      "Garage Sale Inventory Manager: a mobile-first, high-performance platform where owners manage their garage sales and customers discover and purchase items in real time. Features: a fast, searchable directory of items, ATS-optimized listings, and a dashboard to speed up check-out for every sale.";
    expect(classifyIntent(readme, emptySchema()).intent).toBe("design");
  });

  it("errands for a personal assistant are off-topic", () => {
    expect(classifyIntent("can you book me a flight to Lisbon?", demo()).intent).toBe("offtopic");
    expect(classifyIntent("it's too slow", demo()).intent).toBe("optimize");
  });
});

describe("messages unrelated to a project's schema", () => {
  it.each([
    "what's the capital of France?",
    "order me a pizza",
    "give me a workout routine for the week",
    "convert 30 celsius to fahrenheit",
  ])("%j is off-topic on the demo project", (request) => {
    expect(classifyIntent(request, demo()).intent).toBe("offtopic");
  });

  it("a message naming a field, a table or giving a command is not", () => {
    for (const request of ["allow an empty due date", "add nickname", "status should be named state", "index labels"]) {
      expect(classifyIntent(request, demo()).intent, request).toBe("change");
    }
  });
});

describe("deliverables that are never a schema, and fields said as code", () => {
  it.each([
    "write a haiku about database migrations",
    "can you write a haiku about tasks",
    "write a regex that matches email addresses",
    "draft an apology email to a customer whose task went missing",
    'translate "your task has been saved" into French',
    "recommend a good book on data modelling",
    "generate 5 names for a startup that sells workspaces",
    "can you make a logo for our task app? Something blue.",
  ])("%j is off-topic even though it names schema words", (request) => {
    expect(classifyIntent(request, demo()).intent).toBe("offtopic");
  });

  it.each([
    "we need sortKey too (string)",
    "as a PM I need an archived flag",
    "can we add tags?",
    "a time entry needs a billable boolean",
  ])("%j is a change: a camelCase name, a type word, a command or a singular spaced table name", (request) => {
    expect(classifyIntent(request, demo()).intent).toBe("change");
  });

  it("a product name in camelCase is not a field: 'my iPhone simulator won't boot' stays off-topic", () => {
    expect(classifyIntent("my iPhone simulator won't boot after the update, any idea?", demo()).intent).toBe(
      "offtopic",
    );
  });
});

describe("a code word in a schema change is not a code request", () => {
  it.each([
    "make queries on users by email fast",
    "make the query for tasks by projectId quicker",
    "make the validator for tasks.dueDate optional",
    "make the validator for users.name required",
    "build api keys with a key hash",
  ])("%j is a change", (request) => {
    expect(classifyIntent(request, demo()).intent).toBe("change");
  });

  it.each(["generate CRUD for tasks", "write the queries for comments", "create queries of tasks by projectId"])(
    "%j is still code",
    (request) => {
      expect(classifyIntent(request, demo()).intent).toBe("code");
    },
  );
});
