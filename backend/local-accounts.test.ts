import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localSubject } from "./auth.js";
import { AccountError, LocalAccounts, type AccountsOptions, type SignUpContext } from "./local-accounts.js";
import { RateLimiter } from "./rate-limit.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const PASSWORD = "a long enough password";
const client = { address: "10.0.0.1", userAgent: "test" };

/** Accounts on a fresh data dir with a clock the test moves, and the app's answers given by the test. */
function setup(
  options: Partial<AccountsOptions> & { app?: Partial<SignUpContext> & { invites?: string[]; legacy?: string[] } } = {},
) {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "sa-accounts-"));
  dirs.push(dataDir);
  const clock = { now: 1_000_000 };
  const log: string[] = [];
  const revoked: string[] = [];
  const app = options.app ?? {};
  const accounts = new LocalAccounts({
    dataDir,
    log: (l) => log.push(l),
    now: () => clock.now,
    onRevoke: (id) => revoked.push(id),
    context: async (subject, invite) => ({
      localUsers: app.localUsers ?? (app.legacy ?? []).length > 0,
      subjectHasData: (app.legacy ?? []).some((e) => localSubject(e) === subject),
      ...((app.legacy ?? []).some((e) => localSubject(e) === subject) ? { name: "Name in the app" } : {}),
      inviteOpen: invite !== undefined && (app.invites ?? []).includes(invite),
    }),
    ...options,
  });
  return { accounts, clock, log, revoked, dataDir };
}

async function refusal(p: Promise<unknown>): Promise<AccountError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AccountError);
  return e as AccountError;
}

