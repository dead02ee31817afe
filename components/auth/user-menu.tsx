"use client";
import { UserButton } from "@clerk/nextjs";
import { useConvexAuth } from "convex/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocalAuthOptional } from "./local-auth";

/** The signed-in user and a sign-out button. */
export function UserMenu({ clerkEnabled }: { clerkEnabled: boolean }) {
  const { isAuthenticated } = useConvexAuth();
  const local = useLocalAuthOptional();
  const router = useRouter();
  if (clerkEnabled) return isAuthenticated ? <UserButton /> : null;
  if (!local?.user) return null;
  return (
    <div className="flex items-center gap-2 lg:flex-col lg:items-stretch">
      <div className="hidden truncate px-2 text-xs text-slate-500 lg:block" title={local.user.email}>
        Signed in as <span className="font-medium text-slate-700">{local.user.name}</span>
      </div>
      <Link href="/account" className="rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100">
        Account
      </Link>
      <button
        type="button"
        onClick={async () => {
          await local.signOut();
          router.push("/sign-in");
        }}
        className="rounded-md px-3 py-2 text-left text-sm text-slate-600 hover:bg-slate-100"
      >
        Sign out
      </button>
    </div>
  );
}
