import { describe, expect, it } from "vitest";
import { DEMO_SCHEMA_SOURCE } from "../../demo";
import { findTable, type SchemaModel } from "../../schema/model";
import { parseSchemaSource } from "../../schema";
import { designFromRequest } from "../designer/index";

// Change requests on the demo project (a 12-table task tracker), as people write them.
function demo(): SchemaModel {
  const parsed = parseSchemaSource(DEMO_SCHEMA_SOURCE);
  if (!parsed.ok) throw new Error("demo schema does not parse");
  return parsed.schema;
}

const union = (...values: string[]) => ({
  kind: "union",
  members: values.map((value) => ({ kind: "literal", value })),
});

describe("change requests on the demo project (issue 17's examples)", () => {
  it("makes dueDate required on tasks", () => {
    const p = designFromRequest("make dueDate required on tasks", demo());
    expect(p.operations).toEqual([{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }]);
    expect(p.questions).toEqual([]);
  });

  it("renames title to name in tasks (not subtasks, though both have a title)", () => {
    const p = designFromRequest("rename title to name in tasks", demo());
    expect(p.operations).toEqual([{ op: "renameField", table: "tasks", from: "title", to: "name" }]);
  });

  it("does both in one message; the second command inherits the table the first named", () => {
    const p = designFromRequest("make dueDate required on tasks and rename title to name", demo());
    expect(p.operations).toEqual([
      { op: "setOptional", table: "tasks", field: "dueDate", optional: false },
      { op: "renameField", table: "tasks", from: "title", to: "name" },
    ]);
    expect(p.valid).toBe(true);
  });

  it("says a change that is already applied is there, without an operation", () => {
    const once = designFromRequest("make dueDate required on tasks and rename title to name", demo());
    for (const again of [
      "make dueDate required on tasks",
      "rename title to name in tasks",
      "make tasks.dueDate required",
    ]) {
      const p = designFromRequest(again, once.schema);
      expect(p.operations, again).toEqual([]);
      expect(p.questions, again).toEqual([]);
      expect(p.explanation, again).toMatch(/already/);
    }
    const soft = designFromRequest("add soft delete to tasks", demo());
    expect(designFromRequest("add soft delete to tasks", soft.schema).explanation).toMatch(/already has soft delete/);
  });
});

