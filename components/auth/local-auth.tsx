"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

const STORAGE_KEY = "schema-assistant.local-token";

interface StoredToken {
  token: string;
  expiresAt: number;
  name: string;
  email: string;
}

interface LocalAuth {
  isLoading: boolean;
  user: { name: string; email: string } | null;
  token: string | null;
  signIn(name: string, email: string): Promise<void>;
  signOut(): void;
}

const LocalAuthContext = createContext<LocalAuth | null>(null);

/**
 * Local sign-in: the embedded backend issues a signed JWT for a name and email; it is kept in localStorage and
 * handed to Convex, whose `auth.config.ts` trusts the backend's key.
 */
export function LocalAuthProvider({ convexUrl, children }: { convexUrl: string; children: ReactNode }) {
  const [stored, setStored] = useState<StoredToken | null>(null);
  const [isLoading, setLoading] = useState(true);

  useEffect(() => {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as StoredToken) : null;
    setStored(parsed && parsed.expiresAt > Date.now() + 60_000 ? parsed : null);
    setLoading(false);
  }, []);

  const signIn = useCallback(
    async (name: string, email: string) => {
      const res = await fetch(`${convexUrl}/local-auth/sign-in`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name, email }),
      });
      if (!res.ok) throw new Error((await res.text()) || `Sign-in failed (${res.status}).`);
      const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: number };
      const next = { token, expiresAt, name, email };
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      setStored(next);
    },
    [convexUrl],
  );

  const signOut = useCallback(() => {
    window.localStorage.removeItem(STORAGE_KEY);
    setStored(null);
  }, []);

  const value = useMemo<LocalAuth>(
    () => ({
      isLoading,
      user: stored ? { name: stored.name, email: stored.email } : null,
      token: stored?.token ?? null,
      signIn,
      signOut,
    }),
    [isLoading, stored, signIn, signOut],
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

/** The shape `ConvexProviderWithAuth` expects, backed by the local token. */
export function useConvexLocalAuth() {
  const { isLoading, token } = useLocalAuth();
  const fetchAccessToken = useCallback(async () => token, [token]);
  return useMemo(
    () => ({ isLoading, isAuthenticated: token !== null, fetchAccessToken }),
    [isLoading, token, fetchAccessToken],
  );
}
