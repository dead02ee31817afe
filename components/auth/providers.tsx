"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithAuth, ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useMemo, type ReactNode } from "react";
import { LocalAuthProvider, useConvexLocalAuth } from "./local-auth";
import { EnsureUser } from "./ensure-user";

/**
 * Convex with Clerk when its publishable key is set, else with local sign-in from the embedded backend.
 * Clerk is never touched without keys: it cannot be reached offline.
 */
export function Providers({
  convexUrl,
  clerkKey,
  children,
}: {
  convexUrl: string;
  clerkKey?: string;
  children: ReactNode;
}) {
  const client = useMemo(() => new ConvexReactClient(convexUrl), [convexUrl]);
  if (clerkKey) {
    return (
      <ClerkProvider publishableKey={clerkKey}>
        <ConvexProviderWithClerk client={client} useAuth={useAuth}>
          <EnsureUser>{children}</EnsureUser>
        </ConvexProviderWithClerk>
      </ClerkProvider>
    );
  }
  return (
    <LocalAuthProvider convexUrl={convexUrl}>
      <ConvexProviderWithAuth client={client} useAuth={useConvexLocalAuth}>
        <EnsureUser>{children}</EnsureUser>
      </ConvexProviderWithAuth>
    </LocalAuthProvider>
  );
}