describe("the change grammar", () => {
  it.each([
    ["make the due date on tasks required", "tasks", "dueDate"],
    ["tasks' due date should be required", "tasks", "dueDate"],
    ["make the task's due date mandatory", "tasks", "dueDate"],
    ["in the tasks table, make due_date required", "tasks", "dueDate"],
    ["make duedate required for task", "tasks", "dueDate"],
    ["make dueDte required on taks", "tasks", "dueDate"],
    ["tasks must have a due date", "tasks", "dueDate"],
    ["make the description of projects required", "projects", "description"],
  ])("make required: %j", (request, table, field) => {
    expect(designFromRequest(request, demo()).operations).toEqual([
      { op: "setOptional", table, field, optional: false },
    ]);
  });

  it.each([
    ["rename tasks.titel to name", { op: "renameField", table: "tasks", from: "title", to: "name" }],
    ["rename the title of subtasks to label", { op: "renameField", table: "subtasks", from: "title", to: "label" }],
    ["rename the comments body field to text", { op: "renameField", table: "comments", from: "body", to: "text" }],
    ["rename the time entries table to worklogs", { op: "renameTable", from: "timeEntries", to: "worklogs" }],
  ])("rename: %j", (request, op) => {
    expect(designFromRequest(request, demo()).operations).toEqual([op]);
  });

  it("splits commands at 'and', ',' and 'then' only where a new command starts", () => {
    const p = designFromRequest(
      "make the avatar url on users required, rename timezone to tz and then remove editedAt from comments",
      demo(),
    );
    expect(p.operations).toEqual([
      { op: "setOptional", table: "users", field: "avatarUrl", optional: false },
      { op: "renameField", table: "users", from: "timezone", to: "tz" },
      { op: "removeField", table: "comments", field: "editedAt" },
    ]);
    // "and" inside a list is not a boundary.
    const index = designFromRequest("I often look up tasks by project and status and sort subtasks by title", demo());
    expect(index.operations).toEqual([
      { op: "addIndex", table: "subtasks", index: { name: "by_title", fields: ["title"] } },
    ]);
    expect(index.explanation).toMatch(/already has index "by_project"/);
  });

  it("adds a field with the type the user named", () => {
    const cases: [string, unknown][] = [
      ["add an estimate (number) to tasks", { name: "estimate", validator: { kind: "number" }, optional: true }],
      ["add estimate: number to tasks", { name: "estimate", validator: { kind: "number" }, optional: true }],
      [
        "add a required boolean field called pinned to comments",
        { name: "pinned", validator: { kind: "boolean" }, optional: false },
      ],
      [
        "add reviewer as a reference to users on tasks",
        { name: "reviewer", validator: { kind: "id", table: "users" }, optional: true },
      ],
      [
        "add a tags field of type list of strings to projects",
        { name: "tags", validator: { kind: "array", element: { kind: "string" } }, optional: true },
      ],
    ];
    for (const [request, field] of cases) {
      const p = designFromRequest(request, demo());
      expect(p.operations[0], request).toMatchObject({ op: "addField", field });
    }
    const twice = designFromRequest(
      "add an estimate (number) to tasks",
      designFromRequest("add an estimate (number) to tasks", demo()).schema,
    );
    expect(twice.operations).toEqual([]);
    expect(twice.explanation).toMatch(/already exists/);
  });

  it("changes a type", () => {
    expect(designFromRequest("change the size of attachments to a string", demo()).operations).toEqual([
      { op: "changeFieldType", table: "attachments", field: "size", validator: { kind: "string" } },
    ]);
  });

  it("adds a relation", () => {
    const p = designFromRequest("comments belong to projects", demo());
    expect(findTable(p.schema, "comments")?.fields.find((f) => f.name === "projectId")?.validator).toEqual({
      kind: "id",
      table: "projects",
    });
  });

  it("adds the index a read pattern needs, or says which index already serves it", () => {
    expect(designFromRequest("I often look up tasks by assignee and status", demo()).operations).toEqual([
      { op: "addIndex", table: "tasks", index: { name: "by_assigneeId_and_status", fields: ["assigneeId", "status"] } },
    ]);
    expect(designFromRequest("sort tasks by due date within a project", demo()).operations).toEqual([
      { op: "addIndex", table: "tasks", index: { name: "by_projectId_and_dueDate", fields: ["projectId", "dueDate"] } },
    ]);
    const served = designFromRequest("I often look up tasks by project and status", demo());
    expect(served.operations).toEqual([]);
    expect(served.explanation).toMatch(/"by_project"/);
  });

  it("edits enum values with the user's words", () => {
    const cases: [string, string, string, unknown][] = [
      ["add blocked to the status of tasks", "tasks", "status", union("todo", "in_progress", "done", "blocked")],
      [
        "tasks' status can also be cancelled or on hold",
        "tasks",
        "status",
        union("todo", "in_progress", "done", "cancelled", "on_hold"),
      ],
      ["allow urgent as a task priority", "tasks", "priority", union("low", "medium", "high", "urgent")],
      ["remove guest from the roles of memberships", "memberships", "role", union("admin", "member")],
      [
        "set the plan options on workspaces to free, pro and business",
        "workspaces",
        "plan",
        union("free", "pro", "business"),
      ],
    ];
    for (const [request, table, field, validator] of cases) {
      expect(designFromRequest(request, demo()).operations, request).toEqual([
        { op: "changeFieldType", table, field, validator },
      ]);
    }
    expect(designFromRequest("add done to the status of tasks", demo()).explanation).toMatch(/already allows "done"/);
    // Adding a value keeps every document valid; removing one does not.
    expect(designFromRequest("add blocked to the status of tasks", demo()).destructive).toBe(false);
    expect(designFromRequest("remove low from priority on tasks", demo()).destructive).toBe(true);
  });

  it("adds search and vector indexes", () => {
    const search = designFromRequest("make comments searchable by body", demo());
    expect(search.operations[0]).toMatchObject({
      op: "addSearchIndex",
      table: "comments",
      index: { searchField: "body" },
    });
    const vector = designFromRequest("add a vector index on comments", demo());
    expect(vector.operations.map((o) => o.op)).toEqual(["addField", "addVectorIndex"]);
    expect(vector.operations[1]).toMatchObject({
      table: "comments",
      index: { vectorField: "embedding", dimensions: 1536 },
    });
    expect(vector.assumptions.join(" ")).toMatch(/1536 dimensions/);
  });

  it("removes fields, indexes and tables", () => {
    expect(designFromRequest("remove timezone from users", demo()).operations).toEqual([
      { op: "removeField", table: "users", field: "timezone" },
    ]);
    expect(designFromRequest("drop the by_assignee index", demo()).operations).toEqual([
      { op: "removeIndex", table: "tasks", name: "by_assignee" },
    ]);
    const drop = designFromRequest("delete the subtasks table", demo());
    expect(drop.operations).toEqual([{ op: "dropTable", table: "subtasks" }]);
    expect(drop.destructive).toBe(true);
  });
});

