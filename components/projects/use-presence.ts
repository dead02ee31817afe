"use client";
import { useMutation, useQuery } from "convex/react";
import { useEffect, useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";

const HEARTBEAT_MS = 10_000;

/** Announces that this page is open and returns who else is viewing the project. */
export function usePresence(projectId: Id<"projects">, view: string) {
  const heartbeat = useMutation(api.projects.presence.heartbeat);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const beat = () => {
      setNow(Date.now());
      void heartbeat({ projectId, view }).catch(() => undefined);
    };
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [projectId, view, heartbeat]);
  // Rounded so the query's arguments (and its subscription) change only once per heartbeat.
  return useQuery(api.projects.presence.list, { projectId, now: Math.floor(now / HEARTBEAT_MS) * HEARTBEAT_MS }) ?? [];
}
