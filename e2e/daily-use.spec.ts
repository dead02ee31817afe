import { expect, test, type Page } from "@playwright/test";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { BACKEND_URL, signIn, unique } from "./helpers";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  authors: defineTable({ name: v.string() }),
  books: defineTable({ title: v.string() }),
});
`;
const SHOTS = process.env.E2E_SCREENS ?? "test-results/screens";
/** What a user must never see: raw error JSON, error codes, Next's error overlay wording. */
const RAW_ERROR = /STALE|Called by client|Something went wrong|\{"code"/;

async function createProject(page: Page, name: string): Promise<{ url: string; projectId: Id<"projects"> }> {
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(name);
  await page.getByLabel("convex/schema.ts").fill(SCHEMA);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  const url = page.url().replace(/\/$/, "");
  return { url, projectId: url.split("/projects/")[1].split("/")[0] as Id<"projects"> };
}

/** The signed-in page's own session, for calls a second teammate would make meanwhile. */
async function clientOf(page: Page): Promise<ConvexHttpClient> {
  const stored = await page.evaluate(() => window.localStorage.getItem("schema-assistant.local-token"));
  const client = new ConvexHttpClient(BACKEND_URL);
  client.setAuth((JSON.parse(stored!) as { token: string }).token);
  return client;
}

test("an overtaken proposal says so and is rebased on the current version, with no raw error; buttons show their work", async ({
  page,
}) => {
  await signIn(page, "Olive Overtaken", "olive@example.com");
  const { url, projectId } = await createProject(page, unique("Library"));
  const client = await clientOf(page);
  const propose = async (operations: unknown[], summary: string) => {
    const r = await client.action(api.schemaVersions.proposalsNode.fromOperations, { projectId, operations, summary });
    if (!r.ok) throw new Error(r.errors.join(" "));
    return r.versionId;
  };
  // Two proposals on v1.0.0; the second is approved first, which overtakes the first.
  await propose(
    [{ op: "addField", table: "books", field: { name: "isbn", validator: { kind: "string" }, optional: true } }],
    "ISBN on books",
  );
  const genres = await propose(
    [
      {
        op: "createTable",
        table: "genres",
        fields: [{ name: "label", validator: { kind: "string" }, optional: false }],
      },
    ],
    "A genres table",
  );
  await client.mutation(api.schemaVersions.proposals.approve, { versionId: genres });

  await page.goto(`${url}/diagram`);
  const card = page.getByTestId("pending-proposal");
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId("proposal-overtaken")).toContainText(
    "Overtaken: this was proposed on v1.0.0, and v1.1.0 is current now",
  );
  await expect(card.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/proposal-overtaken.png` });
  await card.getByRole("button", { name: "Rebase on current" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rebased on v1.1.0" })).toBeVisible();
  const rebased = page.getByTestId("pending-proposal");
  await expect(rebased).toHaveCount(1);
  await expect(rebased.getByTestId("proposal-overtaken")).toHaveCount(0);
  await expect(rebased.getByTestId("schema-diff")).toContainText("isbn: v.optional(v.string())");
  await rebased.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Approved v1\.2\.0/ })).toBeVisible();
  await expect(page.getByTestId("table-node-books")).toContainText("isbn");
  await expect(page.locator("body")).not.toContainText(RAW_ERROR);

  // History: distinct numbers, and the overtaken proposal is not pending.
  await page.goto(`${url}/migrations`);
  const rows = page.getByTestId("version-row");
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId("version-status").filter({ hasText: "pending" })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/schema-history.png`, fullPage: true });

  // Audit log in words.
  await page.goto(`${url}/settings`);
  const audit = page.getByRole("table", { name: "Audit log" });
  await expect(audit).toContainText("Proposal rebased");
  await expect(audit).toContainText("Version approved");
  await expect(audit).not.toContainText("version.rebase");
  await page.screenshot({ path: `${SHOTS}/audit-log.png`, fullPage: true });
});

test("designer edits survive a reload; an invalid field name is explained where it was typed", async ({ page }) => {
  await signIn(page, "Dana Draft", "dana@example.com");
  const { url } = await createProject(page, unique("Drafts"));
  await page.goto(`${url}/diagram`);
  await page.getByTestId("table-node-books").click();
  await page.getByLabel("New field name").fill("_secret");
  await page.getByRole("button", { name: "Add field" }).click();
  const form = page.getByRole("form", { name: "Add field" });
  await expect(form).toContainText('Field name "_secret" must start with a letter');
  await expect(page.getByLabel("New field name")).toHaveValue("_secret");
  await page.getByLabel("New field name").fill("publishedAt");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByRole("button", { name: "Close editor" }).click();
  const draft = page.getByRole("region", { name: "Draft changes" });
  await expect(draft).toContainText('Add field "books.publishedAt"');

  await page.reload();
  await expect(page.getByRole("region", { name: "Draft changes" })).toContainText('Add field "books.publishedAt"');
  await page.getByRole("region", { name: "Draft changes" }).getByRole("button", { name: "Discard" }).click();
  await page.reload();
  await expect(page.getByTestId("table-node-books")).toBeVisible();
  await expect(page.getByRole("region", { name: "Draft changes" })).toHaveCount(0);
});

test("every page of the demo project at 1440×900, with the function overlay toggle on the canvas", async ({ page }) => {
  await signIn(page, "Sam Screens", "sam@example.com");
  await page.getByRole("link", { name: /Team task tracker \(demo\)/ }).click();
  await expect(page.getByTestId("project-name")).toBeVisible();
  const url = page.url().replace(/\/$/, "");
  await page.screenshot({ path: `${SHOTS}/page-projects-overview.png` });
  for (const tab of ["chat", "diagram", "docs", "migrations", "settings"]) {
    await page.goto(`${url}/${tab}`);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("body")).not.toContainText(RAW_ERROR);
    await page.screenshot({ path: `${SHOTS}/page-${tab}.png` });
  }
  await page.goto(`${url}/diagram`);
  const toggle = page.getByLabel(/Show which functions read/);
  await expect(toggle).toBeVisible();
  await page.getByTestId("table-node-tasks").click();
  await expect(page.getByLabel("New field name")).toBeVisible();
  await expect(toggle).toBeVisible(); // still there with the table editor open
  await page.getByRole("button", { name: "Close editor" }).click();
  await toggle.check();
  await page.getByRole("button", { name: "Fit the whole schema" }).click();
  await page.waitForTimeout(800);
  // Fitted: every function node of the overlay lies inside the canvas.
  const pane = (await page.locator(".react-flow").boundingBox())!;
  const fns = page.locator(".react-flow__node-fn");
  expect(await fns.count()).toBeGreaterThan(0);
  for (const box of await Promise.all((await fns.all()).map((n) => n.boundingBox()))) {
    expect(box!.x).toBeGreaterThanOrEqual(pane.x - 1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(pane.x + pane.width + 1);
  }
  await page.screenshot({ path: `${SHOTS}/diagram-overlay-fit.png` });
  await page.goto("/projects");
  await page.screenshot({ path: `${SHOTS}/page-projects.png` });
});

test("/favicon.ico is served", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/icon/);
});
