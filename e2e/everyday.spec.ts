import { expect, test, type Page } from "@playwright/test";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { BACKEND_URL, ensureAccount, PASSWORD, signIn, unique } from "./helpers";

// What a daily user of the dashboard meets (issue 21): quiet drags, one reference count, insights that follow the
// sandbox's data, the chat's diagram after a proposal is overtaken, badges on one line, and changing a password.

const SHOTS = process.env.E2E_SCREENS ?? "test-results/screens";
const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  authors: defineTable({ name: v.string() }),
  books: defineTable({ title: v.string(), authorId: v.id("authors") }),
});
`;

async function openDemo(page: Page): Promise<string> {
  await page.getByRole("link", { name: /Team task tracker \(demo\)/ }).click();
  await expect(page.getByTestId("project-name")).toBeVisible();
  return page.url().replace(/\/$/, "");
}

async function createProject(page: Page, name: string): Promise<{ url: string; projectId: Id<"projects"> }> {
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(name);
  await page.getByLabel("convex/schema.ts").fill(SCHEMA);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  const url = page.url().replace(/\/$/, "");
  return { url, projectId: url.split("/projects/")[1].split("/")[0] as Id<"projects"> };
}

/** Every console warning and error, and uncaught page errors, from now on. */
function consoleProblems(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "warning" || m.type() === "error") seen.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => seen.push(`pageerror: ${e.message}`));
  return seen;
}

/** Drags a table by its header, in small steps as a hand does. */
async function dragTable(page: Page, table: string, dx: number, dy: number): Promise<void> {
  const node = page.getByTestId(`table-node-${table}`);
  const box = (await node.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x + (dx * i) / 10, y + (dy * i) / 10);
  await page.mouse.up();
}

test("dragging tables in the diagram and the designer logs no console warning or error", async ({ page }) => {
  await signIn(page, "Drew Drag", "drew@example.com");
  const url = await openDemo(page);
  await page.goto(`${url}/diagram`);
  const tasks = page.getByTestId("table-node-tasks");
  await expect(tasks).toBeVisible();
  const problems = consoleProblems(page);
  const before = (await tasks.boundingBox())!;
  await dragTable(page, "tasks", 140, 60);
  await dragTable(page, "tasks", -40, 40); // a second drag of the same table
  await dragTable(page, "labels", 60, -30);
  const after = (await tasks.boundingBox())!;
  expect(Math.round(after.x - before.x)).toBeGreaterThan(50);
  // In the designer (a table open in the editor) the same.
  await page.getByTestId("table-node-comments").click();
  await expect(page.getByLabel("New field name")).toBeVisible();
  await dragTable(page, "comments", 80, 40);
  await page.waitForTimeout(300);
  expect(problems).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/everyday-diagram-dragged.png` });
});

test("the diagram and both docs pages count the same references", async ({ page }) => {
  await signIn(page, "Rita References", "rita@example.com");
  const url = await openDemo(page);
  await page.goto(`${url}/diagram`);
  const status = page.getByTestId("diagram-status");
  await expect(status).toContainText("references");
  const n = /(\d+) references/.exec(await status.innerText())![1];
  expect(Number(n)).toBe(20); // the demo: 20 references between its 12 tables
  await page.goto(`${url}/docs`);
  await expect(page.locator("article")).toContainText(`12 tables, 51 fields, ${n} references between tables.`);
  await page.screenshot({ path: `${SHOTS}/everyday-docs.png` });
  await page.getByRole("tab", { name: "Relationships" }).click();
  await expect(page.locator("article")).toContainText(`${n} references between 12 tables`);
  await page.screenshot({ path: `${SHOTS}/everyday-docs-relationships.png` });
});

test("query insights follow the sandbox's data after sample data is generated", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "Ines Insights", "ines@example.com");
  const url = await openDemo(page);
  await page.goto(`${url}/docs`);
  await page.getByRole("tab", { name: "Query insights" }).click();
  const data = page.getByTestId("insights-data");
  await expect(data).toContainText(/Estimates from the sandbox's [\d,]+ documents|No sandbox data/, {
    timeout: 60_000,
  });
  const before = await data.innerText();
  await page.goto(`${url}/migrations`);
  await page.getByLabel("Documents per table").fill("150");
  await page.getByRole("button", { name: "Generate sample data" }).click();
  const generated = page.getByRole("status").filter({ hasText: /^Generated [\d,]+ documents\.$/ });
  await expect(generated).toBeVisible({ timeout: 120_000 });
  const total = /Generated ([\d,]+) documents/.exec(await generated.innerText())![1];
  await expect(page.getByTestId("sandbox-total")).toHaveText(`${total} documents`);
  await page.goto(`${url}/docs`);
  await page.getByRole("tab", { name: "Query insights" }).click();
  const after = `Estimates from the sandbox's ${total} documents (Migrations → Sandbox data).`;
  expect(before).not.toBe(after);
  await expect(page.getByTestId("insights-data")).toHaveText(after, { timeout: 120_000 });
  await page.screenshot({ path: `${SHOTS}/everyday-insights.png`, fullPage: true });
});

