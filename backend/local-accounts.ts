/**
 * Local accounts of the embedded backend's sign-in: argon2id passwords, sessions that expire and can be revoked,
 * the deployment owner (the first account), sign-up by invitation or owner-enabled open sign-up, per-address and
 * per-account rate limits, and one-time codes printed on the server's terminal so accounts made before passwords
 * existed (email only) can be claimed by whoever sits at the machine. Kept in `<dataDir>/local-accounts.json`
 * (mode 0600), next to the signing key.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hash as argonHash, verify as argonVerify } from "@node-rs/argon2";
import { z } from "zod";
import { storedShape } from "../lib/stored/index.js";
import { count } from "../lib/text/index.js";
import { localSubject } from "./auth.js";
import { RateLimiter, type Limit } from "./rate-limit.js";

export type AccountRole = "owner" | "member";

export interface Account {
  email: string;
  name: string;
  subject: string;
  /** null: made before passwords existed; it must be claimed with a one-time code. */
  passwordHash: string | null;
  role: AccountRole;
  createdAt: number;
}

export interface Session {
  id: string;
  subject: string;
  createdAt: number;
  expiresAt: number;
  userAgent: string;
  address: string;
  revokedAt?: number;
}

interface AccountsFile {
  version: 1;
  accounts: Account[];
  sessions: Session[];
  settings: { openSignUp: boolean };
  /** Hashes of invitation secrets already used to create an account (one account per invitation). */
  usedInvites: string[];
}

/**
 * `<dataDir>/local-accounts.json`, validated when the backend starts (its own `version` is 1): a damaged file stops
 * the start with its path and the first bad places instead of failing later on a half-read account.
 */
const accountsFile = storedShape<AccountsFile>(
  "local accounts",
  1,
  z.object({
    version: z.literal(1),
    accounts: z.array(
      z.object({
        email: z.string(),
        name: z.string(),
        subject: z.string(),
        passwordHash: z.string().nullable().default(null),
        role: z.enum(["owner", "member"]),
        createdAt: z.number(),
      }),
    ),
    sessions: z.array(
      z.object({
        id: z.string(),
        subject: z.string(),
        createdAt: z.number(),
        expiresAt: z.number(),
        userAgent: z.string(),
        address: z.string(),
        revokedAt: z.number().optional(),
      }),
    ),
    // Files written before these existed lack them.
    settings: z.object({ openSignUp: z.boolean() }).default({ openSignUp: false }),
    usedInvites: z.array(z.string()).default([]),
  }),
);

/** What the app knows about a would-be account (from its own tables). */
export interface SignUpContext {
  /** The app has users signed in locally before (so this is not a fresh deployment). */
  localUsers: boolean;
  /** The app holds data of this very subject: an email-only account from before passwords. */
  subjectHasData: boolean;
  /** That account's name in the app, kept when it is claimed. */
  name?: string;
  /** The invitation secret given is open. */
  inviteOpen: boolean;
}

export interface AccountsOptions {
  dataDir: string;
  log: (line: string) => void;
  /** Asks the app about a would-be account; the default knows nothing (no legacy users, no invitations). */
  context?: (subject: string, invite: string | undefined) => Promise<SignUpContext>;
  /** Called when a session ends early (revoked), so live connections drop it. */
  onRevoke?: (sessionId: string) => void;
  sessionHours?: number;
  /** Sign-ups allowed per address per hour. */
  signUpsPerHour?: number;
  /** Open sign-up forced on by the operator (LOCAL_AUTH_OPEN_SIGN_UP=1). */
  openSignUpForced?: boolean;
  now?: () => number;
}

/** A refusal with an HTTP status and a stable code for clients. */
export class AccountError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const MIN_PASSWORD = 10;
const MAX_PASSWORD = 256;
/** OWASP's argon2id baseline: 19 MiB, 2 passes. */
const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const CODE_MINUTES = 15;
const CODE_ATTEMPTS = 5;
const MINUTE = 60_000;

export class LocalAccounts {
  private data: AccountsFile;
  private readonly file: string;
  private readonly limiter: RateLimiter;
  private readonly codes = new Map<string, { hash: Buffer; expiresAt: number; attempts: number }>();
  private dummyHash: Promise<string> | null = null;
  private readonly now: () => number;
  private readonly limits: Record<
    "signInPerAddress" | "failuresPerAccount" | "signUpPerAddress" | "codePerAddress" | "codePerAccount",
    Limit
  >;

