"use client";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { useProject } from "@/components/projects/project-context";
import { inputClass, OneTimeSecret, Section, smallButton, useRunner } from "./section";

type Role = "owner" | "editor" | "viewer";

/** Members with their roles; owners change roles, remove people and invite by link. */
export function MembersSection({ myUserId }: { myUserId?: Id<"users"> }) {
  const project = useProject();
  const isOwner = project.role === "owner";
  const members = useQuery(api.team.members.list, { projectId: project._id });
  const setRole = useMutation(api.team.members.setRole);
  const remove = useMutation(api.team.members.remove);
  const { run, errorBox } = useRunner();
  return (
    <Section
      title="Members"
      description="Owners manage members, tokens and webhooks; editors change the schema; viewers read."
    >
      <ul className="divide-y divide-slate-100" aria-label="Members">
        {(members ?? []).map((m) => (
          <li key={m._id} className="flex items-center justify-between gap-2 py-2 text-sm">
            <span>
              {m.name} <span className="text-slate-500">{m.email}</span>
            </span>
            <span className="flex items-center gap-2">
              {isOwner ? (
                <select
                  aria-label={`Role of ${m.name}`}
                  className={inputClass}
                  value={m.role}
                  onChange={(e) =>
                    run(() => setRole({ projectId: project._id, userId: m.userId, role: e.target.value as Role }))
                  }
                >
                  <option value="owner">owner</option>
                  <option value="editor">editor</option>
                  <option value="viewer">viewer</option>
                </select>
              ) : (
                <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs">{m.role}</span>
              )}
              {(isOwner || m.userId === myUserId) && (
                <button
                  type="button"
                  className={smallButton}
                  onClick={() => run(() => remove({ projectId: project._id, userId: m.userId }))}
                >
                  {m.userId === myUserId ? "Leave" : "Remove"}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {errorBox}
      {isOwner && <Invitations />}
    </Section>
  );
}

function Invitations() {
  const project = useProject();
  const invitations = useQuery(api.team.invitations.list, { projectId: project._id });
  const create = useMutation(api.team.invitations.create);
  const revoke = useMutation(api.team.invitations.revoke);
  const [role, setRole] = useState<Role>("editor");
  const [hours, setHours] = useState(72);
  const [link, setLink] = useState<string | null>(null);
  const { run, busy, errorBox } = useRunner();
  return (
    <div className="border-t border-slate-100 pt-3">
      <h3 className="text-sm font-medium">Invite by link</h3>
      <form
        className="mt-2 flex flex-wrap items-center gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          const made = await run(() => create({ projectId: project._id, role, expiresInHours: hours }));
          if (made) setLink(`${window.location.origin}${made.path}`);
        }}
      >
        <select
          aria-label="Invitation role"
          className={inputClass}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          <option value="viewer">viewer</option>
          <option value="editor">editor</option>
          <option value="owner">owner</option>
        </select>
        <label className="text-sm">
          expires in{" "}
          <input
            aria-label="Expires in hours"
            type="number"
            min={1}
            max={720}
            className={`${inputClass} w-20`}
            value={hours}
            onChange={(e) => setHours(Number(e.target.value))}
          />{" "}
          h
        </label>
        <button type="submit" disabled={busy} className={smallButton}>
          Create link
        </button>
      </form>
      {link && (
        <div className="mt-2">
          <OneTimeSecret label="Invitation link" value={link} />
        </div>
      )}
      {errorBox}
      <ul className="mt-2 text-sm" aria-label="Invitations">
        {(invitations ?? []).map((i) => (
          <li key={i._id} className="flex items-center justify-between py-1">
            <span>
              {i.role} · {i.state} · expires {new Date(i.expiresAt).toLocaleString()}
            </span>
            {i.state === "open" && (
              <button type="button" className={smallButton} onClick={() => run(() => revoke({ invitationId: i._id }))}>
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
