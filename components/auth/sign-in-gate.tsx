"use client";
import Link from "next/link";
import { Spinner } from "@/components/ui/spinner";

/** Shown instead of a page when nobody is signed in. */
export function SignInGate({ isLoading, clerkEnabled }: { isLoading: boolean; clerkEnabled: boolean }) {
  if (isLoading) {
    return (
      <div className="grid h-full min-h-[60vh] place-items-center">
        <Spinner label="Connecting…" />
      </div>
    );
  }
  return (
    <div className="mx-auto mt-24 max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold">Sign in to Schema Assistant</h1>
      <p className="mt-2 text-sm text-slate-600">
        {clerkEnabled ? "Sign in with your team account." : "Sign in locally: no account anywhere is needed."}
      </p>
      <Link href="/sign-in" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Sign in
      </Link>
    </div>
  );
}
