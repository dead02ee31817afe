"use client";
import { useConvexAuth } from "convex/react";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { SignInGate } from "@/components/auth/sign-in-gate";
import { Nav } from "./nav";

/** Sidebar navigation beside the page; on narrow screens the navigation becomes a top bar. */
export function AppShell({ clerkEnabled, children }: { clerkEnabled: boolean; children: ReactNode }) {
  const { isAuthenticated, isLoading } = useConvexAuth();
  const pathname = usePathname();
  const onSignIn = pathname === "/sign-in";
  return (
    <div className="flex min-h-screen flex-col lg:flex-row">
      <Nav signedIn={isAuthenticated} clerkEnabled={clerkEnabled} />
      <main className="min-w-0 flex-1">
        {onSignIn || isAuthenticated ? children : <SignInGate isLoading={isLoading} clerkEnabled={clerkEnabled} />}
      </main>
    </div>
  );
}