describe("other ways of saying a change", () => {
  const ops = (request: string) => designFromRequest(request, demo()).operations;
  it.each([
    [
      "subtasks don't always have a title — make it optional please",
      [{ op: "setOptional", table: "subtasks", field: "title", optional: true }],
    ],
    [
      "not every comment has a body, so it shouldn't be required",
      [{ op: "setOptional", table: "comments", field: "body", optional: true }],
    ],
    [
      "the email on users is not mandatory anymore",
      [{ op: "setOptional", table: "users", field: "email", optional: true }],
    ],
    ["editedAt on comments is unused, remove it", [{ op: "removeField", table: "comments", field: "editedAt" }]],
    [
      "projects no longer have a description, delete it",
      [{ op: "removeField", table: "projects", field: "description" }],
    ],
    ["I want labels renamed to tags", [{ op: "renameTable", from: "labels", to: "tags" }]],
    [
      "let's call the time entries table worklogs instead",
      [{ op: "renameTable", from: "timeEntries", to: "worklogs" }],
    ],
    ["the color of labels should be named hue", [{ op: "renameField", table: "labels", from: "color", to: "hue" }]],
    [
      "give projects a visibility (public, private or unlisted)",
      [
        {
          op: "addField",
          table: "projects",
          field: { name: "visibility", validator: union("public", "private", "unlisted"), optional: true },
        },
      ],
    ],
    [
      "each label has a kind which can be system or custom",
      [
        {
          op: "addField",
          table: "labels",
          field: { name: "kind", validator: union("system", "custom"), optional: true },
        },
      ],
    ],
    [
      "add a mood to comments with values happy, neutral or sad",
      [
        {
          op: "addField",
          table: "comments",
          field: { name: "mood", validator: union("happy", "neutral", "sad"), optional: true },
        },
      ],
    ],
    [
      "add estimate to tasks as a number",
      [{ op: "addField", table: "tasks", field: { name: "estimate", validator: { kind: "number" }, optional: true } }],
    ],
    [
      "every attachment belongs to a project",
      [
        {
          op: "addField",
          table: "attachments",
          field: { name: "projectId", validator: { kind: "id", table: "projects" }, optional: true },
        },
        { op: "addIndex", table: "attachments", index: { name: "by_projectId", fields: ["projectId"] } },
      ],
    ],
    [
      "queries on comments use taskId and authorId together, please index them",
      [
        {
          op: "addIndex",
          table: "comments",
          index: { name: "by_taskId_and_authorId", fields: ["taskId", "authorId"] },
        },
      ],
    ],
    [
      "make looking up tasks by assignee plus due date fast",
      [
        {
          op: "addIndex",
          table: "tasks",
          index: { name: "by_assigneeId_and_dueDate", fields: ["assigneeId", "dueDate"] },
        },
      ],
    ],
    [
      "we look up time entries by user, add an index",
      [{ op: "addIndex", table: "timeEntries", index: { name: "by_userId", fields: ["userId"] } }],
    ],
  ])("%j", (request, expected) => {
    expect(ops(request)).toEqual(expected);
  });

  it("soft delete from what it means", () => {
    for (const request of [
      "don't really delete comments, just mark them as deleted",
      "we want to be able to restore deleted comments",
    ]) {
      expect(
        ops(request).map((o) => [o.op, "table" in o ? o.table : ""]),
        request,
      ).toEqual([
        ["addField", "comments"],
        ["addIndex", "comments"],
      ]);
    }
  });

  it("asks instead of applying a request that contradicts itself", () => {
    for (const request of [
      "users need email to be mandatory and never set",
      "rename users to members but keep it called users",
    ]) {
      const p = designFromRequest(request, demo());
      expect(p.operations, request).toEqual([]);
      expect(p.questions.join(" "), request).toMatch(/users/);
    }
  });
});

describe("moving fields into their own table", () => {
  it("creates the table with a reference and the moved fields, and removes them from the old table", () => {
    const p = designFromRequest(
      "separate fileName/size from attachments: new table attachmentFiles that references attachments",
      demo(),
    );
    expect(p.operations).toEqual([
      {
        op: "createTable",
        table: "attachmentFiles",
        fields: [
          { name: "attachmentId", validator: { kind: "id", table: "attachments" }, optional: false },
          expect.objectContaining({ name: "fileName", validator: { kind: "string" }, optional: false }),
          expect.objectContaining({ name: "size", validator: { kind: "number" }, optional: false }),
        ],
        indexes: [{ name: "by_attachmentId", fields: ["attachmentId"] }],
      },
      { op: "removeField", table: "attachments", field: "fileName" },
      { op: "removeField", table: "attachments", field: "size" },
    ]);
    expect(p.destructive).toBe(true);
  });

  it("asks which fields an index on a table should cover", () => {
    const p = designFromRequest("index labels", demo());
    expect(p.operations).toEqual([]);
    expect(p.questions[0]).toMatch(/Which fields of "labels".*workspaceId, name, color/);
  });
});

