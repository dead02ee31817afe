"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { z } from "zod";
import { storedShape } from "@/lib/stored";

const STORAGE_KEY = "schema-assistant.local-token";

interface StoredToken {
  token: string;
  expiresAt: number;
  name: string;
  email: string;
  sessionId?: string;
}

/** The token this browser keeps (`localStorage`), checked when read back. */
const storedToken = storedShape<StoredToken>(
  "sign-in token",
  1,
  z.looseObject({
    token: z.string(),
    expiresAt: z.number(),
    name: z.string(),
    email: z.string(),
    sessionId: z.string().optional(),
  }),
);

/** The kept token, or null when there is none or it is unreadable (then it is dropped: the user signs in again). */
function readStoredToken(): StoredToken | null {
  const raw = window.localStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    return storedToken.parse(raw, `localStorage ${STORAGE_KEY}`);
  } catch {
    window.localStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

/** What the embedded backend answers after sign-in, sign-up or a claimed code. */
interface Issued {
  token: string;
  expiresAt: number;
  sessionId: string;
  user: { name: string; email: string; role: "owner" | "member" };
}

export interface SignUpStatus {
  hasOwner: boolean;
  openSignUp: boolean;
  openSignUpForced: boolean;
}

export interface LocalSession {
  id: string;
  createdAt: number;
  expiresAt: number;
  userAgent: string;
  address: string;
  current: boolean;
}

interface LocalAuth {
  isLoading: boolean;
  user: { name: string; email: string } | null;
  token: string | null;
  signIn(email: string, password: string): Promise<void>;
  signUp(input: { name: string; email: string; password: string; invite?: string }): Promise<void>;
  /** Asks the server to print a one-time code for the email in its terminal. */
  requestCode(email: string): Promise<string>;
  /** Sets a password with that code (accounts from before passwords, or a forgotten password). */
  claim(input: { email: string; code: string; password: string; name?: string }): Promise<void>;
  signOut(): Promise<void>;
  /** Calls a local sign-in route as the signed-in user. */
  call<T>(path: string, body?: unknown): Promise<T>;
  /** Who may sign up on this backend (no sign-in needed). */
  status(): Promise<SignUpStatus>;
}

const LocalAuthContext = createContext<LocalAuth | null>(null);

/** A refusal from a local sign-in route, with its code (e.g. INVALID_CREDENTIALS, SIGN_UP_CLOSED). */
export class LocalAuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(convexUrl: string, path: string, body: unknown, token?: string | null): Promise<T> {
  const res = await fetch(`${convexUrl}/local-auth${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok)
    throw new LocalAuthError(json.code ?? String(res.status), json.message ?? `Sign-in failed (${res.status}).`);
  return json as T;
}

/**
 * Local sign-in against the embedded backend: an email and password (argon2id on the server) open a session;
 * its signed JWT is kept in localStorage and handed to Convex, whose `auth.config.ts` trusts the backend's key.
 * The server checks the session on every use, so a revoked session stops working at once.
 */
export function LocalAuthProvider({ convexUrl, children }: { convexUrl: string; children: ReactNode }) {
  const [stored, setStored] = useState<StoredToken | null>(null);
  const [isLoading, setLoading] = useState(true);

  useEffect(() => {
    const parsed = readStoredToken();
    // Tokens from before sessions (no sessionId) are refused by the server: drop them.
    setStored(parsed?.sessionId && parsed.expiresAt > Date.now() + 60_000 ? parsed : null);
    setLoading(false);
  }, []);

  const keep = useCallback((issued: Issued) => {
    const next: StoredToken = {
      token: issued.token,
      expiresAt: issued.expiresAt,
      name: issued.user.name,
      email: issued.user.email,
      sessionId: issued.sessionId,
    };
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setStored(next);
  }, []);

  const forget = useCallback(() => {
    window.localStorage.removeItem(STORAGE_KEY);
    setStored(null);
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => keep(await request<Issued>(convexUrl, "/sign-in", { email, password })),
    [convexUrl, keep],
  );
  const signUp = useCallback(
    async (input: { name: string; email: string; password: string; invite?: string }) =>
      keep(await request<Issued>(convexUrl, "/sign-up", input)),
    [convexUrl, keep],
  );
  const requestCode = useCallback(
    async (email: string) => (await request<{ message: string }>(convexUrl, "/claim/start", { email })).message,
    [convexUrl],
  );
  const claim = useCallback(
    async (input: { email: string; code: string; password: string; name?: string }) =>
      keep(await request<Issued>(convexUrl, "/claim/finish", input)),
    [convexUrl, keep],
  );
  const call = useCallback(
    async <T,>(path: string, body?: unknown): Promise<T> => {
      try {
        return await request<T>(convexUrl, path, body, stored?.token);
      } catch (e) {
        if (e instanceof LocalAuthError && e.code === "UNAUTHENTICATED") forget();
        throw e;
      }
    },
    [convexUrl, stored, forget],
  );
  const status = useCallback(() => request<SignUpStatus>(convexUrl, "/status", undefined), [convexUrl]);
  const signOut = useCallback(async () => {
    const token = stored?.token;
    forget();
    if (token) await request(convexUrl, "/sign-out", {}, token).catch(() => undefined);
  }, [convexUrl, stored, forget]);

  const value = useMemo<LocalAuth>(
    () => ({
      isLoading,
      user: stored ? { name: stored.name, email: stored.email } : null,
      token: stored?.token ?? null,
      signIn,
      signUp,
      requestCode,
      claim,
      signOut,
      call,
      status,
    }),
    [isLoading, stored, signIn, signUp, requestCode, claim, signOut, call, status],
  );
  return <LocalAuthContext.Provider value={value}>{children}</LocalAuthContext.Provider>;
}

export function useLocalAuth(): LocalAuth {
  const ctx = useContext(LocalAuthContext);
  if (!ctx) throw new Error("useLocalAuth must be used inside LocalAuthProvider");
  return ctx;
}

/** The local auth state, or null when Clerk is used instead. */
export function useLocalAuthOptional(): LocalAuth | null {
  return useContext(LocalAuthContext);
}

/**
 * The shape `ConvexProviderWithAuth` expects, backed by the local token. When Convex refuses the token (the
 * session was revoked or expired), the stored token is dropped so the sign-in page shows.
 */
export function useConvexLocalAuth() {
  const { isLoading, token, call } = useLocalAuth();
  const fetchAccessToken = useCallback(
    async ({ forceRefreshToken }: { forceRefreshToken: boolean }) => {
      if (forceRefreshToken && token) {
        const live = await call("/me").then(
          () => true,
          (e: unknown) => !(e instanceof LocalAuthError && e.code === "UNAUTHENTICATED"),
        );
        if (!live) return null;
      }
      return token;
    },
    [token, call],
  );
  return useMemo(
    () => ({ isLoading, isAuthenticated: token !== null, fetchAccessToken }),
    [isLoading, token, fetchAccessToken],
  );
}