test("the chat's diagram shows the current schema once its proposal is overtaken; status badges stay on one line", async ({
  page,
}) => {
  await signIn(page, "Otto Overtaken", "otto@example.com");
  const { url, projectId } = await createProject(page, unique("Shelf"));
  await page.goto(`${url}/chat`);
  await page.getByRole("button", { name: "Start a conversation" }).click();
  await page.getByRole("textbox", { name: "Message" }).fill("add an optional isbn string to books");
  await page.getByRole("button", { name: "Send" }).click();
  const proposal = page.getByTestId("proposal").last();
  await expect(proposal.getByTestId("proposal-status")).toHaveText("pending", { timeout: 30_000 });
  await expect(page.getByTestId("chat-diagram-note")).toContainText("Showing the pending proposal");
  await expect(page.getByTestId("table-node-books")).toContainText("isbn");

  // A teammate approves another change meanwhile: the chat's proposal is overtaken.
  const stored = await page.evaluate(() => window.localStorage.getItem("schema-assistant.local-token"));
  const client = new ConvexHttpClient(BACKEND_URL);
  client.setAuth((JSON.parse(stored!) as { token: string }).token);
  const r = await client.action(api.schemaVersions.proposalsNode.fromOperations, {
    projectId,
    operations: [
      {
        op: "createTable",
        table: "genres",
        fields: [{ name: "label", validator: { kind: "string" }, optional: false }],
      },
    ],
    summary: "A genres table",
  });
  if (!r.ok) throw new Error(r.errors.join(" "));
  await client.mutation(api.schemaVersions.proposals.approve, { versionId: r.versionId });

  await expect(proposal.getByTestId("proposal-status")).toHaveText("overtaken");
  await expect(page.getByTestId("chat-diagram-note")).toHaveText(
    "The proposal in this conversation was made on v1.0.0 and is overtaken: showing the current schema, v1.1.0.",
  );
  await expect(page.getByTestId("table-node-genres")).toBeVisible();
  await expect(page.getByTestId("table-node-books")).not.toContainText("isbn");
  // One line: a status badge is no taller than its text.
  const badge = (await proposal.getByTestId("proposal-status").boundingBox())!;
  expect(badge.height).toBeLessThan(24);
  await page.screenshot({ path: `${SHOTS}/everyday-chat-overtaken.png` });

  await page.goto(`${url}/migrations`);
  for (const b of await page.getByTestId("version-status").all())
    expect((await b.boundingBox())!.height).toBeLessThan(24);
  await page.screenshot({ path: `${SHOTS}/everyday-migrations.png`, fullPage: true });
});

