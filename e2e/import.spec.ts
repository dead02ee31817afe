import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { strToU8, zipSync } from "fflate";
import { signIn, unique } from "./helpers";

const ADVISOR = path.join("lib", "import", "testdata", "prisma-advisor-chat");
const SQL_APP = path.join("lib", "import", "testdata", "sql-app");
const ADVISOR_DATA = [
  "users.csv",
  "advisors.csv",
  "conversations.jsonl",
  "messages.csv",
  "advisor_memories.csv",
  "ThreadSummary.jsonl",
];

async function openImportTab(page: Page, name: string): Promise<void> {
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("tab", { name: "Import Prisma / SQL" }).click();
}

test("import a Prisma schema with a zip of CSV/JSONL data as a new project: report, then the project's tables", async ({
  page,
}) => {
  await signIn(page, "Iris Import", "iris@example.com");
  const name = unique("Advisor chat");
  await openImportTab(page, name);
  await page.getByLabel("schema.prisma").fill(readFileSync(path.join(ADVISOR, "schema.prisma"), "utf8"));
  // The data as one zip, with the files in a folder (as a zipped export would be).
  const zip = zipSync(
    Object.fromEntries(
      ADVISOR_DATA.map((f) => [`export/${f}`, strToU8(readFileSync(path.join(ADVISOR, "data", f), "utf8"))]),
    ),
  );
  await page
    .getByLabel("Data (optional)")
    .setInputFiles({ name: "advisor-data.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
  await expect(page.getByTestId("import-data-files")).toContainText("6 data files");

  // Nothing can be created before the mapping was previewed.
  await expect(page.getByRole("button", { name: "Create project" })).toBeDisabled();
  await page.getByRole("button", { name: "Preview mapping" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("6 tables mapped");
  await expect(page.getByTestId("import-warnings")).toContainText("schema.prisma:69:3IMP-JSON");
  await expect(page.getByTestId("import-mapping")).toContainText("advisor_memories (AdvisorMemory)→advisorMemories");
  await expect(page.getByTestId("import-data")).toContainText("messages5412");
  await expect(page.getByTestId("import-row-problems")).toContainText(
    'export/messages.csv:6DATA-CONVERTmessages key 5: column "role"',
  );
  await expect(page.getByTestId("generated-file")).toContainText("advisorMemories: defineTable({");
  await page.screenshot({ path: "test-results/screens/import-preview.png", fullPage: true });

  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Project created" })).toContainText(
    "6 tables and 12 documents in its sandbox",
  );
  await page.screenshot({ path: "test-results/screens/import-created.png" });
  await page.getByRole("link", { name: "Open project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  for (const table of ["users", "advisors", "conversations", "messages", "advisorMemories", "threadSummaries"]) {
    await expect(page.getByRole("heading", { name: table, exact: true })).toBeVisible();
  }
  await page.screenshot({ path: "test-results/screens/import-project.png" });
});

test("SQL: an upload with an error shows it with its line and creates nothing; the fixed pg_dump imports", async ({
  page,
}) => {
  await signIn(page, "Iris Import", "iris@example.com");
  const name = unique("SQL app");
  await openImportTab(page, name);
  await page.getByLabel("Upload schema file").setInputFiles({
    name: "broken.sql",
    mimeType: "text/plain",
    buffer: Buffer.from(
      "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES missing(id));\n",
    ),
  });
  await expect(page.getByLabel("PostgreSQL DDL or pg_dump")).toBeChecked();
  await page.getByRole("button", { name: "Preview mapping" }).click();
  await expect(page.getByTestId("import-errors")).toContainText("broken.sql:2:");
  await expect(page.getByRole("button", { name: "Create project" })).toBeDisabled();
  await page.screenshot({ path: "test-results/screens/import-error.png" });

  await page.getByLabel("Upload schema file").setInputFiles(path.join(SQL_APP, "schema.sql"));
  await page.getByLabel("Data (optional)").setInputFiles(path.join(SQL_APP, "data.sql"));
  await page.getByRole("button", { name: "Preview mapping" }).click();
  await expect(page.getByTestId("import-row-problems")).toContainText("data.sql:35DATA-DANGLINGtasks key 103");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("link", { name: "Open project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  await expect(page.getByRole("heading", { name: "taskLabels", exact: true })).toBeVisible();
});
