import { expect, type Page } from "@playwright/test";

/** Signs in locally with a name and email, landing on the project list. */
export async function signIn(page: Page, name: string, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
}

/** A unique suffix so tests never collide with data from earlier runs. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
