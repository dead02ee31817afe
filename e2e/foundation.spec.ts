import { expect, test } from "@playwright/test";
import { strToU8, zipSync } from "fflate";
import { PASSWORD, ensureAccount, setOpenSignUp, signIn, unique } from "./helpers";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  authors: defineTable({ name: v.string(), email: v.string() }).index("by_email", ["email"]),
  posts: defineTable({
    authorId: v.id("authors"),
    title: v.string(),
    published: v.boolean(),
  }).index("by_author", ["authorId"]),
});
`;

test("the demo project is there after the first sign-in", async ({ page }) => {
  await signIn(page, "Dana Demo", "dana@example.com");
  await expect(page.getByRole("link", { name: /Team task tracker \(demo\)/ })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: "test-results/screens/projects.png", fullPage: true });
});

test("sign-in needs the password; a newcomer signs up on the page and gets their own demo; sessions are listed and ended", async ({
  page,
  browser,
}) => {
  await ensureAccount("Dana Demo", "dana@example.com");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("dana@example.com");
  await page.getByLabel("Password").fill("not her password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Email or password is wrong.")).toBeVisible();

  // With open sign-up on, a newcomer creates an account through the page.
  await setOpenSignUp(true);
  const email = `${unique("sam").replace(/\W/g, "")}@example.com`;
  await page.getByRole("button", { name: "Create an account" }).click();
  await page.getByLabel("Name").fill("Sam Session");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Team task tracker \(demo\)/ })).toHaveCount(1, { timeout: 30_000 });

  // A second browser signs in; the first lists both sessions and ends the other one.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, "Sam Session", email);
  await page.goto("/account");
  const sessions = page.getByRole("region", { name: "Your sign-in sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByText("this browser")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/account-sessions.png", fullPage: true });
  await sessions.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await other.reload();
  await expect(other.getByRole("heading", { name: "Sign in to Schema Assistant" })).toBeVisible();
  await other.context().close();
});

test("create a project from a pasted schema; it survives a reload and appears live in a second browser", async ({
  page,
  browser,
}) => {
  await signIn(page, "Ada Lovelace", "ada@example.com");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "Ada Lovelace", "ada@example.com");

  const name = unique("Blog");
  await page.getByRole("link", { name: "New project" }).click();
  await page.getByLabel("Project name").fill(name);
  await page.getByLabel("convex/schema.ts").fill(SCHEMA);
  await page.screenshot({ path: "test-results/screens/new-project.png", fullPage: true });
  await page.getByRole("button", { name: "Create project" }).click();

  await expect(page.getByTestId("project-name")).toHaveText(name);
  await expect(page.getByRole("heading", { name: "posts" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/project-overview.png", fullPage: true });
  await page.reload();
  await expect(page.getByTestId("project-name")).toHaveText(name);

  // The second browser never reloads: the list updates over the WebSocket subscription.
  await expect(otherPage.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  await other.close();
});

test("a schema that does not parse shows the error with line and column, and nothing is saved", async ({ page }) => {
  await signIn(page, "Grace Hopper", "grace@example.com");
  const name = unique("Broken");
  await page.getByRole("link", { name: "New project" }).click();
  await page.getByLabel("Project name").fill(name);
  await page
    .getByLabel("convex/schema.ts")
    .fill(
      `import { defineSchema } from "convex/server";\nexport default defineSchema({\n  tasks: defineTable({ text: v.string( }),\n});\n`,
    );
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("schema-errors")).toContainText(/convex\/schema\.ts:3:\d+/);
  await page.screenshot({ path: "test-results/screens/schema-error.png", fullPage: true });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);
});

test("unknown routes and missing projects show a not-found page", async ({ page }) => {
  await signIn(page, "Alan Turing", "alan@example.com");
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: /was not found/ })).toBeVisible();
  await page.goto("/projects/not-a-real-id");
  await expect(page.getByRole("heading", { name: "This project was not found" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/not-found.png", fullPage: true });
});

test("create a project by uploading the project folder as a zip; multi-file schemas are followed", async ({ page }) => {
  await signIn(page, "Zed Zip", "zed@example.com");
  const zip = zipSync({
    "my-app/package.json": strToU8("{}"),
    "my-app/convex/validators.ts": strToU8(
      `import { v } from "convex/values";\nexport const note = { title: v.string(), pinned: v.boolean() };\n`,
    ),
    "my-app/convex/schema.ts": strToU8(
      `import { defineSchema, defineTable } from "convex/server";\nimport { note } from "./validators";\nexport default defineSchema({ notes: defineTable(note) });\n`,
    ),
  });
  const name = unique("Zipped");
  await page.getByRole("link", { name: "New project" }).click();
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("tab", { name: "Upload project zip" }).click();
  await page
    .getByLabel(/Project folder as a .zip/)
    .setInputFiles({ name: "my-app.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  await expect(page.getByRole("heading", { name: "notes" })).toBeVisible();
  await expect(page.getByText("pinned")).toBeVisible();
});
