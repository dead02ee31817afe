"use client";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { useProject } from "@/components/projects/project-context";
import { inputClass, OneTimeSecret, Section, smallButton, useRunner } from "./section";

/** API tokens for the HTTP API (owners only): created with a role, shown once, revocable. */
export function TokensSection() {
  const project = useProject();
  const tokens = useQuery(api.httpApi.tokens.list, { projectId: project._id });
  const create = useMutation(api.httpApi.tokens.create);
  const revoke = useMutation(api.httpApi.tokens.revoke);
  const [name, setName] = useState("");
  const [role, setRole] = useState<"viewer" | "editor" | "owner">("viewer");
  const [secret, setSecret] = useState<string | null>(null);
  const { run, busy, errorBox } = useRunner();
  return (
    <Section
      title="API tokens"
      description="For /api/schema/chat, /migrate and /analyze (see /api/schema/openapi.json). Send the header X-API-Key: <token>."
    >
      <form
        className="flex flex-wrap gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          const made = await run(() => create({ projectId: project._id, name, role }));
          if (made) {
            setSecret(made.secret);
            setName("");
          }
        }}
      >
        <input
          aria-label="Token name"
          placeholder="Token name, e.g. CI"
          className={`${inputClass} flex-1`}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <select
          aria-label="Token role"
          className={inputClass}
          value={role}
          onChange={(e) => setRole(e.target.value as typeof role)}
        >
          <option value="viewer">viewer</option>
          <option value="editor">editor</option>
          <option value="owner">owner</option>
        </select>
        <button type="submit" disabled={busy || !name.trim()} className={smallButton}>
          Create token
        </button>
      </form>
      {secret && <OneTimeSecret label="New API token" value={secret} />}
      {errorBox}
      <ul className="divide-y divide-slate-100 text-sm" aria-label="API tokens">
        {(tokens ?? []).map((t) => (
          <li key={t._id} className="flex items-center justify-between py-1.5">
            <span>
              <span className="font-medium">{t.name}</span> <code className="text-xs text-slate-500">{t.prefix}…</code>{" "}
              · {t.role}
              {t.revokedAt ? " · revoked" : ""}
            </span>
            {!t.revokedAt && (
              <button type="button" className={smallButton} onClick={() => run(() => revoke({ tokenId: t._id }))}>
                Revoke
              </button>
            )}
          </li>
        ))}
        {tokens?.length === 0 && <li className="py-1.5 text-slate-500">No tokens yet.</li>}
      </ul>
    </Section>
  );
}