describe("the designer alone (the model's fallback) on off-topic messages", () => {
  it("proposes nothing for 'write me a poem about cats' or a greeting", () => {
    for (const request of ["write me a poem about cats", "hello!", "what's the weather"]) {
      const p = designFromRequest(request, demo());
      expect(p.operations, request).toEqual([]);
      expect(p.explanation, request).toMatch(/not about the schema/);
    }
  });
});

describe("typo tolerance stays small", () => {
  it("does not turn a different short word into a field ('game' is not 'name')", () => {
    const p = designFromRequest("make game required on tasks", demo());
    expect(p.operations).toEqual([]);
    expect(p.questions.join(" ")).toMatch(/no field "game"/);
  });
});

describe("more phrasings", () => {
  it("answers an add of a field that exists with 'already'", () => {
    const p = designFromRequest("add a body field to comments", demo());
    expect(p.operations).toEqual([]);
    expect(p.explanation).toMatch(/"comments.body" already exists/);
    expect(designFromRequest("allow tasks without a due date", demo()).explanation).toMatch(/already optional/);
  });

  it("reads a read pattern that ends in chatter, a question spanning two sentences and 'owned by a user'", () => {
    expect(designFromRequest("we query comments by author a lot — can you make that fast?", demo()).operations).toEqual(
      [{ op: "addIndex", table: "comments", index: { name: "by_authorId", fields: ["authorId"] } }],
    );
    expect(designFromRequest("can labels have a description field? it should be a string", demo()).operations).toEqual([
      {
        op: "addField",
        table: "labels",
        field: { name: "description", validator: { kind: "string" }, optional: true },
      },
    ]);
    expect(designFromRequest("every project is owned by a user", demo()).operations[0]).toMatchObject({
      op: "addField",
      table: "projects",
      field: { name: "userId", validator: { kind: "id", table: "users" } },
    });
  });
});

describe("notation people type", () => {
  it.each([
    ["drop column color from labels", [{ op: "removeField", table: "labels", field: "color" }]],
    ["rename column body → text in comments", [{ op: "renameField", table: "comments", from: "body", to: "text" }]],
    ["rename the 'title' field of tasks to 'name'", [{ op: "renameField", table: "tasks", from: "title", to: "name" }]],
    [
      "add index by status on tasks",
      [{ op: "addIndex", table: "tasks", index: { name: "by_status", fields: ["status"] } }],
    ],
    [
      "index comments on author",
      [{ op: "addIndex", table: "comments", index: { name: "by_authorId", fields: ["authorId"] } }],
    ],
    ["set dueDate on tasks as required", [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }]],
    ["tasks.dueDate: required", [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }]],
    [
      "make description and dueDate required on tasks",
      [
        { op: "setOptional", table: "tasks", field: "description", optional: false },
        { op: "setOptional", table: "tasks", field: "dueDate", optional: false },
      ],
    ],
  ])("%j", (request, expected) => {
    expect(designFromRequest(request, demo()).operations).toEqual(expected);
  });
});

describe("polite wrappers, pronouns and other shapes", () => {
  it.each([
    [
      "can you make the description on projects required?",
      [{ op: "setOptional", table: "projects", field: "description", optional: false }],
    ],
    [
      "can we also allow 'urgent' as a priority?",
      [
        {
          op: "changeFieldType",
          table: "tasks",
          field: "priority",
          validator: union("low", "medium", "high", "urgent"),
        },
      ],
    ],
    [
      "we need a new status called blocked for tasks",
      [
        {
          op: "changeFieldType",
          table: "tasks",
          field: "status",
          validator: union("todo", "in_progress", "done", "blocked"),
        },
      ],
    ],
    [
      "add a completedAt timestamp to tasks",
      [
        {
          op: "addField",
          table: "tasks",
          field: { name: "completedAt", validator: { kind: "number" }, optional: true },
        },
      ],
    ],
    [
      "add createdBy to projects referencing users",
      [
        {
          op: "addField",
          table: "projects",
          field: { name: "createdBy", validator: { kind: "id", table: "users" }, optional: true },
        },
        { op: "addIndex", table: "projects", index: { name: "by_createdBy", fields: ["createdBy"] } },
      ],
    ],
    ["remove the search index on tasks", [{ op: "removeIndex", table: "tasks", name: "search_title" }]],
    [
      "tasks need to be archivable",
      [
        {
          op: "addField",
          table: "tasks",
          field: { name: "isArchived", validator: { kind: "boolean" }, optional: true },
        },
      ],
    ],
    [
      "rename users.avatarUrl to imageUrl and make it required",
      [
        { op: "renameField", table: "users", from: "avatarUrl", to: "imageUrl" },
        { op: "setOptional", table: "users", field: "imageUrl", optional: false },
      ],
    ],
    [
      "make the subtask's done flag optional",
      [{ op: "setOptional", table: "subtasks", field: "done", optional: true }],
    ],
    // A reference inside an array goes with the table too.
    [
      "the labels table isn't needed anymore",
      [
        { op: "removeField", table: "tasks", field: "labelIds" },
        { op: "dropTable", table: "labels" },
      ],
    ],
  ])("%j", (request, expected) => {
    expect(designFromRequest(request, demo()).operations).toEqual(expected);
  });

  it("answers 'already' for a type the field has and a unique index that exists", () => {
    expect(designFromRequest("dueDate should be a date", demo()).explanation).toMatch(/already has that type/);
    expect(designFromRequest("add a unique constraint on users.email", demo()).explanation).toMatch(
      /already has an index on "email"/,
    );
  });
});

