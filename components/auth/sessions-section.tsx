"use client";
import { useCallback, useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-link";
import { Section } from "@/components/settings/section";
import { useLocalAuthOptional, type LocalSession, type SignUpStatus } from "./local-auth";

interface Me extends SignUpStatus {
  name?: string;
  email?: string;
  role?: "owner" | "member";
  sessionId: string;
}

/**
 * Your sign-in sessions on this server (local sign-in only): where and when each began, when it expires, and a
 * button to end it; the deployment owner also turns open sign-up on or off here.
 */
export function SessionsSection({
  wide,
  refreshKey = 0,
}: {
  wide?: boolean /** changes: read the list again */;
  refreshKey?: number;
}) {
  const local = useLocalAuthOptional();
  const [sessions, setSessions] = useState<LocalSession[] | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!local?.token) return;
    try {
      const [list, who] = await Promise.all([
        local.call<{ sessions: LocalSession[] }>("/sessions"),
        local.call<Me>("/me"),
      ]);
      setSessions(list.sessions);
      setMe(who);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [local]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the signal to read the list again.
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  if (!local) return null; // Clerk manages sessions in its own account page
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Section
      title="Your sign-in sessions"
      description="Each browser you signed in with. End any you do not recognise; sessions also end on their own when they expire."
      wide={wide}
    >
      {sessions === null ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {sessions.map((s) => (
            <li key={s.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
              <div className="min-w-0">
                <div className="truncate font-medium text-slate-800" title={s.userAgent}>
                  {describeAgent(s.userAgent)}{" "}
                  {s.current && (
                    <Badge className="ml-1" tone="emerald">
                      this browser
                    </Badge>
                  )}
                </div>
                <div className="text-xs text-slate-500">
                  from {s.address} · signed in {new Date(s.createdAt).toLocaleString()} · expires{" "}
                  {new Date(s.expiresAt).toLocaleString()}
                </div>
              </div>
              {!s.current && (
                <button
                  type="button"
                  className={buttonClass("secondary")}
                  onClick={() => act(() => local.call("/sessions/revoke", { id: s.id }))}
                >
                  Sign out
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {sessions && sessions.length > 1 && (
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() => act(() => local.call("/sessions/revoke", { others: true }))}
        >
          Sign out everywhere else
        </button>
      )}
      {me?.role === "owner" && (
        <label className="flex items-start gap-2 border-t border-slate-100 pt-3 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={me.openSignUp}
            disabled={me.openSignUpForced}
            onChange={(e) => act(() => local.call("/settings", { openSignUp: e.target.checked }))}
          />
          <span>
            <span className="font-medium">Open sign-up</span> — anyone who can reach this server may create an account
            (each gets only their own projects). Off: newcomers need an invitation link. You own this server
            {me.openSignUpForced ? "; LOCAL_AUTH_OPEN_SIGN_UP=1 keeps it on" : ""}.
          </span>
        </label>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </Section>
  );
}

/** "Chrome on Linux" from a user-agent string, good enough to tell browsers apart. */
function describeAgent(ua: string): string {
  if (!ua) return "Unknown browser";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : /node|undici/i.test(ua)
            ? "Script"
            : "Browser";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Mac OS X|Macintosh/.test(ua)
      ? "macOS"
      : /Android/.test(ua)
        ? "Android"
        : /iPhone|iPad/.test(ua)
          ? "iOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser} on ${os}` : browser;
}
