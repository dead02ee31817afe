import { expect, type Page } from "@playwright/test";

/** The embedded backend the e2e server runs (playwright.config.ts). */
export const BACKEND_URL = `http://127.0.0.1:${process.env.E2E_BACKEND_PORT ?? 3310}`;
/** Every e2e account's password. */
export const PASSWORD = "e2e password 12345";

async function post(path: string, body: unknown, token?: string): Promise<Response> {
  return await fetch(`${BACKEND_URL}/local-auth${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

let ownerToken: string | null = null;

/**
 * The token of the run's first account, which owns the e2e server (made here before anyone else, so no spec's
 * person becomes owner by chance). Kept for the worker's life: sign-ins are rate limited per address.
 */
async function owner(): Promise<string> {
  if (ownerToken) return ownerToken;
  const account = { name: "E2E Owner", email: "owner@e2e.example", password: PASSWORD };
  let res = await post("/sign-up", account);
  if (res.status === 409) res = await post("/sign-in", account);
  if (!res.ok) throw new Error(`The e2e owner could not sign in: ${res.status} ${await res.text()}`);
  ownerToken = ((await res.json()) as { token: string }).token;
  return ownerToken;
}

/** Turns open sign-up on or off as the server's owner. */
export async function setOpenSignUp(on: boolean): Promise<void> {
  const res = await post("/settings", { openSignUp: on }, await owner());
  if (!res.ok) throw new Error(`Could not set open sign-up: ${res.status} ${await res.text()}`);
}

/** Makes sure an account exists (opening sign-up as the owner when needed). An existing account (409) is fine. */
export async function ensureAccount(name: string, email: string): Promise<void> {
  await owner();
  let res = await post("/sign-up", { name, email, password: PASSWORD });
  if (res.status === 403) {
    await setOpenSignUp(true);
    res = await post("/sign-up", { name, email, password: PASSWORD });
  }
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