  constructor(private readonly options: AccountsOptions) {
    this.now = options.now ?? Date.now;
    this.limiter = new RateLimiter(this.now);
    this.file = path.join(options.dataDir, "local-accounts.json");
    this.data = fs.existsSync(this.file)
      ? accountsFile.parse(fs.readFileSync(this.file, "utf8"), this.file)
      : { version: 1, accounts: [], sessions: [], settings: { openSignUp: false }, usedInvites: [] };
    this.limits = {
      signInPerAddress: { max: 60, windowMs: 10 * MINUTE },
      failuresPerAccount: { max: 10, windowMs: 15 * MINUTE },
      signUpPerAddress: { max: options.signUpsPerHour ?? 10, windowMs: 60 * MINUTE },
      codePerAddress: { max: 5, windowMs: 15 * MINUTE },
      codePerAccount: { max: 3, windowMs: 15 * MINUTE },
    };
  }

  private get sessionMs(): number {
    return (this.options.sessionHours ?? 24) * 60 * MINUTE;
  }

  /** Whether the deployment has an owner, and whether anyone may sign up. */
  status(): { hasOwner: boolean; openSignUp: boolean; openSignUpForced: boolean } {
    return {
      hasOwner: this.data.accounts.some((a) => a.role === "owner"),
      openSignUp: this.openSignUp,
      openSignUpForced: this.options.openSignUpForced === true,
    };
  }

  private get openSignUp(): boolean {
    return this.options.openSignUpForced === true || this.data.settings.openSignUp;
  }

  account(subject: string): Account | undefined {
    return this.data.accounts.find((a) => a.subject === subject);
  }

  /**
   * Creates an account. Allowed for the first account of a fresh deployment (it becomes the owner), with an open
   * invitation, or while open sign-up is on. An email whose data exists from before passwords must be claimed.
   */
  async signUp(input: {
    name: string;
    email: string;
    password: string;
    invite?: string;
    address: string;
    userAgent: string;
  }): Promise<{ account: Account; session: Session }> {
    const email = normaliseEmail(input.email);
    checkPassword(input.password);
    this.limit(
      `signup|${input.address}`,
      this.limits.signUpPerAddress,
      "Too many accounts created from this address; try again later.",
    );
    const subject = localSubject(email);
    if (this.account(subject))
      throw new AccountError(409, "ACCOUNT_EXISTS", "An account with this email exists; sign in instead.");
    const context = await this.context(subject, input.invite);
    if (context.subjectHasData) {
      throw new AccountError(
        409,
        "CLAIM_REQUIRED",
        "This email was used here before passwords were required. Claim it with a one-time code shown in the server's terminal.",
      );
    }
    const first = this.data.accounts.length === 0 && !context.localUsers;
    const inviteHash = input.invite ? sha256(input.invite) : null;
    const byInvite = context.inviteOpen && inviteHash !== null && !this.data.usedInvites.includes(inviteHash);
    const closed = () =>
      new AccountError(
        403,
        "SIGN_UP_CLOSED",
        "Sign-up on this deployment needs an invitation link from a project owner.",
      );
    if (!first && !byInvite && !this.openSignUp) throw closed();
    const passwordHash = await argonHash(input.password, ARGON);
    // Re-check after the await: a concurrent sign-up may have taken the email or the owner seat meanwhile.
    if (this.account(subject))
      throw new AccountError(409, "ACCOUNT_EXISTS", "An account with this email exists; sign in instead.");
    const owner = first && this.data.accounts.length === 0;
    if (first && !owner && !byInvite && !this.openSignUp) throw closed();
    const role: AccountRole = owner ? "owner" : "member";
    const account: Account = {
      email,
      name: cleanName(input.name, email),
      subject,
      passwordHash,
      role,
      createdAt: this.now(),
    };
    this.data.accounts.push(account);
    if (byInvite && inviteHash) this.data.usedInvites.push(inviteHash);
    const session = this.newSession(subject, input);
    this.save();
    this.options.log(`local sign-in: account ${email} created${role === "owner" ? " (owner of this deployment)" : ""}`);
    return { account, session };
  }

  /** Checks an email and password; the same refusal for an unknown email, a wrong password or an unclaimed account. */
  async signIn(input: {
    email: string;
    password: string;
    address: string;
    userAgent: string;
  }): Promise<{ account: Account; session: Session }> {
    const email = normaliseEmail(input.email);
    this.limit(
      `signin|${input.address}`,
      this.limits.signInPerAddress,
      "Too many sign-in attempts from this address; try again later.",
    );
    const accountKey = `fail|${email}`;
    const wait = this.limiter.blocked(accountKey, this.limits.failuresPerAccount);
    if (wait !== null)
      throw new AccountError(429, "RATE_LIMITED", "Too many failed sign-ins for this account; try again later.", wait);
    const account = this.account(localSubject(email));
    const ok = account?.passwordHash
      ? await argonVerify(account.passwordHash, input.password)
      : (await argonVerify(await this.dummy(), input.password), false); // same work for unknown emails
    if (!ok || !account) {
      this.limiter.take(accountKey, this.limits.failuresPerAccount);
      throw new AccountError(401, "INVALID_CREDENTIALS", "Email or password is wrong.");
    }
    this.limiter.reset(accountKey);
    const session = this.newSession(account.subject, input);
    this.save();
    return { account, session };
  }

