"use client";
import { useMutation, useQuery } from "convex/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { useProject } from "@/components/projects/project-context";
import { buttonClass } from "@/components/ui/button-link";
import { ErrorBox } from "@/components/ui/empty-state";
import { SessionsSection } from "@/components/auth/sessions-section";
import { AuditSection } from "./audit-section";
import { MembersSection } from "./members-section";
import { RetentionSection } from "./retention-section";
import { TokensSection } from "./tokens-section";
import { WebhooksSection } from "./webhooks-section";
import { YourDataSection } from "./your-data-section";

/** Project name and description, members and invitations, tokens, webhooks, retention, audit log, your data. */
export function ProjectSettings() {
  const project = useProject();
  const me = useQuery(api.team.users.me, {});
  const update = useMutation(api.projects.projects.update);
  const remove = useMutation(api.projects.projects.remove);
  const router = useRouter();
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const canEdit = project.role !== "viewer";

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await update({ projectId: project._id, name, description });
      setSaved(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <div className="grid gap-6 p-6 lg:grid-cols-2">
      <form onSubmit={save} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Project</h2>
        <div>
          <label htmlFor="settings-name" className="block text-sm font-medium">
            Name
          </label>
          <input
            id="settings-name"
            value={name}
            disabled={!canEdit}
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
            }}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
        <div>
          <label htmlFor="settings-description" className="block text-sm font-medium">
            Description
          </label>
          <textarea
            id="settings-description"
            rows={3}
            value={description}
            disabled={!canEdit}
            onChange={(e) => {
              setDescription(e.target.value);
              setSaved(false);
            }}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
        {error && <ErrorBox>{error}</ErrorBox>}
        {canEdit && (
          <div className="flex items-center gap-3">
            <button type="submit" className={buttonClass()}>
              Save
            </button>
            {saved && <span className="text-sm text-emerald-700">Saved</span>}
          </div>
        )}
      </form>
      <MembersSection myUserId={me?._id} />
      <RetentionSection />
      {project.role === "owner" && <TokensSection />}
      <YourDataSection />
      <SessionsSection />
      {project.role === "owner" && <WebhooksSection />}
      {project.role !== "viewer" && <AuditSection />}
      {project.role === "owner" && (
        <section className="rounded-lg border border-red-200 bg-white p-5 lg:col-span-2">
          <h2 className="font-semibold text-red-800">Delete project</h2>
          <p className="mt-1 text-sm text-slate-600">
            Removes the project, its versions, conversations and migration history for everyone.
          </p>
          <button
            type="button"
            className="mt-3 rounded-md border border-red-300 px-3.5 py-2 text-sm text-red-700 hover:bg-red-50"
            onClick={async () => {
              if (!window.confirm(`Delete "${project.name}" for everyone?`)) return;
              await remove({ projectId: project._id });
              router.push("/");
            }}
          >
            Delete project
          </button>
        </section>
      )}
    </div>
  );
}
