"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { Spinner } from "@/components/ui/spinner";
import { useLocalAuthOptional } from "./local-auth";

/** Shown instead of a page when nobody is signed in. */
export function SignInGate({ isLoading, clerkEnabled }: { isLoading: boolean; clerkEnabled: boolean }) {
  const pathname = usePathname();
  const local = useLocalAuthOptional();
  // On a fresh server nobody can sign in yet: the first visitor is asked to create the owner account.
  const [fresh, setFresh] = useState(false);
  useEffect(() => {
    if (clerkEnabled || !local) return;
    local.status().then(
      (s) => setFresh(!s.hasOwner),
      () => undefined,
    );
  }, [clerkEnabled, local]);
  const invited = !clerkEnabled && /^\/invite\/[^/]+$/.test(pathname ?? "");
  if (isLoading) {
    return (
      <div className="grid h-full min-h-[60vh] place-items-center">
        <Spinner label="Connecting…" />
      </div>
    );
  }
  return (
    <div className="mx-auto mt-24 max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold">
        {invited
          ? "You are invited to a project"
          : fresh
            ? "Welcome to Schema Assistant"
            : "Sign in to Schema Assistant"}
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        {clerkEnabled
          ? "Sign in with your team account."
          : invited
            ? "Create an account on this server (or sign in to yours) to join it."
            : fresh
              ? "Nobody has an account on this server yet: the first one becomes its owner."
              : "Sign in with your account on this server."}
      </p>
      <Link
        href={signInHref(pathname)}
        className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        {invited ? "Create an account or sign in" : fresh ? "Create the owner account" : "Sign in"}
      </Link>
    </div>
  );
}

/** The sign-in page, coming back here afterwards; an invitation link lets a newcomer create an account. */
function signInHref(pathname: string): string {
  if (!pathname || pathname === "/") return "/sign-in";
  const invite = /^\/invite\/([^/]+)$/.exec(pathname)?.[1];
  return `/sign-in?next=${encodeURIComponent(pathname)}${invite ? `&invite=${encodeURIComponent(invite)}` : ""}`;
}
