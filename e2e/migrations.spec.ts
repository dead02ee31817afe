import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";
import { signIn, unique } from "./helpers";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  users: defineTable({ name: v.string(), email: v.string() }),
  tasks: defineTable({
    title: v.string(),
    ownerId: v.id("users"),
    priority: v.optional(v.string()),
  }),
});
`;

const PER_TABLE = 5000;
const SHOTS = process.env.E2E_SCREENS ?? "test-results/screens";

/** Downloads the sandbox as a Convex export ZIP and returns its documents per table, sorted by id. */
async function exportSandbox(page: Page): Promise<Record<string, unknown[]>> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download export ZIP" }).click(),
  ]);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const out: Record<string, unknown[]> = {};
  for (const [path, bytes] of Object.entries(files)) {
    const docs = strFromU8(bytes)
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { _id: string });
    out[path] = docs.sort((a, b) => a._id.localeCompare(b._id));
  }
  return out;
}

test("migrations: a required field on a table with data is planned, preflighted, run with progress, and rolled back to identical data", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page, "Mia Migrate", "mia@example.com");
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(unique("Tasks"));
  await page.getByLabel("convex/schema.ts").fill(SCHEMA);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toBeVisible();
  const url = page.url().replace(/\/$/, "");

  // Sample data into the sandbox, then the "before" export.
  await page.goto(`${url}/migrations`);
  await page.getByLabel("Documents per table").fill(String(PER_TABLE));
  await page.getByRole("button", { name: "Generate sample data" }).click();
  await expect(page.getByTestId("sandbox-total")).toHaveText(`${(PER_TABLE * 2).toLocaleString("en-US")} documents`, {
    timeout: 120_000,
  });
  const before = await exportSandbox(page);
  expect(before["tasks/documents.jsonl"]).toHaveLength(PER_TABLE);
  const missing = (before["tasks/documents.jsonl"] as { priority?: string }[]).filter(
    (d) => d.priority === undefined,
  ).length;
  expect(missing).toBeGreaterThan(0);

  // Chat proposes the change; approving it creates a plan instead of switching the schema.
  await page.goto(`${url}/chat`);
  await page.getByRole("button", { name: "Start a conversation" }).click();
  await page.getByRole("textbox", { name: "Message" }).fill("make the priority field of tasks required");
  await page.getByRole("button", { name: "Send" }).click();
  const proposal = page.getByTestId("proposal").last();
  await expect(proposal.getByTestId("proposal-status")).toHaveText("pending", { timeout: 30_000 });
  await proposal.getByRole("button", { name: "Approve" }).click();

  await page.goto(`${url}/migrations`);
  const plan = page.getByTestId("plan-review");
  await expect(plan.getByTestId("plan-phases")).toContainText("widen");
  await expect(plan.getByTestId("plan-phases")).toContainText("backfill");
  await expect(plan.getByTestId("plan-phases")).toContainText("narrow");
  // The impact section says which functions a change touches (this project has none uploaded: it says so).
  await expect(plan.getByTestId("plan-impact")).toContainText("Impact on functions");
  await plan.getByTestId("plan-impact").screenshot({ path: `${SHOTS}/plan-impact.png` });
  await expect(plan.getByTestId("plan-blockers")).toContainText('Choose a value for "tasks.priority"');
  await plan.getByLabel("Value for tasks.priority").fill('"medium"');
  await plan.getByRole("button", { name: "Set value" }).click();
  await expect(plan.getByTestId("preflight-status")).toContainText(
    `passed: ${(PER_TABLE * 2).toLocaleString("en-US")} documents`,
    {
      timeout: 60_000,
    },
  );
  await plan.getByRole("button", { name: "Approve plan" }).click();
  await expect(plan.getByTestId("plan-status")).toHaveText("approved");
  const target = (await plan.getByTestId("plan-semver").innerText()).split("→")[1].trim();
  await page.screenshot({ path: `${SHOTS}/migration-plan.png`, fullPage: true });

  // The run, with live progress; pause, reload (it is all stored), resume.
  // Small batches: more, shorter transactions, so the run is still going when Pause is clicked.
  await plan.getByLabel("Batch size").fill("25");
  await plan.getByRole("button", { name: "Start migration" }).click();
  const run = page.getByTestId("run-progress").first();
  await run.getByRole("button", { name: "Pause" }).click();
  await expect(run.getByTestId("run-status")).toHaveText("paused");
  await page.reload();
  await expect(page.getByTestId("run-status").first()).toHaveText("paused");
  await page.screenshot({ path: `${SHOTS}/migration-run.png`, fullPage: true });
  await page.getByTestId("run-progress").first().getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("run-status").first()).toHaveText("completed", { timeout: 180_000 });
  await expect(page.getByTestId("run-count").first()).toContainText(
    `${PER_TABLE.toLocaleString("en-US")} / ${PER_TABLE.toLocaleString("en-US")}`,
  );
  console.log(`run: ${(await page.getByTestId("run-progress").first().innerText()).split("\n").slice(0, 6).join(" ")}`);

  const after = await exportSandbox(page);
  expect((after["tasks/documents.jsonl"] as { priority?: string }[]).every((d) => typeof d.priority === "string")).toBe(
    true,
  );

  // History: the new version is current; Rollback shows what it will do, then restores the data exactly.
  const current = page.getByTestId("version-row").filter({ hasText: "current" }).first();
  await expect(current).toContainText(target);
  await current.getByRole("button", { name: "Rollback" }).click();
  await expect(page.getByTestId("rollback-docs")).toHaveText(String(missing));
  await page.screenshot({ path: `${SHOTS}/migration-history.png`, fullPage: true });
  await page.getByRole("button", { name: "Confirm rollback" }).click();
  await expect(page.getByTestId("version-row").filter({ hasText: target }).getByTestId("version-status")).toHaveText(
    "rolled back",
    { timeout: 120_000 },
  );
  await expect(page.getByTestId("version-row").filter({ hasText: "v1.0.0" }).getByTestId("version-status")).toHaveText(
    "current",
  );
  expect(await exportSandbox(page)).toEqual(before);
});
