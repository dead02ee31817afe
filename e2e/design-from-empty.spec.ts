import { expect, test } from "@playwright/test";
import { signIn, unique } from "./helpers";

// Issue 11's "done when": from an empty project, chat and the diagram together design a schema while a teammate
// (another user, invited as viewer) watches live; every change is a new, valid schema version.
test("design from an empty project with chat and the diagram while a teammate watches live", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "Erin Empty", "erin@example.com");
  const name = unique("Library");
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("tab", { name: "Start empty" }).click();
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  await expect(page.getByText("This schema has no tables yet")).toBeVisible();
  const url = page.url().replace(/\/(chat|diagram|docs|migrations|settings)$/, "");

  // The teammate joins by an invitation link and watches the diagram.
  await page.goto(`${url}/settings`);
  await page.getByLabel("Invitation role").selectOption("viewer");
  await page.getByRole("button", { name: "Create link" }).click();
  const link = (await page.getByRole("region", { name: "Members" }).getByTestId("one-time-secret").textContent())!;
  const mate = await (await browser.newContext()).newPage();
  await signIn(mate, "Tom Teammate", "tom@example.com");
  await mate.goto(link);
  await mate.getByRole("button", { name: "Accept invitation" }).click();
  await mate.goto(`${url}/diagram`);

  // Chat designs the first tables.
  await page.goto(`${url}/chat`);
  await page.getByRole("button", { name: "Start a conversation" }).click();
  await page
    .getByRole("textbox", { name: "Message" })
    .fill("a library with books that have a title and an author, and authors with a name");
  await page.getByRole("button", { name: "Send" }).click();
  const proposal = page.getByTestId("proposal").last();
  await expect(proposal.getByTestId("proposal-status")).toHaveText("pending", { timeout: 30_000 });
  await expect(proposal.getByTestId("schema-diff")).toContainText("books: defineTable");
  await proposal.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/schema v1\.1\.0/)).toBeVisible();
  await expect(mate.getByTestId("table-node-books")).toBeVisible();
  await expect(mate.getByTestId("table-node-authors")).toBeVisible();

  // The diagram adds a table with a field; the teammate sees the pending change, then the new version.
  await page.goto(`${url}/diagram`);
  await page.getByLabel("New table name").fill("members");
  await page.getByRole("button", { name: "Add table" }).click();
  await page.getByTestId("table-node-members").click();
  await page.getByLabel("New field name").fill("email");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByRole("button", { name: "Close editor" }).click();
  await page.getByRole("region", { name: "Draft changes" }).getByRole("button", { name: "Propose change" }).click();
  const pending = page.getByTestId("pending-proposal");
  await expect(pending.getByTestId("schema-diff")).toContainText("members: defineTable");
  await expect(mate.getByTestId("pending-proposal")).toBeVisible();
  await pending.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/schema v1\.2\.0/)).toBeVisible();
  await expect(mate.getByText(/schema v1\.2\.0/)).toBeVisible();
  await expect(mate.getByTestId("table-node-members")).toContainText("email");
  await mate.screenshot({ path: "test-results/screens/teammate-watching.png" });

  // Every change is a version in the history, and the current schema parses with all three tables.
  await page.goto(`${url}/migrations`);
  for (const v of ["v1.0.0", "v1.1.0", "v1.2.0"])
    await expect(page.getByText(v, { exact: false }).first()).toBeVisible();
  await page.goto(url);
  for (const t of ["books", "authors", "members"]) await expect(page.getByRole("heading", { name: t })).toBeVisible();
  await mate.context().close();
});
