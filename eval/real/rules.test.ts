/** The annotation rule and the table alignment of the real-app eval (eval/README.md), on small made-up schemas. */
import { describe, expect, it } from "vitest";
import type { Field, Table, Validator } from "../../lib/schema/model";
import { newTable } from "../../lib/schema/model";
import { alignTables } from "./align";
import { annotate } from "./annotate";
import { canonical, namesOneOf } from "./score";

const f = (name: string, validator: Validator, optional = false): Field => ({ name, validator, optional });
const str = { kind: "string" } as const;
const id = (table: string): Validator => ({ kind: "id", table });
const oneOf = (...values: string[]): Validator => ({
  kind: "union",
  members: values.map((value) => ({ kind: "literal", value })),
});
const table = (name: string, fields: Field[], indexes: string[][] = []): Table => ({
  ...newTable(name, fields),
  indexes: indexes.map((fs) => ({ name: `by_${fs.join("_")}`, fields: fs })),
});

const APP: Table[] = [
  table("users", [f("name", str)]),
  table(
    "members",
    [f("userId", id("users")), f("teamId", id("teams")), f("role", oneOf("owner", "admin", "viewer", "other"))],
    [["teamId"]],
  ),
  table("teams", [f("name", str)]),
  table("chatMessages", [f("teamId", id("teams")), f("body", str)], [["teamId"]]),
  table("authSessions", [f("userId", id("users"))]),
];

describe("annotation rule", () => {
  it("expects the tables the text names, their references, one index per reference and the listed enum values", () => {
    const e = annotate(
      "Teams where members chat. Chat messages belong to a team; a member is an owner, an admin or something other.",
      APP,
    );
    expect(e.tables.map((t) => t.name)).toEqual(["members", "teams", "chatMessages"]);
    expect(e.relations).toEqual([
      { from: "members", to: "teams", field: "teamId" },
      { from: "chatMessages", to: "teams", field: "teamId" },
    ]);
    expect(e.indexes.map((i) => `${i.table}->${i.to}`)).toEqual(["members->teams", "chatMessages->teams"]);
    // "other" is too common a word to show the text lists it.
    expect(e.enums).toEqual([{ table: "members", field: "role", values: ["owner", "admin"] }]);
  });

  it("lets a synonym name a table only when it names no other table; sign-in implies users; library tables never", () => {
    expect(annotate("users join teams", APP).tables.map((t) => t.name)).toEqual(["users", "teams"]);
    expect(annotate("people sign in and join teams", APP).tables.map((t) => t.name)).toEqual(["users", "teams"]);
    expect(annotate("sessions of teams", APP).tables.map((t) => t.name)).toEqual(["teams"]);
  });
});

describe("table alignment", () => {
  it("pairs by words, synonyms, contained names and field overlap, one to one", () => {
    const designed = [
      table("user", [f("name", str)]),
      table("messages", [f("teamId", id("team")), f("body", str)]),
      table("team", [f("name", str)]),
      table("teamMemberships", [f("userId", id("user")), f("teamId", id("team")), f("role", str)]),
    ];
    const a = alignTables(APP, designed);
    expect(Object.fromEntries([...a].map(([k, v]) => [k, v.name]))).toEqual({
      users: "user",
      teams: "team",
      chatMessages: "messages",
      members: "teamMemberships",
    });
  });
});

describe("change scoring helpers", () => {
  it("compares schemas without index names, field order or descriptions", () => {
    const a = { ...APP[3], indexes: [{ name: "x", fields: ["teamId"] }], description: "d" };
    const b = { ...APP[3], fields: [...APP[3].fields].reverse() };
    expect(canonical({ tables: [a], options: { schemaValidation: true, strictTableNameTypes: true } } as never)).toBe(
      canonical({ tables: [b], options: { schemaValidation: true, strictTableNameTypes: true } } as never),
    );
  });

  it("finds a specific question by a name in any casing or plural, not boilerplate", () => {
    expect(namesOneOf("Which table should get createdAt: tasks or projects?", ["projects"])).toBe(true);
    expect(namesOneOf("Do you mean the created at of the task?", ["tasks"])).toBe(true);
    expect(namesOneOf("Could you clarify what you mean?", ["tasks", "projects"])).toBe(false);
  });
});