describe("facts about the data, read as changes", () => {
  it.each([
    [
      "some comments have no body; don't force it",
      [{ op: "setOptional", table: "comments", field: "body", optional: true }],
    ],
    ["title should be nullable for tasks", [{ op: "setOptional", table: "tasks", field: "title", optional: true }]],
    [
      "projects always have a description, enforce that",
      [{ op: "setOptional", table: "projects", field: "description", optional: false }],
    ],
    [
      "don't allow tasks without a due date",
      [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }],
    ],
    ["users don't need a timezone", [{ op: "removeField", table: "users", field: "timezone" }]],
    ["timezone isn't used on users, drop it", [{ op: "removeField", table: "users", field: "timezone" }]],
    ["title → name on subtasks", [{ op: "renameField", table: "subtasks", from: "title", to: "name" }]],
    ["labels should say hue instead of color", [{ op: "renameField", table: "labels", from: "color", to: "hue" }]],
    ["our labels are really tags, rename the table", [{ op: "renameTable", from: "labels", to: "tags" }]],
    [
      "projects get a stage field with the options idea, active or done",
      [
        {
          op: "addField",
          table: "projects",
          field: { name: "stage", validator: union("idea", "active", "done"), optional: true },
        },
      ],
    ],
    [
      "store a mood on comments: happy, neutral or sad",
      [
        {
          op: "addField",
          table: "comments",
          field: { name: "mood", validator: union("happy", "neutral", "sad"), optional: true },
        },
      ],
    ],
    [
      "labels should also store an is hidden (true/false flag)",
      [
        {
          op: "addField",
          table: "labels",
          field: { name: "isHidden", validator: { kind: "boolean" }, optional: true },
        },
      ],
    ],
    [
      "put a numeric weight on every label",
      [{ op: "addField", table: "labels", field: { name: "weight", validator: { kind: "number" }, optional: true } }],
    ],
    [
      "we also need tags on projects, as a list of strings",
      [
        {
          op: "addField",
          table: "projects",
          field: { name: "tags", validator: { kind: "array", element: { kind: "string" } }, optional: true },
        },
      ],
    ],
    [
      "archived should be a valid status for tasks",
      [
        {
          op: "changeFieldType",
          table: "tasks",
          field: "status",
          validator: union("todo", "in_progress", "done", "archived"),
        },
      ],
    ],
    [
      "time entries are queried by userId and startedAt together, add an index",
      [
        {
          op: "addIndex",
          table: "timeEntries",
          index: { name: "by_userId_and_startedAt", fields: ["userId", "startedAt"] },
        },
      ],
    ],
    [
      "compound index for labels: workspaceId and name",
      [
        {
          op: "addIndex",
          table: "labels",
          index: { name: "by_workspaceId_and_name", fields: ["workspaceId", "name"] },
        },
      ],
    ],
    [
      "enable searching projects by description",
      [
        {
          op: "addSearchIndex",
          table: "projects",
          index: { name: "search_description", searchField: "description", filterFields: [] },
        },
      ],
    ],
  ])("%j", (request, expected) => {
    expect(designFromRequest(request, demo()).operations).toEqual(expected);
  });

  it("soft delete said as 'never hard-delete'", () => {
    expect(designFromRequest("comments should never be hard-deleted", demo()).operations.map((o) => o.op)).toEqual([
      "addField",
      "addIndex",
    ]);
  });
});

