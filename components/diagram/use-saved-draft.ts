"use client";
import { useQuery } from "convex/react";
import { useEffect, useState } from "react";
import { api } from "@/convex/_generated/api";
import { z } from "zod";
import type { SchemaOperation } from "@/lib/schema/browser";
import { storedShape, structural } from "@/lib/stored";

/** A saved draft: a list of operations, each with its `op` (applying the draft checks the rest). */
const storedDraft = storedShape(
  "designer draft",
  1,
  structural<SchemaOperation[]>(z.array(z.looseObject({ op: z.string() }))),
);

/**
 * The designer's unsaved edits, kept in this browser per user and project so a reload (or a closed tab) does not
 * lose them; emptied when they are proposed or discarded. Until the user is known nothing is read or written.
 */
export function useSavedDraft(projectId: string): [SchemaOperation[], (next: SchemaOperation[]) => void] {
  const user = useQuery(api.team.users.current, {});
  const key = user ? `schema-assistant.draft.${user._id}.${projectId}` : null;
  const [draft, setDraft] = useState<SchemaOperation[]>([]);
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  useEffect(() => {
    if (!key || loadedKey === key) return;
    try {
      const saved = window.localStorage.getItem(key);
      setDraft(saved ? storedDraft.parse(saved, `localStorage ${key}`) : []);
    } catch {
      setDraft([]); // unreadable: start empty rather than fail the page
    }
    setLoadedKey(key);
  }, [key, loadedKey]);
  const save = (next: SchemaOperation[]) => {
    setDraft(next);
    if (!key) return;
    if (next.length) window.localStorage.setItem(key, JSON.stringify(next));
    else window.localStorage.removeItem(key);
  };
  return [draft, save];
}
