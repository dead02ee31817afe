import { expect, test, type Page } from "@playwright/test";
import { signIn, unique } from "./helpers";

const START = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // People who write.
  authors: defineTable({ name: v.string(), email: v.string() }),
});
`;

async function createProject(page: Page, name: string, schema = START): Promise<string> {
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(name);
  await page.getByLabel("convex/schema.ts").fill(schema);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  return page.url();
}

test("design by chat: a request becomes a proposal with a diff; approving it makes a new version, live for a second browser", async ({
  page,
  browser,
}) => {
  await signIn(page, "Chloe Chat", "chloe@example.com");
  const url = await createProject(page, unique("Blog"));
  const watcher = await (await browser.newContext()).newPage();
  await signIn(watcher, "Chloe Chat", "chloe@example.com");
  await watcher.goto(`${url}/chat`);

  await page.goto(`${url}/chat`);
  await page.getByRole("button", { name: "Start a conversation" }).click();
  await page
    .getByRole("textbox", { name: "Message" })
    .fill("add posts with a title, a body and an author, and comments on posts");
  await page.getByRole("button", { name: "Send" }).click();

  const proposal = page.getByTestId("proposal").last();
  await expect(proposal.getByTestId("proposal-status")).toHaveText("pending", { timeout: 30_000 });
  await expect(proposal.getByTestId("schema-diff")).toContainText("posts: defineTable");
  // The comment in the pasted schema survives the surgical edit.
  await expect(proposal.getByTestId("schema-diff")).toContainText("// People who write.");
  await page.screenshot({ path: "test-results/screens/chat-proposal.png" });

  // The second browser sees the conversation and the proposal without reloading.
  await expect(watcher.getByTestId("proposal").last().getByTestId("proposal-status")).toHaveText("pending");

  await proposal.getByRole("button", { name: "Approve" }).click();
  await expect(proposal.getByTestId("proposal-status")).toHaveText("approved");
  await expect(page.getByText(/schema v1\.1\.0/)).toBeVisible();
  await expect(watcher.getByText(/schema v1\.1\.0/)).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "posts" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "comments" })).toBeVisible();
  await watcher.context().close();
});

test("design in the diagram: add a table and a field, connect two tables, propose and approve", async ({
  page,
  browser,
}) => {
  await signIn(page, "Dev Designer", "dev@example.com");
  const url = await createProject(page, unique("Designer"));
  const watcher = await (await browser.newContext()).newPage();
  await signIn(watcher, "Dev Designer", "dev@example.com");
  await watcher.goto(`${url}/diagram`);

  await page.goto(`${url}/diagram`);
  await page.getByLabel("New table name").fill("books");
  await page.getByRole("button", { name: "Add table" }).click();
  await expect(page.getByTestId("table-node-books")).toBeVisible();

  await page.getByTestId("table-node-books").click();
  await page.getByLabel("New field name").fill("title");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByRole("button", { name: "Close editor" }).click();

  // Drag from the books connector onto authors: a reference field and its index.
  const handle = page.locator('.react-flow__node[data-id="books"] .react-flow__handle[data-handleid="connect"]');
  const target = page.getByTestId("table-node-authors");
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + 20, to.y + 15, { steps: 12 });
  await page.mouse.up();

  const draft = page.getByRole("region", { name: "Draft changes" });
  await expect(draft).toContainText('Add field "books.authorId"');
  await expect(draft).toContainText('Add index "books.by_authorId"');
  await page.screenshot({ path: "test-results/screens/designer-draft.png" });
  await draft.getByRole("button", { name: "Propose change" }).click();

  const pending = page.getByTestId("pending-proposal");
  await expect(pending.getByTestId("schema-diff")).toContainText('authorId: v.optional(v.id("authors"))');
  await expect(watcher.getByTestId("pending-proposal")).toBeVisible();
  await pending.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/schema v1\.1\.0/)).toBeVisible();
  await expect(watcher.getByText(/schema v1\.1\.0/)).toBeVisible();
  await expect(watcher.getByTestId("table-node-books")).toContainText("authorId");
  await watcher.context().close();
});

test("diagram search, find path and docs download on the demo project", async ({ page }) => {
  await signIn(page, "Sam Search", "sam@example.com");
  await page.getByRole("link", { name: /Team task tracker \(demo\)/ }).click();
  const tabs = page.getByRole("navigation", { name: "Project" });
  await tabs.getByRole("link", { name: "Diagram" }).click();
  await expect(page.getByTestId("table-node-tasks")).toBeVisible();

  await page.getByLabel("Search tables and fields").fill("label");
  await expect(page.getByTestId("table-node-labels")).not.toHaveClass(/opacity-25/);
  await expect(page.getByTestId("table-node-users")).toHaveClass(/opacity-25/);
  await page.getByLabel("Search tables and fields").fill("");

  await page.getByLabel("Path from").selectOption("notifications");
  await page.getByLabel("Path to").selectOption("labels");
  await expect(page.getByTestId("path-result")).toHaveText("notifications → activity → tasks → labels");
  await page.screenshot({ path: "test-results/screens/diagram-path.png" });

  await tabs.getByRole("link", { name: "Docs" }).click();
  await expect(page.getByRole("heading", { name: "Schema", exact: true })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "↓ Markdown" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("SCHEMA.md");
  const { readFile } = await import("node:fs/promises");
  expect(await readFile((await file.path())!, "utf8")).toContain("## tasks");
  await page.getByRole("tab", { name: /Health & lint/ }).click();
  await expect(page.getByTestId("health-score")).toHaveText(/^\d+$/);
  await page.screenshot({ path: "test-results/screens/docs-health.png" });
});