describe("merging tables and more split phrasings", () => {
  it("merges one table into another: missing fields move (optional), references go, the table is dropped", () => {
    const p = designFromRequest("merge subtasks into tasks: move their fields onto the task and drop subtasks", demo());
    expect(p.operations).toEqual([
      {
        op: "addField",
        table: "tasks",
        field: expect.objectContaining({ name: "done", validator: { kind: "boolean" }, optional: true }),
      },
      { op: "dropTable", table: "subtasks" },
    ]);
  });

  it.each([
    [
      "give fileName and size their own table attachmentFiles, pointing to attachments",
      "attachmentFiles",
      "attachments",
    ],
    [
      "move fileName and size from attachments to a new attachmentFiles table that links to the attachment",
      "attachmentFiles",
      "attachments",
    ],
    [
      "put attachments' fileName and size in an attachmentFiles table with a reference to the attachment, and remove them from attachments",
      "attachmentFiles",
      "attachments",
    ],
  ])("%j", (request, table, from) => {
    const p = designFromRequest(request, demo());
    expect(p.operations[0]).toMatchObject({ op: "createTable", table });
    expect(p.operations.filter((o) => o.op === "removeField").map((o) => "table" in o && o.table)).toEqual([
      from,
      from,
    ]);
  });

  it("reads 'stop requiring', 'store which X each Y is for' and a typed add whose table has a preposition in its name", () => {
    expect(designFromRequest("stop requiring body on comments", demo()).operations).toEqual([
      { op: "setOptional", table: "comments", field: "body", optional: true },
    ]);
    expect(designFromRequest("store which workspace each task is for", demo()).operations[0]).toMatchObject({
      op: "addField",
      table: "tasks",
      field: { name: "workspaceId" },
    });
  });
});

describe("lists inside one command", () => {
  it.each([
    [
      "projects need an isPublic boolean",
      [
        {
          op: "addField",
          table: "projects",
          field: { name: "isPublic", validator: { kind: "boolean" }, optional: true },
        },
      ],
    ],
    [
      "tasks should have an estimate field (number)",
      [{ op: "addField", table: "tasks", field: { name: "estimate", validator: { kind: "number" }, optional: true } }],
    ],
    [
      "rename title to name and description to details in tasks",
      [
        { op: "renameField", table: "tasks", from: "title", to: "name" },
        { op: "renameField", table: "tasks", from: "description", to: "details" },
      ],
    ],
    [
      "drop the subtasks and attachments tables",
      [
        { op: "dropTable", table: "subtasks" },
        { op: "dropTable", table: "attachments" },
      ],
    ],
    [
      "remove color and name from labels",
      [
        { op: "removeField", table: "labels", field: "color" },
        { op: "removeField", table: "labels", field: "name" },
      ],
    ],
  ])("%j", (request, expected) => {
    expect(designFromRequest(request, demo()).operations).toEqual(expected);
  });
});

describe("more everyday phrasings", () => {
  it.each([
    [
      "dueDate on tasks shouldn't be optional anymore",
      [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }],
    ],
    ["tasks.dueDate must always be set", [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }]],
    [
      "I want every task to have a due date",
      [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }],
    ],
    ["comments may not have a body", [{ op: "setOptional", table: "comments", field: "body", optional: true }]],
    ["title is optional for subtasks", [{ op: "setOptional", table: "subtasks", field: "title", optional: true }]],
    [
      "change the name of the title field in tasks to headline",
      [{ op: "renameField", table: "tasks", from: "title", to: "headline" }],
    ],
    ["title on tasks is now called headline", [{ op: "renameField", table: "tasks", from: "title", to: "headline" }]],
    ["call the body of comments text", [{ op: "renameField", table: "comments", from: "body", to: "text" }]],
    ["change the table name tasks to todos", [{ op: "renameTable", from: "tasks", to: "todos" }]],
    ["we no longer use the size on attachments", [{ op: "removeField", table: "attachments", field: "size" }]],
    [
      "there's no need for the editedAt on comments anymore",
      [{ op: "removeField", table: "comments", field: "editedAt" }],
    ],
    [
      "listing comments by author is slow, add an index",
      [{ op: "addIndex", table: "comments", index: { name: "by_authorId", fields: ["authorId"] } }],
    ],
    [
      "index time entries by user and start time",
      [
        {
          op: "addIndex",
          table: "timeEntries",
          index: { name: "by_userId_and_startedAt", fields: ["userId", "startedAt"] },
        },
      ],
    ],
    [
      "tasks need a type: bug, feature or chore",
      [
        {
          op: "addField",
          table: "tasks",
          field: { name: "type", validator: union("bug", "feature", "chore"), optional: true },
        },
      ],
    ],
    [
      "priority on projects: low, medium, high",
      [
        {
          op: "addField",
          table: "projects",
          field: { name: "priority", validator: union("low", "medium", "high"), optional: true },
        },
      ],
    ],
    [
      "allow the status of tasks to be 'blocked'",
      [
        {
          op: "changeFieldType",
          table: "tasks",
          field: "status",
          validator: union("todo", "in_progress", "done", "blocked"),
        },
      ],
    ],
    [
      "I need full text search on task descriptions",
      [
        {
          op: "addSearchIndex",
          table: "tasks",
          index: { name: "search_description", searchField: "description", filterFields: [] },
        },
      ],
    ],
    [
      "users should be able to search projects by name",
      [
        {
          op: "addSearchIndex",
          table: "projects",
          index: { name: "search_name", searchField: "name", filterFields: [] },
        },
      ],
    ],
  ])("%j", (request, expected) => {
    expect(designFromRequest(request, demo()).operations).toEqual(expected);
  });
});

