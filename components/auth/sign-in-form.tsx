"use client";
import { SignIn } from "@clerk/nextjs";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useLocalAuthOptional, type SignUpStatus } from "./local-auth";

type Mode = "sign-in" | "sign-up" | "claim";

const MIN_PASSWORD = 10;

/**
 * Local sign-in with an email and password (or Clerk's sign-in when Clerk is configured). Creating an account is
 * offered to the first person on a fresh deployment (who becomes its owner), to people with an invitation link, and
 * to everyone while the owner has open sign-up on. "Set a password with a code" covers accounts from before
 * passwords and forgotten passwords: the code appears only in the terminal running the server.
 */
export function SignInForm({ clerkEnabled }: { clerkEnabled: boolean }) {
  const local = useLocalAuthOptional();
  const router = useRouter();
  const params = useSearchParams();
  const invite = params.get("invite") ?? undefined;
  const next = safeNext(params.get("next"));
  const [status, setStatus] = useState<SignUpStatus | null>(null);
  const [mode, setMode] = useState<Mode>(invite ? "sign-up" : "sign-in");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [codeAsked, setCodeAsked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!local) return;
    local.status().then(
      (s) => {
        setStatus(s);
        if (!s.hasOwner) setMode((m) => (m === "sign-in" ? "sign-up" : m));
      },
      () => undefined,
    );
  }, [local]);

  if (clerkEnabled || !local) {
    return (
      <div className="grid min-h-[70vh] place-items-center">
        <SignIn routing="hash" />
      </div>
    );
  }

  const firstAccount = status !== null && !status.hasOwner;
  const canSignUp = firstAccount || Boolean(invite) || status?.openSignUp === true;

  async function attempt(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      router.push(next);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!local) return;
    const mail = email.trim().toLowerCase();
    if (mode === "sign-in") return void attempt(() => local.signIn(mail, password));
    if (mode === "sign-up")
      return void attempt(() => local.signUp({ name: name.trim(), email: mail, password, invite }));
    if (!codeAsked) {
      setBusy(true);
      setError(null);
      local
        .requestCode(mail)
        .then(setCodeAsked, (err: unknown) => setError(err instanceof Error ? err.message : String(err)))
        .finally(() => setBusy(false));
      return;
    }
    void attempt(() => local.claim({ email: mail, code: code.trim(), password }));
  }

  const switchTo = (m: Mode) => {
    setMode(m);
    setError(null);
    setCodeAsked(null);
    setPassword("");
    setCode("");
  };

  const title =
    mode === "sign-in"
      ? "Sign in"
      : mode === "sign-up"
        ? firstAccount
          ? "Create the owner account"
          : "Create your account"
        : "Set a password with a code";
  const submitLabel =
    mode === "sign-in"
      ? "Sign in"
      : mode === "sign-up"
        ? "Create account"
        : codeAsked
          ? "Set password and sign in"
          : "Show a code in the server's terminal";

  return (
    <div className="mx-auto mt-16 max-w-md px-4 md:mt-24">
      <form onSubmit={submit} className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="mt-1 text-sm text-slate-600">{intro(mode, firstAccount, Boolean(invite))}</p>

        {mode === "sign-up" && (
          <Field id="name" label="Name">
            <input
              id="name"
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="name"
              className={inputClass}
            />
          </Field>
        )}
        <Field id="email" label="Email">
          <input
            id="email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="username"
            // biome-ignore lint/a11y/noAutofocus: the sign-in page has one job; focus starts where the user must type first.
            autoFocus
            readOnly={mode === "claim" && codeAsked !== null}
            className={inputClass}
          />
        </Field>
        {mode === "claim" && codeAsked && (
          <>
            <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{codeAsked}</p>
            <Field id="code" label="One-time code">
              <input
                id="code"
                required
                value={code}
                onChange={(e) => setCode(e.target.value)}
                inputMode="numeric"
                autoComplete="one-time-code"
                placeholder="123-456-789"
                className={inputClass}
              />
            </Field>
          </>
        )}
        {(mode !== "claim" || codeAsked) && (
          <Field id="password" label={mode === "sign-in" ? "Password" : "New password"}>
            <input
              id="password"
              type="password"
              required
              minLength={mode === "sign-in" ? undefined : MIN_PASSWORD}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
              className={inputClass}
            />
            {mode !== "sign-in" && <p className="mt-1 text-xs text-slate-500">At least {MIN_PASSWORD} characters.</p>}
          </Field>
        )}

        {error && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="mt-6 w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {busy ? "Working…" : submitLabel}
        </button>

        <div className="mt-5 space-y-1 text-sm text-slate-600">
          {mode !== "sign-in" && (
            <LinkButton onClick={() => switchTo("sign-in")}>I have an account: sign in</LinkButton>
          )}
          {mode !== "sign-up" && canSignUp && (
            <LinkButton onClick={() => switchTo("sign-up")}>Create an account</LinkButton>
          )}
          {mode !== "claim" && (
            <LinkButton onClick={() => switchTo("claim")}>
              Forgot the password, or signed in here before passwords?
            </LinkButton>
          )}
          {mode === "sign-in" && !canSignUp && status && (
            <p className="text-xs text-slate-500">New here? Ask a project owner for an invitation link.</p>
          )}
        </div>
      </form>
    </div>
  );
}

function intro(mode: Mode, firstAccount: boolean, invited: boolean): string {
  if (mode === "sign-in") return "Sign in with the email and password of your account on this server.";
  if (mode === "claim")
    return "Whoever runs this server sees a one-time code in its terminal; with it you set a new password. Your projects stay as they are.";
  if (firstAccount)
    return "Nobody has signed up on this server yet: the first account becomes its owner, who invites everyone else.";
  return invited
    ? "You were invited to a project: create your account, then accept the invitation."
    : "Open sign-up is on for this server.";
}

/** Only same-site paths are followed after sign-in. */
function safeNext(raw: string | null): string {
  return raw && raw.startsWith("/") && !raw.startsWith("//") ? raw : "/";
}

const inputClass =
  "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="mt-4">
      <label className="block text-sm font-medium" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  );
}

function LinkButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" onClick={onClick} className="block text-left text-brand-700 hover:underline">
      {children}
    </button>
  );
}
