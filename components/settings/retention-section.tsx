"use client";
import { useMutation } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { useProject } from "@/components/projects/project-context";
import { inputClass, Section, smallButton, useRunner } from "./section";

/** How long conversations are kept (owners set it; everyone sees it). */
export function RetentionSection() {
  const project = useProject();
  const current = project.settings?.retentionDays;
  const [days, setDays] = useState(current ? String(current) : "");
  const [saved, setSaved] = useState(false);
  const setRetention = useMutation(api.privacy.retention.setRetention);
  const { run, busy, errorBox } = useRunner();
  const isOwner = project.role === "owner";
  return (
    <Section
      title="Conversation retention"
      description="Conversations idle for longer are deleted by a daily job. Message text is encrypted at rest when MESSAGE_KEYS is set."
    >
      <form
        className="flex items-center gap-2 text-sm"
        onSubmit={async (e) => {
          e.preventDefault();
          const value = days.trim() === "" ? null : Number(days);
          const ok = await run(() => setRetention({ projectId: project._id, retentionDays: value }));
          if (ok !== undefined || value === null) setSaved(true);
        }}
      >
        <label htmlFor="retention-days">Keep for</label>
        <input
          id="retention-days"
          type="number"
          min={1}
          max={3650}
          placeholder="forever"
          disabled={!isOwner}
          className={`${inputClass} w-24`}
          value={days}
          onChange={(e) => {
            setDays(e.target.value);
            setSaved(false);
          }}
        />
        <span>days</span>
        {isOwner && (
          <button type="submit" disabled={busy} className={smallButton}>
            Save
          </button>
        )}
        {saved && <span className="text-emerald-700">Saved</span>}
      </form>
      {errorBox}
    </Section>
  );
}