test("Account: change the password with the current one; the other sessions end", async ({ page }) => {
  const email = `${unique("pat").replace(/\s+/g, ".")}@example.com`;
  await ensureAccount("Pat Password", email);
  // Another browser signed in meanwhile.
  const other = await fetch(`${BACKEND_URL}/local-auth/sign-in`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const otherToken = ((await other.json()) as { token: string }).token;
  await signIn(page, "Pat Password", email);
  await page.goto("/account");
  const form = page.getByRole("form", { name: "Change password" });
  const sessions = page.getByRole("region", { name: "Your sign-in sessions" });
  // Signing up (made by ensureAccount) and the other browser: two sessions besides this one.
  await expect(sessions.getByRole("button", { name: "Sign out", exact: true })).toHaveCount(2);

  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password", { exact: true }).fill("short");
  await expect(form).toContainText("At least 10 characters (5 so far).");
  await expect(form.getByRole("button", { name: "Change password" })).toBeDisabled();
  await form.getByLabel("New password", { exact: true }).fill("a brand new password");
  await form.getByLabel("New password again").fill("a brand new password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toHaveText("The current password is wrong.");

  await form.getByLabel("Current password").fill(PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Password changed. 2 other sessions signed out.");
  await expect(sessions.getByRole("button", { name: "Sign out", exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/everyday-account.png`, fullPage: true });

  // The other browser's session has ended; the new password signs in, the old one no longer does.
  const me = await fetch(`${BACKEND_URL}/local-auth/me`, { headers: { Authorization: `Bearer ${otherToken}` } });
  expect(me.status).toBe(401);
  const signInWith = (password: string) =>
    fetch(`${BACKEND_URL}/local-auth/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  expect((await signInWith(PASSWORD)).status).toBe(401);
  expect((await signInWith("a brand new password")).status).toBe(200);
  // This browser is still signed in.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
});

test("the Prisma / SQL import form after its split: preview, then create", async ({ page }) => {
  await signIn(page, "Ivo Import", "ivo@example.com");
  await page.goto("/projects/new");
  await page.getByRole("tab", { name: /Import Prisma/ }).click();
  await page.getByLabel("Project name").fill(unique("Imported"));
  await page
    .locator("#import-source")
    .fill("model User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n");
  await expect(page.getByRole("button", { name: "Create project" })).toBeDisabled();
  await page.getByRole("button", { name: "Preview mapping" }).click();
  await expect(page.getByText("1 table mapped")).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/everyday-import.png`, fullPage: true });
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Project created with 1 table" })).toBeVisible();
});

test("the plan review after its split: a value to backfill, the preflight, approval and a run", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "Paula Plan", "paula@example.com");
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(unique("Plans"));
  await page.getByLabel("convex/schema.ts").fill(`import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string() }),
  tasks: defineTable({ title: v.string(), ownerId: v.id("users"), priority: v.optional(v.string()) }),
});
`);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toBeVisible();
  const url = page.url().replace(/\/$/, "");
  await page.goto(`${url}/migrations`);
  await page.getByLabel("Documents per table").fill("40");
  await page.getByRole("button", { name: "Generate sample data" }).click();
  await expect(page.getByTestId("sandbox-total")).toHaveText("80 documents", { timeout: 60_000 });

  await page.goto(`${url}/chat`);
  await page.getByRole("button", { name: "Start a conversation" }).click();
  await page.getByRole("textbox", { name: "Message" }).fill("make the priority field of tasks required");
  await page.getByRole("button", { name: "Send" }).click();
  const proposal = page.getByTestId("proposal").last();
  await expect(proposal.getByTestId("proposal-status")).toHaveText("pending", { timeout: 30_000 });
  await proposal.getByRole("button", { name: "Approve" }).click();
  await expect(proposal.getByTestId("proposal-status")).toHaveText("migration planned");
  expect((await proposal.getByTestId("proposal-status").boundingBox())!.height).toBeLessThan(24);

  await page.goto(`${url}/migrations`);
  const plan = page.getByTestId("plan-review");
  await expect(plan.getByTestId("plan-phases")).toContainText("Documents rewritten in journaled batches");
  await expect(plan.getByTestId("plan-blockers")).toContainText('Choose a value for "tasks.priority"');
  await plan.getByLabel("Value for tasks.priority").fill('"medium"');
  await plan.getByRole("button", { name: "Set value" }).click();
  await expect(plan.getByTestId("plan-outcome")).toContainText("Value set for tasks.priority");
  await expect(plan.getByTestId("preflight-status")).toHaveText("passed: 80 documents valid after the migration", {
    timeout: 60_000,
  });
  await plan.getByRole("button", { name: "Approve plan" }).click();
  await expect(plan.getByTestId("plan-status")).toHaveText("approved");
  await page.screenshot({ path: `${SHOTS}/everyday-plan-review.png`, fullPage: true });
  await plan.getByRole("button", { name: "Start migration" }).click();
  await expect(page.getByTestId("run-status").first()).toHaveText("completed", { timeout: 120_000 });
  await page.screenshot({ path: `${SHOTS}/everyday-migrations-run.png`, fullPage: true });
});

test("the chat answers a yes/no question with 'already' and 'can we rename …?' with what it affects plus the rename to approve", async ({
  page,
}) => {
  await signIn(page, "Quinn Question", "quinn@example.com");
  const { url } = await createProject(page, unique("Shelf"));
  await page.goto(`${url}/chat`);
  await page.getByRole("button", { name: "Start a conversation" }).click();
  const send = async (message: string) => {
    await page.getByRole("textbox", { name: "Message" }).fill(message);
    await page.getByRole("button", { name: "Send" }).click();
  };
  await send("does books have a title field?");
  await expect(page.getByText('Yes: "books.title" already exists')).toBeVisible({ timeout: 30_000 });
  await send("can we rename title to heading on books?");
  // Nothing reads books.title here; the answer says so, then proposes the rename.
  await expect(page.getByText('Nothing in the schema depends on "books.title"')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Ran: .*change grammar/).last()).toBeVisible();
  const proposal = page.getByTestId("proposal").last();
  await expect(proposal.getByTestId("proposal-status")).toHaveText("pending", { timeout: 30_000 });
  await expect(proposal.getByRole("button", { name: "Approve" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/everyday-chat-questions.png`, fullPage: true });
});
