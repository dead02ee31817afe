/**
 * A new field said as a noun phrase of several words with no type ("log the most recent sync time on users") is one
 * field on the table named: the phrase in camelCase (articles and possessives dropped, "…time" ending in "At"), a
 * type guessed from the head word, optional unless said required. Both ways in.
 */
import { describe, expect, it } from "vitest";
import { DEMO_SCHEMA_SOURCE } from "../../demo";
import { parseSchemaSource } from "../../schema";
import type { SchemaModel } from "../../schema/model";
import { designFromRequest } from "../designer/index";
import { answerTurn } from "../turn/index";

function demo(): SchemaModel {
  const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
  if (!parsed.ok) throw new Error("demo schema does not parse");
  return parsed.schema;
}

const ways: [string, (request: string) => unknown[]][] = [
  ["designer", (r) => designFromRequest(r, demo()).operations],
  ["chat", (r) => answerTurn(r, { schema: demo() }).operations],
];

const field = (table: string, name: string, kind: string, optional = true) => [
  { op: "addField", table, field: { name, validator: { kind }, optional } },
];

describe.each(ways)("a new field said as a phrase with no type (%s)", (_, ops) => {
  it("names the field from the phrase and guesses the type from its head word", () => {
    expect(ops("we want to capture the billing contact email for workspaces")).toEqual(
      field("workspaces", "billingContactEmail", "string"),
    );
    expect(ops("keep track of the total upload count on projects")).toEqual(
      field("projects", "totalUploadCount", "number"),
    );
  });

  it("drops a possessive and ends a time in At", () => {
    expect(ops("record each label's display title on labels")).toEqual(field("labels", "displayTitle", "string"));
    expect(ops("please store the previous password reset time for users")).toEqual(
      field("users", "previousPasswordResetAt", "number"),
    );
  });

  it("targets the table the field goes on, not the table that owns the phrase", () => {
    expect(ops("record the project's team name on tasks")).toEqual(field("tasks", "teamName", "string"));
  });

  it("reads a yes/no about the table's rows as a boolean named is…", () => {
    expect(ops("track whether the subtask is blocked externally")).toEqual(
      field("subtasks", "isBlockedExternally", "boolean"),
    );
  });

  it("keeps required when it is said", () => {
    expect(ops("workspaces should have a required legal entity name")).toEqual(
      field("workspaces", "legalEntityName", "string", false),
    );
    expect(ops("users should have a required timezone")).toEqual([
      { op: "setOptional", table: "users", field: "timezone", optional: false },
    ]);
    expect(ops("store a required billing postal code on workspaces")).toEqual(
      field("workspaces", "billingPostalCode", "string", false),
    );
  });
});