  /**
   * Prints a one-time code for an account on the server's terminal (never in the response): the way to set a
   * password on an email-only account from before passwords, or to reset a forgotten one, for whoever runs the
   * server. Emails with no data and no account get no code, and the answer is the same either way.
   */
  async startClaim(input: { email: string; address: string }): Promise<void> {
    const email = normaliseEmail(input.email);
    this.limit(
      `code|${input.address}`,
      this.limits.codePerAddress,
      "Too many codes asked from this address; try again later.",
    );
    this.limit(`code|${email}`, this.limits.codePerAccount, "Too many codes asked for this account; try again later.");
    const subject = localSubject(email);
    if (!this.account(subject) && !(await this.context(subject, undefined)).subjectHasData) return;
    this.options.log(
      `local sign-in: one-time code for ${email}: ${this.issueCode(email)} (valid ${CODE_MINUTES} minutes)`,
    );
  }

  /** A one-time code for an email, for the operator's CLI (admin key) or the terminal log. */
  issueCode(email: string): string {
    const code = Array.from({ length: 3 }, () => String(randomInt(0, 1000)).padStart(3, "0")).join("-");
    this.codes.set(normaliseEmail(email), {
      hash: sha256Buffer(code),
      expiresAt: this.now() + CODE_MINUTES * MINUTE,
      attempts: 0,
    });
    return code;
  }

  /** Sets the password with a one-time code, creating the account for an email-only user of before. */
  async finishClaim(input: {
    email: string;
    code: string;
    password: string;
    name?: string;
    address: string;
    userAgent: string;
  }): Promise<{ account: Account; session: Session }> {
    const email = normaliseEmail(input.email);
    checkPassword(input.password);
    this.limit(
      `signin|${input.address}`,
      this.limits.signInPerAddress,
      "Too many sign-in attempts from this address; try again later.",
    );
    const entry = this.codes.get(email);
    const given = sha256Buffer(input.code.trim());
    if (!entry || entry.expiresAt <= this.now() || !timingSafeEqual(entry.hash, given)) {
      if (entry && ++entry.attempts >= CODE_ATTEMPTS) this.codes.delete(email);
      throw new AccountError(401, "INVALID_CODE", "That code is wrong or expired; ask for a new one.");
    }
    this.codes.delete(email);
    const subject = localSubject(email);
    const passwordHash = await argonHash(input.password, ARGON);
    let account = this.account(subject);
    if (account) {
      account.passwordHash = passwordHash;
      // A new password ends every other session of the account.
      for (const s of this.data.sessions) if (s.subject === subject && !s.revokedAt) this.endSession(s);
    } else {
      const role: AccountRole = this.status().hasOwner ? "member" : "owner"; // the first claimed account owns a migrated deployment
      const known = input.name ? undefined : (await this.context(subject, undefined)).name;
      if (this.account(subject))
        throw new AccountError(409, "ACCOUNT_EXISTS", "This account was just claimed; sign in instead.");
      account = {
        email,
        name: cleanName(input.name ?? known ?? "", email),
        subject,
        passwordHash,
        role,
        createdAt: this.now(),
      };
      this.data.accounts.push(account);
    }
    const session = this.newSession(subject, input);
    this.save();
    this.options.log(
      `local sign-in: password set for ${email}${account.role === "owner" ? " (owner of this deployment)" : ""}`,
    );
    return { account, session };
  }

  /**
   * Changes the password of a signed-in account: the current password must match (wrong tries count towards the
   * account's failure limit, as sign-in's do), the new one follows sign-up's rules and is hashed with argon2id the
   * same way, and every other session of the account ends (the one asking stays). Returns how many ended.
   */
  async changePassword(input: {
    subject: string;
    sessionId: string;
    current: string;
    password: string;
    address: string;
  }): Promise<{ endedSessions: number }> {
    const account = this.account(input.subject);
    if (!account?.passwordHash)
      throw new AccountError(400, "NO_PASSWORD", "This account has no password yet; set one with a one-time code.");
    checkPassword(input.password);
    this.limit(
      `signin|${input.address}`,
      this.limits.signInPerAddress,
      "Too many sign-in attempts from this address; try again later.",
    );
    const accountKey = `fail|${account.email}`;
    const wait = this.limiter.blocked(accountKey, this.limits.failuresPerAccount);
    if (wait !== null)
      throw new AccountError(429, "RATE_LIMITED", "Too many wrong passwords for this account; try again later.", wait);
    if (!(await argonVerify(account.passwordHash, String(input.current ?? "")))) {
      this.limiter.take(accountKey, this.limits.failuresPerAccount);
      throw new AccountError(401, "INVALID_CREDENTIALS", "The current password is wrong.");
    }
    this.limiter.reset(accountKey);
    if (input.password === input.current)
      throw new AccountError(400, "SAME_PASSWORD", "The new password is the current one; choose another.");
    account.passwordHash = await argonHash(input.password, ARGON);
    const ended = this.sessions(account.subject).filter((s) => s.id !== input.sessionId);
    for (const s of ended) this.endSession(s);
    this.save();
    this.options.log(
      `local sign-in: password changed for ${account.email}; ${count(ended.length, "other session")} ended`,
    );
    return { endedSessions: ended.length };
  }

