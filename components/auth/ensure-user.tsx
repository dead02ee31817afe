"use client";
import { useConvexAuth, useMutation } from "convex/react";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { api } from "@/convex/_generated/api";

const ReadyContext = createContext(false);

/** Creates the caller's user row once per session; pages wait for it before querying project data. */
export function EnsureUser({ children }: { children: ReactNode }) {
  const { isAuthenticated } = useConvexAuth();
  const ensure = useMutation(api.team.users.ensure);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!isAuthenticated) {
      setReady(false);
      return;
    }
    let cancelled = false;
    ensure({}).then(
      () => !cancelled && setReady(true),
      (err) => console.error("Could not set up the account", err),
    );
    return () => {
      cancelled = true;
    };
  }, [isAuthenticated, ensure]);
  return <ReadyContext.Provider value={ready}>{children}</ReadyContext.Provider>;
}

/** true once the signed-in user's row exists. */
export function useUserReady(): boolean {
  return useContext(ReadyContext);
}