describe("questions name what there is to choose from", () => {
  it("lists the tables or fields, and says a missing one may already be gone", () => {
    expect(designFromRequest("add an index", demo()).questions[0]).toMatch(/"users", "workspaces".*"timeEntries"/);
    expect(designFromRequest("remove budget from tasks", demo()).questions[0]).toMatch(
      /already removed\?.*"projectId", "title"/,
    );
    expect(designFromRequest("drop the invoices table", demo()).questions[0]).toMatch(
      /no table "invoices" \(already dropped\?\)/,
    );
  });
});

describe("already there, said many ways", () => {
  it.each([
    "add a title to tasks",
    "add an index on projectId to tasks",
    "make tasks searchable by title",
    "link comments to tasks",
    "add a status to tasks with values todo, in_progress, done",
    "add email to users as a string",
    "index users by email",
    "add a reference from tasks to projects",
    "projects can be archived",
    "rename the users table to users",
  ])("%j", (request) => {
    const p = designFromRequest(request, demo());
    expect(p.operations).toEqual([]);
    expect(p.explanation).toMatch(/already/);
  });
});

describe("soft delete without a table", () => {
  it("asks which tables on a schema of several, unless every table is asked for", () => {
    const p = designFromRequest("add soft delete", demo());
    expect(p.operations).toEqual([]);
    expect(p.questions[0]).toMatch(/Which tables should be soft-deleted.*"tasks"/);
    expect(
      designFromRequest("add soft delete to every table", demo()).operations.filter((o) => o.op === "addField"),
    ).toHaveLength(12);
  });
});

describe("SQL and Convex notation", () => {
  it.each([
    ["make dueDate non-nullable on tasks", [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }]],
    ["wrap tasks.title in v.optional", [{ op: "setOptional", table: "tasks", field: "title", optional: true }]],
    [
      "drop the v.optional from tasks.dueDate",
      [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }],
    ],
    ["dueDate (tasks) -> required", [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }]],
    [
      "ALTER TABLE tasks ADD COLUMN estimate number",
      [{ op: "addField", table: "tasks", field: { name: "estimate", validator: { kind: "number" }, optional: true } }],
    ],
    ["alter table tasks drop column description", [{ op: "removeField", table: "tasks", field: "description" }]],
    [
      "CREATE INDEX idx_status ON tasks (status)",
      [{ op: "addIndex", table: "tasks", index: { name: "by_status", fields: ["status"] } }],
    ],
    [
      "tasks: add notes: v.optional(v.string())",
      [{ op: "addField", table: "tasks", field: { name: "notes", validator: { kind: "string" }, optional: true } }],
    ],
    [
      "add tags: v.array(v.string()) to projects",
      [
        {
          op: "addField",
          table: "projects",
          field: { name: "tags", validator: { kind: "array", element: { kind: "string" } }, optional: true },
        },
      ],
    ],
    [
      "tasks.status += blocked",
      [
        {
          op: "changeFieldType",
          table: "tasks",
          field: "status",
          validator: union("todo", "in_progress", "done", "blocked"),
        },
      ],
    ],
    [
      "set the type of size on attachments to string",
      [{ op: "changeFieldType", table: "attachments", field: "size", validator: { kind: "string" } }],
    ],
  ])("%j", (request, expected) => {
    expect(designFromRequest(request, demo()).operations).toEqual(expected);
  });
});

describe("an unreadable change that names the schema", () => {
  it("gets a question naming the table and field it mentions, not a generic one", () => {
    const p = designFromRequest("tasks dueDate thing please fix", demo());
    expect(p.operations).toEqual([]);
    expect(p.questions[0]).toMatch(/"tasks.dueDate"/);
  });
});

