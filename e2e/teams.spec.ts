import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, setOpenSignUp, signIn, unique } from "./helpers";

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  tasks: defineTable({ text: v.string() }),
});
`;

async function createProject(page: Page, name: string): Promise<string> {
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(name);
  await page.getByLabel("convex/schema.ts").fill(SCHEMA);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  return page.url().replace(/\/(chat|diagram|docs|migrations|settings)$/, "");
}

test("owner invites a viewer by link, makes an API token the HTTP API accepts, and the audit log shows both", async ({
  page,
  browser,
  request,
}) => {
  await signIn(page, "Olga Owner", "olga@example.com");
  const url = await createProject(page, unique("Team"));
  const projectId = url.split("/").pop()!;
  await page.goto(`${url}/settings`);

  await page.getByLabel("Invitation role").selectOption("viewer");
  await page.getByRole("button", { name: "Create link" }).click();
  const linkBox = page.getByRole("region", { name: "Members" }).getByTestId("one-time-secret");
  await expect(linkBox).toBeVisible();
  const link = (await linkBox.textContent())!;
  expect(link).toMatch(/\/invite\/inv_[0-9a-f]{64}$/);

  // With sign-up closed, the link is the way in: the guest has no account, makes one from the link and joins.
  await setOpenSignUp(false);
  const guest = await (await browser.newContext()).newPage();
  try {
    const guestEmail = `${unique("gus").replace(/\W/g, "")}@example.com`;
    await guest.goto(link);
    await guest.getByRole("link", { name: "Sign in" }).click();
    await expect(guest.getByRole("heading", { name: "Create your account" })).toBeVisible();
    await guest.getByLabel("Name").fill("Gus Guest");
    await guest.getByLabel("Email").fill(guestEmail);
    await guest.getByLabel("New password").fill(PASSWORD);
    await guest.getByRole("button", { name: "Create account" }).click();
  } finally {
    await setOpenSignUp(true);
  }
  await expect(guest.getByText("You are invited as viewer")).toBeVisible();
  await guest.getByRole("button", { name: "Accept invitation" }).click();
  await expect(guest).toHaveURL(new RegExp(`/projects/${projectId}/chat`));
  await expect(page.getByRole("list", { name: "Members" })).toContainText("Gus Guest");

  await page.getByLabel("Token name").fill("CI");
  await page.getByRole("button", { name: "Create token" }).click();
  const tokenBox = page.getByRole("region", { name: "API tokens" }).getByTestId("one-time-secret");
  await expect(tokenBox).toBeVisible();
  const token = (await tokenBox.textContent())!;
  expect(token).toMatch(/^sa_[0-9a-f]{64}$/);

  // The dashboard origin proxies /api/schema/* to the backend's HTTP actions.
  const ok = await request.get(`/api/schema/analyze/${projectId}`, { headers: { "X-API-Key": token } });
  expect([200, 202]).toContain(ok.status());
  const wrong = await request.get(`/api/schema/analyze/${projectId}`, {
    headers: { "X-API-Key": `sa_${"0".repeat(64)}` },
  });
  expect(wrong.status()).toBe(401);
  expect((await wrong.json()).error.code).toBe("INVALID_TOKEN");

  await page.getByLabel("Filter by action").fill("invitation.");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("Invitation accepted");
  await page.getByLabel("Filter by action").fill("");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("API token created");
  await page.screenshot({ path: "test-results/screens/team-settings.png", fullPage: true });

  // The viewer sees members but no tokens, webhooks or audit log.
  await guest.goto(`${url}/settings`);
  await expect(guest.getByRole("list", { name: "Members" })).toContainText("Olga Owner");
  await expect(guest.getByRole("region", { name: "API tokens" })).toHaveCount(0);
  await expect(guest.getByRole("region", { name: "Audit log" })).toHaveCount(0);
});
