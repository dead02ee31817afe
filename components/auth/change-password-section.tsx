"use client";
import { type FormEvent, useState } from "react";
import { Section } from "@/components/settings/section";
import { buttonClass } from "@/components/ui/button-link";
import { count } from "@/lib/text";
import { useLocalAuthOptional } from "./local-auth";

/** As the server requires (backend/local-accounts.ts MIN_PASSWORD). */
const MIN_PASSWORD = 10;

/**
 * Change your password (local sign-in only): the current one, then the new one twice. The server checks the
 * current password, hashes the new one with argon2id as at sign-up, and ends your other sessions.
 */
export function ChangePasswordSection({ onChanged }: { onChanged?: () => void }) {
  const local = useLocalAuthOptional();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!local?.token) return null; // Clerk manages passwords in its own account page

  const problem =
    password && password.length < MIN_PASSWORD
      ? `At least ${count(MIN_PASSWORD, "character")} (${password.length} so far).`
      : repeat && repeat !== password
        ? "The two new passwords differ."
        : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (problem || !current || !password || repeat !== password) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await local!.call<{ endedSessions: number }>("/password", { current, password });
      setCurrent("");
      setPassword("");
      setRepeat("");
      setDone(
        r.endedSessions
          ? `Password changed. ${count(r.endedSessions, "other session")} signed out.`
          : "Password changed.",
      );
      onChanged?.();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const input = "mt-1 w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";
  return (
    <Section
      title="Password"
      description={`Change the password you sign in with. Your other sessions end; this browser stays signed in.`}
    >
      <form className="grid max-w-sm gap-3" onSubmit={submit} aria-label="Change password">
        <label className="text-sm">
          Current password
          <input
            type="password"
            autoComplete="current-password"
            className={input}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label className="text-sm">
          New password
          <input
            type="password"
            autoComplete="new-password"
            className={input}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            minLength={MIN_PASSWORD}
            required
          />
        </label>
        <label className="text-sm">
          New password again
          <input
            type="password"
            autoComplete="new-password"
            className={input}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            required
          />
        </label>
        {problem && <p className="text-xs text-amber-800">{problem}</p>}
        <div>
          <button
            type="submit"
            className={`${buttonClass("primary")} whitespace-nowrap`}
            disabled={busy || !!problem || !current || !password || repeat !== password}
          >
            {busy ? "Changing…" : "Change password"}
          </button>
        </div>
        {done && (
          <p role="status" className="text-sm text-emerald-700">
            {done}
          </p>
        )}
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
      </form>
    </Section>
  );
}
