"use client";
import { SignIn } from "@clerk/nextjs";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useLocalAuthOptional } from "./local-auth";

/** Local sign-in with a name and email (or Clerk's sign-in when Clerk is configured). */
export function SignInForm({ clerkEnabled }: { clerkEnabled: boolean }) {
  const local = useLocalAuthOptional();
  const router = useRouter();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (clerkEnabled || !local) {
    return (
      <div className="grid min-h-[70vh] place-items-center">
        <SignIn routing="hash" />
      </div>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!local) return;
    setBusy(true);
    setError(null);
    try {
      await local.signIn(name.trim(), email.trim().toLowerCase());
      router.push("/");
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto mt-16 max-w-md px-4 md:mt-24">
      <form onSubmit={submit} className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600">
          Local sign-in: your name and email identify you to teammates on this backend. No password, no account
          anywhere else.
        </p>
        <label className="mt-6 block text-sm font-medium" htmlFor="name">Name</label>
        <input id="name" required value={name} onChange={(e) => setName(e.target.value)} autoFocus
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100" />
        <label className="mt-4 block text-sm font-medium" htmlFor="email">Email</label>
        <input id="email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100" />
        {error && <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
        <button type="submit" disabled={busy}
          className="mt-6 w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </div>
  );
}