  /** Whether a token's session is still live (exists, not revoked, not expired) and belongs to that subject. */
  isLive(sessionId: unknown, subject: string): boolean {
    const s = typeof sessionId === "string" ? this.data.sessions.find((x) => x.id === sessionId) : undefined;
    return s !== undefined && s.subject === subject && !s.revokedAt && s.expiresAt > this.now();
  }

  /** The live sessions of an account, newest first. */
  sessions(subject: string): Session[] {
    const now = this.now();
    return this.data.sessions
      .filter((s) => s.subject === subject && !s.revokedAt && s.expiresAt > now)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Ends one of the caller's sessions; another account's session id is reported as not found. */
  revoke(subject: string, sessionId: string): void {
    const s = this.data.sessions.find((x) => x.id === sessionId && x.subject === subject && !x.revokedAt);
    if (!s) throw new AccountError(404, "NOT_FOUND", "No such session.");
    this.endSession(s);
    this.save();
  }

  /** Ends all of the caller's sessions but `keep`. Returns how many ended. */
  revokeOthers(subject: string, keep: string): number {
    const ended = this.sessions(subject).filter((s) => s.id !== keep);
    for (const s of ended) this.endSession(s);
    this.save();
    return ended.length;
  }

  /** Turns open sign-up on or off (the deployment owner only). */
  setOpenSignUp(subject: string, on: boolean): void {
    if (this.account(subject)?.role !== "owner")
      throw new AccountError(403, "FORBIDDEN", "Only the deployment owner changes sign-up.");
    this.data.settings.openSignUp = on;
    this.save();
    this.options.log(`local sign-in: open sign-up ${on ? "on" : "off"}`);
  }

  private endSession(s: Session): void {
    s.revokedAt = this.now();
    this.options.onRevoke?.(s.id);
  }

  private newSession(subject: string, input: { address: string; userAgent: string }): Session {
    const now = this.now();
    // Forget sessions that ended over a day ago, so the file stays small.
    this.data.sessions = this.data.sessions.filter((s) => (s.revokedAt ?? s.expiresAt) > now - 24 * 60 * MINUTE);
    const session: Session = {
      id: randomBytes(16).toString("hex"),
      subject,
      createdAt: now,
      expiresAt: now + this.sessionMs,
      userAgent: input.userAgent.slice(0, 200),
      address: input.address,
    };
    this.data.sessions.push(session);
    return session;
  }

  private limit(key: string, limit: Limit, message: string): void {
    const r = this.limiter.take(key, limit);
    if (!r.ok) throw new AccountError(429, "RATE_LIMITED", message, r.retryAfterMs);
  }

  private async context(subject: string, invite: string | undefined): Promise<SignUpContext> {
    return this.options.context
      ? await this.options.context(subject, invite)
      : { localUsers: false, subjectHasData: false, inviteOpen: false };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= argonHash(randomBytes(16).toString("hex"), ARGON);
    return this.dummyHash;
  }

  /** Written to a temp file and renamed, owner-readable only. */
  private save(): void {
    fs.mkdirSync(this.options.dataDir, { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}

function normaliseEmail(raw: string): string {
  const email = String(raw ?? "")
    .trim()
    .toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254)
    throw new AccountError(400, "INVALID_EMAIL", "`email` must be an email address.");
  return email;
}

function checkPassword(password: unknown): void {
  if (typeof password !== "string" || password.length < MIN_PASSWORD) {
    throw new AccountError(400, "WEAK_PASSWORD", `A password needs at least ${MIN_PASSWORD} characters.`);
  }
  if (password.length > MAX_PASSWORD)
    throw new AccountError(400, "INVALID_PASSWORD", `A password has at most ${MAX_PASSWORD} characters.`);
}

function cleanName(name: string, email: string): string {
  const n = String(name ?? "")
    .trim()
    .slice(0, 100);
  return n || email.split("@")[0];
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function sha256Buffer(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
