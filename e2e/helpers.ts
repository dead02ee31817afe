import { expect, type Page } from "@playwright/test";

/** The embedded backend the e2e server runs (playwright.config.ts). */
export const BACKEND_URL = `http://127.0.0.1:${process.env.E2E_BACKEND_PORT ?? 3310}`;
/** Every e2e account's password. */
export const PASSWORD = "e2e password 12345";

/**
 * Makes sure an account exists: the first one of a run becomes the server's owner; the e2e server runs with open
 * sign-up (LOCAL_AUTH_OPEN_SIGN_UP=1) so later ones may join. An existing account (409) is fine.
 */
export async function ensureAccount(name: string, email: string): Promise<void> {
  const res = await fetch(`${BACKEND_URL}/local-auth/sign-up`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name, email, password: PASSWORD }),
  });
  if (!res.ok && res.status !== 409) throw new Error(`Could not create ${email}: ${res.status} ${await res.text()}`);
}

/** Signs in through the sign-in page with an email and password, landing on the project list. */
export async function signIn(page: Page, name: string, email: string): Promise<void> {
  await ensureAccount(name, email);
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
}

/** A unique suffix so tests never collide with data from earlier runs. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