describe("questions and wishes that are changes", () => {
  it.each([
    [
      "is it possible to rename title to name on tasks?",
      [{ op: "renameField", table: "tasks", from: "title", to: "name" }],
    ],
    [
      "how do I make dueDate required on tasks?",
      [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }],
    ],
    [
      "I'd like dueDate to be required on tasks",
      [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }],
    ],
    [
      "make it so tasks always have a due date",
      [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }],
    ],
    ["ensure every task has a due date", [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }]],
    [
      "title in tasks should be renamed headline",
      [{ op: "renameField", table: "tasks", from: "title", to: "headline" }],
    ],
    ["users shouldn't have a timezone", [{ op: "removeField", table: "users", field: "timezone" }]],
  ])("%j", (request, expected) => {
    expect(designFromRequest(request, demo()).operations).toEqual(expected);
  });
});

describe("terse notation", () => {
  it.each([
    ["tasks.dueDate required", [{ op: "setOptional", table: "tasks", field: "dueDate", optional: false }]],
    ["optional tasks.title", [{ op: "setOptional", table: "tasks", field: "title", optional: true }]],
    [
      "index tasks(projectId, dueDate)",
      [
        {
          op: "addIndex",
          table: "tasks",
          index: { name: "by_projectId_and_dueDate", fields: ["projectId", "dueDate"] },
        },
      ],
    ],
    [
      "+ tasks.estimate: number",
      [{ op: "addField", table: "tasks", field: { name: "estimate", validator: { kind: "number" }, optional: true } }],
    ],
    [
      "tasks.priority: add urgent",
      [
        {
          op: "changeFieldType",
          table: "tasks",
          field: "priority",
          validator: union("low", "medium", "high", "urgent"),
        },
      ],
    ],
    [
      "look up tasks by project, status and due date",
      [
        {
          op: "addIndex",
          table: "tasks",
          index: { name: "by_projectId_and_status_and_dueDate", fields: ["projectId", "status", "dueDate"] },
        },
      ],
    ],
  ])("%j", (request, expected) => {
    expect(designFromRequest(request, demo()).operations).toEqual(expected);
  });
});

describe("still other words for the same changes", () => {
  it.each([
    [
      "tasks without a title should be allowed",
      [{ op: "setOptional", table: "tasks", field: "title", optional: true }],
    ],
    ["subtasks sometimes lack a title", [{ op: "setOptional", table: "subtasks", field: "title", optional: true }]],
    ["don't require a body on comments", [{ op: "setOptional", table: "comments", field: "body", optional: true }]],
    [
      "projects can't exist without a description",
      [{ op: "setOptional", table: "projects", field: "description", optional: false }],
    ],
    [
      "every project needs a description",
      [{ op: "setOptional", table: "projects", field: "description", optional: false }],
    ],
    [
      "never leave description empty on projects",
      [{ op: "setOptional", table: "projects", field: "description", optional: false }],
    ],
    ["use headline instead of title on tasks", [{ op: "renameField", table: "tasks", from: "title", to: "headline" }]],
    ["editedAt on comments is obsolete", [{ op: "removeField", table: "comments", field: "editedAt" }]],
    [
      "comment lookups by author are slow",
      [{ op: "addIndex", table: "comments", index: { name: "by_authorId", fields: ["authorId"] } }],
    ],
    [
      "add a blocked option to tasks.status",
      [
        {
          op: "changeFieldType",
          table: "tasks",
          field: "status",
          validator: union("todo", "in_progress", "done", "blocked"),
        },
      ],
    ],
    [
      "tasks.status should also accept blocked",
      [
        {
          op: "changeFieldType",
          table: "tasks",
          field: "status",
          validator: union("todo", "in_progress", "done", "blocked"),
        },
      ],
    ],
    [
      "blocked is a new status for tasks",
      [
        {
          op: "changeFieldType",
          table: "tasks",
          field: "status",
          validator: union("todo", "in_progress", "done", "blocked"),
        },
      ],
    ],
    [
      "full-text search for projects on description",
      [
        {
          op: "addSearchIndex",
          table: "projects",
          index: { name: "search_description", searchField: "description", filterFields: [] },
        },
      ],
    ],
  ])("%j", (request, expected) => {
    expect(designFromRequest(request, demo()).operations).toEqual(expected);
  });

  it("soft delete said as hiding, archiving or restoring", () => {
    for (const request of [
      "deleting comments should only hide them",
      "comments should be archived instead of deleted",
      "allow restoring deleted comments",
    ]) {
      expect(
        designFromRequest(request, demo()).operations.map((o) => o.op),
        request,
      ).toEqual(["addField", "addIndex"]);
    }
  });
});