describe("local accounts", () => {
  it("makes the first account the owner; later ones need an invitation or open sign-up", async () => {
    const { accounts } = setup({ app: { invites: ["inv_1"] } });
    const ada = await accounts.signUp({ name: "Ada", email: "Ada@Example.com", password: PASSWORD, ...client });
    expect(ada.account).toMatchObject({
      email: "ada@example.com",
      role: "owner",
      subject: localSubject("ada@example.com"),
    });
    expect(ada.account.passwordHash).toMatch(/^\$argon2id\$/);

    expect(
      await refusal(accounts.signUp({ name: "Eve", email: "eve@example.com", password: PASSWORD, ...client })),
    ).toMatchObject({ status: 403, code: "SIGN_UP_CLOSED" });
    expect(
      await refusal(
        accounts.signUp({
          name: "Eve",
          email: "eve@example.com",
          password: PASSWORD,
          invite: "inv_unknown",
          ...client,
        }),
      ),
    ).toMatchObject({ code: "SIGN_UP_CLOSED" });
    // An open invitation lets one account in; the same link cannot make a second.
    expect(
      (await accounts.signUp({ name: "Bo", email: "bo@example.com", password: PASSWORD, invite: "inv_1", ...client }))
        .account.role,
    ).toBe("member");
    expect(
      await refusal(
        accounts.signUp({ name: "Cy", email: "cy@example.com", password: PASSWORD, invite: "inv_1", ...client }),
      ),
    ).toMatchObject({ code: "SIGN_UP_CLOSED" });
    expect(
      await refusal(accounts.signUp({ name: "Ada2", email: "ada@example.com", password: PASSWORD, ...client })),
    ).toMatchObject({ status: 409, code: "ACCOUNT_EXISTS" });

    // Only the owner opens sign-up.
    expect(() => accounts.setOpenSignUp(localSubject("bo@example.com"), true)).toThrow(/owner/);
    accounts.setOpenSignUp(ada.account.subject, true);
    expect(accounts.status()).toMatchObject({ hasOwner: true, openSignUp: true });
    expect(
      (await accounts.signUp({ name: "Cy", email: "cy@example.com", password: PASSWORD, ...client })).account.role,
    ).toBe("member");
  });

  it("gives the owner seat to one of two simultaneous first sign-ups", async () => {
    const { accounts } = setup();
    const results = await Promise.allSettled([
      accounts.signUp({ name: "A", email: "a@x.io", password: PASSWORD, ...client }),
      accounts.signUp({ name: "B", email: "b@x.io", password: PASSWORD, ...client }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "SIGN_UP_CLOSED" } });
  });

  it("checks passwords with argon2id and refuses unknown emails the same way", async () => {
    const { accounts } = setup();
    await accounts.signUp({ name: "Ada", email: "ada@x.io", password: PASSWORD, ...client });
    expect((await accounts.signIn({ email: "ADA@x.io", password: PASSWORD, ...client })).account.email).toBe(
      "ada@x.io",
    );
    const wrong = await refusal(accounts.signIn({ email: "ada@x.io", password: "not the password", ...client }));
    const unknown = await refusal(accounts.signIn({ email: "nobody@x.io", password: PASSWORD, ...client }));
    expect([wrong.code, unknown.code]).toEqual(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS"]);
    expect(wrong.message).toBe(unknown.message);
    expect(await refusal(accounts.signUp({ name: "B", email: "b@x.io", password: "short", ...client }))).toMatchObject({
      status: 400,
      code: "WEAK_PASSWORD",
    });
    expect(await refusal(accounts.signIn({ email: "not-an-email", password: PASSWORD, ...client }))).toMatchObject({
      status: 400,
      code: "INVALID_EMAIL",
    });
  });

  it("expires sessions, lists them, and revokes one, the others, or all on a password reset", async () => {
    const { accounts, clock, revoked } = setup({ sessionHours: 2 });
    const first = await accounts.signUp({ name: "Ada", email: "ada@x.io", password: PASSWORD, ...client });
    const subject = first.account.subject;
    expect(accounts.isLive(first.session.id, subject)).toBe(true);
    expect(accounts.isLive(first.session.id, localSubject("eve@x.io"))).toBe(false); // bound to its account
    clock.now += 1000;
    const second = await accounts.signIn({ email: "ada@x.io", password: PASSWORD, ...client, userAgent: "laptop" });
    clock.now += 1000;
    const third = await accounts.signIn({ email: "ada@x.io", password: PASSWORD, ...client });
    expect(accounts.sessions(subject).map((s) => s.id)).toEqual([
      third.session.id,
      second.session.id,
      first.session.id,
    ]);

    accounts.revoke(subject, second.session.id);
    expect(accounts.isLive(second.session.id, subject)).toBe(false);
    expect(revoked).toEqual([second.session.id]);
    expect(() => accounts.revoke(localSubject("eve@x.io"), first.session.id)).toThrow(/No such session/);
    expect(accounts.revokeOthers(subject, third.session.id)).toBe(1);
    expect(accounts.sessions(subject).map((s) => s.id)).toEqual([third.session.id]);

    clock.now += 2 * 3600_000;
    expect(accounts.isLive(third.session.id, subject)).toBe(false);
    expect(accounts.sessions(subject)).toEqual([]);
  });

  it("changes a password with the current one: argon2id, sign-up's rules, the other sessions end", async () => {
    const { accounts, clock, revoked, dataDir } = setup();
    const here = await accounts.signUp({ name: "Ada", email: "ada@x.io", password: PASSWORD, ...client });
    const subject = here.account.subject;
    clock.now += 1000;
    const laptop = await accounts.signIn({ email: "ada@x.io", password: PASSWORD, ...client, userAgent: "laptop" });
    const change = (current: string, password: string) =>
      accounts.changePassword({ subject, sessionId: here.session.id, current, password, address: client.address });

    expect((await refusal(change("not the password", "a new long password"))).code).toBe("INVALID_CREDENTIALS");
    expect((await refusal(change(PASSWORD, "short"))).code).toBe("WEAK_PASSWORD");
    expect((await refusal(change(PASSWORD, PASSWORD))).code).toBe("SAME_PASSWORD");
    expect(accounts.sessions(subject)).toHaveLength(2); // refusals change nothing

    expect(await change(PASSWORD, "a new long password")).toEqual({ endedSessions: 1 });
    expect(accounts.isLive(here.session.id, subject)).toBe(true);
    expect(accounts.isLive(laptop.session.id, subject)).toBe(false);
    expect(revoked).toEqual([laptop.session.id]);
    const stored = JSON.parse(fs.readFileSync(path.join(dataDir, "local-accounts.json"), "utf8"));
    expect(stored.accounts[0].passwordHash).toMatch(/^\$argon2id\$/);
    expect((await refusal(accounts.signIn({ email: "ada@x.io", password: PASSWORD, ...client }))).code).toBe(
      "INVALID_CREDENTIALS",
    );
    await accounts.signIn({ email: "ada@x.io", password: "a new long password", ...client });
  });

  it("counts wrong current passwords towards the account's failure limit", async () => {
    const { accounts } = setup();
    const { account, session } = await accounts.signUp({
      name: "Ada",
      email: "ada@x.io",
      password: PASSWORD,
      ...client,
    });
    const wrong = () =>
      accounts.changePassword({
        subject: account.subject,
        sessionId: session.id,
        current: "guess number one",
        password: "a new long password",
        address: client.address,
      });
    for (let i = 0; i < 10; i++) expect((await refusal(wrong())).code).toBe("INVALID_CREDENTIALS");
    expect((await refusal(wrong())).code).toBe("RATE_LIMITED");
  });

  it("keeps accounts and sessions across a restart in an owner-only file", async () => {
    const { accounts, dataDir } = setup();
    const { session, account } = await accounts.signUp({
      name: "Ada",
      email: "ada@x.io",
      password: PASSWORD,
      ...client,
    });
    const file = path.join(dataDir, "local-accounts.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).not.toContain(PASSWORD);
    const again = setup({ dataDir }).accounts;
    expect(again.isLive(session.id, account.subject)).toBe(true);
    expect((await again.signIn({ email: "ada@x.io", password: PASSWORD, ...client })).account.role).toBe("owner");
  });

  it("rate limits sign-in per address and failures per account, and sign-ups per address", async () => {
    const { accounts, clock } = setup({ signUpsPerHour: 3 });
    await accounts.signUp({ name: "Ada", email: "ada@x.io", password: PASSWORD, ...client });
    // Ten wrong passwords lock the account for everyone, even with the right password, until the window passes.
    for (let i = 0; i < 10; i++)
      await refusal(
        accounts.signIn({ email: "ada@x.io", password: `wrong ${i} password`, address: `10.1.0.${i}`, userAgent: "" }),
      );
    const locked = await refusal(
      accounts.signIn({ email: "ada@x.io", password: PASSWORD, address: "10.2.0.1", userAgent: "" }),
    );
    expect(locked).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(locked.retryAfterMs).toBeGreaterThan(0);
    clock.now += 15 * 60_000;
    await accounts.signIn({ email: "ada@x.io", password: PASSWORD, address: "10.2.0.1", userAgent: "" });

    // Sixty attempts per address per ten minutes, whatever the account.
    for (let i = 0; i < 60; i++)
      await refusal(accounts.signIn({ email: `u${i}@x.io`, password: PASSWORD, address: "10.3.0.1", userAgent: "" }));
    expect(
      await refusal(accounts.signIn({ email: "ada@x.io", password: PASSWORD, address: "10.3.0.1", userAgent: "" })),
    ).toMatchObject({ code: "RATE_LIMITED" });
    expect(
      (await accounts.signIn({ email: "ada@x.io", password: PASSWORD, address: "10.3.0.2", userAgent: "" })).account
        .email,
    ).toBe("ada@x.io");

    accounts.setOpenSignUp(localSubject("ada@x.io"), true);
    for (let i = 0; i < 3; i++)
      await accounts.signUp({
        name: "U",
        email: `new${i}@x.io`,
        password: PASSWORD,
        address: "10.4.0.1",
        userAgent: "",
      });
    expect(
      await refusal(
        accounts.signUp({ name: "U", email: "new9@x.io", password: PASSWORD, address: "10.4.0.1", userAgent: "" }),
      ),
    ).toMatchObject({ status: 429 });
  });

  it("lets an email-only account from before passwords be claimed only with the code printed on the server", async () => {
    const { accounts, log } = setup({ app: { legacy: ["old@x.io", "older@x.io"] } });
    // Nobody can re-create it, sign in as it, or become owner of a deployment that has such users.
    expect(
      await refusal(accounts.signUp({ name: "Eve", email: "old@x.io", password: PASSWORD, ...client })),
    ).toMatchObject({ status: 409, code: "CLAIM_REQUIRED" });
    expect(await refusal(accounts.signIn({ email: "old@x.io", password: PASSWORD, ...client }))).toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    expect(
      await refusal(accounts.signUp({ name: "Eve", email: "eve@x.io", password: PASSWORD, ...client })),
    ).toMatchObject({ code: "SIGN_UP_CLOSED" });

    await accounts.startClaim({ email: "nobody@x.io", ...client });
    expect(log.filter((l) => l.includes("one-time code"))).toEqual([]); // no code for emails with nothing here
    await accounts.startClaim({ email: "old@x.io", ...client });
    const code = /one-time code for old@x\.io: (\d{3}-\d{3}-\d{3})/.exec(log.join("\n"))?.[1];
    expect(code).toBeDefined();
    expect(
      await refusal(accounts.finishClaim({ email: "old@x.io", code: "000-000-000", password: PASSWORD, ...client })),
    ).toMatchObject({ code: "INVALID_CODE" });
    expect(
      await refusal(accounts.finishClaim({ email: "older@x.io", code: code!, password: PASSWORD, ...client })),
    ).toMatchObject({ code: "INVALID_CODE" });
    const claimed = await accounts.finishClaim({ email: "old@x.io", code: code!, password: PASSWORD, ...client });
    // Same subject as before, so the app's data stays linked; the first claimed account owns the deployment.
    expect(claimed.account).toMatchObject({
      subject: localSubject("old@x.io"),
      role: "owner",
      name: "Name in the app",
    });
    expect(
      await refusal(accounts.finishClaim({ email: "old@x.io", code: code!, password: PASSWORD, ...client })),
    ).toMatchObject({ code: "INVALID_CODE" }); // used once
    expect((await accounts.signIn({ email: "old@x.io", password: PASSWORD, ...client })).account.name).toBe(
      "Name in the app",
    );
  });

  it("burns a code after five wrong tries, and a reset by code ends the account's other sessions", async () => {
    const { accounts, log, revoked } = setup();
    const ada = await accounts.signUp({ name: "Ada", email: "ada@x.io", password: PASSWORD, ...client });
    await accounts.startClaim({ email: "ada@x.io", ...client });
    const code = /(\d{3}-\d{3}-\d{3})/.exec(log.at(-1)!)![1];
    for (let i = 0; i < 5; i++)
      await refusal(accounts.finishClaim({ email: "ada@x.io", code: `99${i}-000-000`, password: PASSWORD, ...client }));
    expect(
      await refusal(accounts.finishClaim({ email: "ada@x.io", code, password: PASSWORD, ...client })),
    ).toMatchObject({ code: "INVALID_CODE" });

    const fresh = accounts.issueCode("ada@x.io");
    const reset = await accounts.finishClaim({
      email: "ada@x.io",
      code: fresh,
      password: "a brand new password",
      ...client,
    });
    expect(revoked).toContain(ada.session.id);
    expect(accounts.isLive(reset.session.id, ada.account.subject)).toBe(true);
    await refusal(accounts.signIn({ email: "ada@x.io", password: PASSWORD, ...client }));
  });
});

describe("RateLimiter", () => {
  it("allows max attempts per window and says how long to wait", () => {
    let now = 0;
    const r = new RateLimiter(() => now);
    const limit = { max: 2, windowMs: 1000 };
    expect(r.take("k", limit)).toEqual({ ok: true });
    expect(r.take("k", limit)).toEqual({ ok: true });
    now = 400;
    expect(r.take("k", limit)).toEqual({ ok: false, retryAfterMs: 600 });
    expect(r.take("other", limit)).toEqual({ ok: true });
    now = 1000;
    expect(r.take("k", limit)).toEqual({ ok: true });
    r.reset("k");
    expect(r.blocked("k", limit)).toBeNull();
  });
});

describe("the accounts file", () => {
  it("is validated on start: a damaged file names itself and the bad place; older files get the new keys", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sa-accounts-"));
    dirs.push(dataDir);
    const file = path.join(dataDir, "local-accounts.json");
    const open = () =>
      new LocalAccounts({
        dataDir,
        log: () => {},
        context: async () => ({ localUsers: false, subjectHasData: false, inviteOpen: false }),
      });
    fs.writeFileSync(file, JSON.stringify({ version: 1, accounts: [{ email: "a@b.c" }], sessions: [] }));
    expect(open).toThrow(`Stored local accounts in ${file} is not valid: accounts.0.name: `);
    fs.writeFileSync(file, "{");
    expect(open).toThrow(/not valid: not JSON/);
    const account = { email: "a@b.c", name: "A", subject: "s", role: "owner", createdAt: 1 };
    fs.writeFileSync(file, JSON.stringify({ version: 1, accounts: [account], sessions: [] }));
    expect(open).not.toThrow();
  });
});
