"use client";
import { useMutation, useQuery } from "convex/react";
import { useEffect, useMemo, useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { storedModel } from "@/lib/stored/model";
import { ErDiagram } from "@/components/diagram/er-diagram";
import { useProject } from "@/components/projects/project-context";
import { useSchemaModel } from "@/components/projects/use-schema-model";
import { ConversationView } from "./conversation-view";

/**
 * The chat panel beside the ER diagram. The newest pending proposal of the open conversation is highlighted on
 * the diagram until it is approved or rejected; once a newer version overtakes it, the diagram shows the current schema.
 */
export function ChatPage() {
  const project = useProject();
  const model = useSchemaModel();
  const conversations = useQuery(api.assistant.conversations.list, { projectId: project._id });
  const create = useMutation(api.assistant.conversations.create);
  const [selected, setSelected] = useState<Id<"conversations"> | null>(null);
  const active = selected ?? conversations?.[0]?._id ?? null;
  const messages = useQuery(api.assistant.conversations.messages, active ? { conversationId: active } : "skip");
  const canWrite = project.role !== "viewer";

  useEffect(() => {
    if (selected && conversations && !conversations.some((c) => c._id === selected)) setSelected(null);
  }, [conversations, selected]);

  // The newest pending proposal, drawn over the current schema; one overtaken by a newer version is not drawn (its
  // changes were made on an older schema): the diagram shows the current schema and says so.
  const { pendingModel, overtaken } = useMemo(() => {
    const pending = [...(messages ?? [])].reverse().find((m) => m.version?.status === "pending")?.version;
    if (!pending) return { pendingModel: null, overtaken: null };
    if (pending.outdated) return { pendingModel: null, overtaken: pending };
    return { pendingModel: storedModel.parse(pending.modelJson, `schemaVersions ${pending._id}`), overtaken: null };
  }, [messages]);

  async function newConversation() {
    setSelected(await create({ projectId: project._id }));
  }

  return (
    <div className="flex h-[calc(100vh-7.5rem)] min-h-[520px] flex-col lg:flex-row">
      <section
        className="flex w-full flex-col border-r border-slate-200 bg-white lg:w-[28rem] xl:w-[32rem]"
        aria-label="Chat"
      >
        <div className="flex items-center gap-2 border-b border-slate-100 p-3">
          <select
            aria-label="Conversation"
            value={active ?? ""}
            onChange={(e) => setSelected(e.target.value as Id<"conversations">)}
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            disabled={!conversations?.length}
          >
            {!conversations?.length && <option value="">No conversations yet</option>}
            {conversations?.map((c) => (
              <option key={c._id} value={c._id}>
                {c.title}
              </option>
            ))}
          </select>
          {canWrite && (
            <button
              type="button"
              onClick={newConversation}
              className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm hover:bg-slate-50"
            >
              New
            </button>
          )}
        </div>
        <ConversationView conversationId={active} messages={messages} canWrite={canWrite} onStart={newConversation} />
      </section>
      <div className="relative min-h-[360px] flex-1">
        {model && (
          <ErDiagram
            // Switching between the proposal and the current schema starts a fresh, fitted view.
            key={pendingModel ? "proposal" : "current"}
            projectId={project._id}
            projectName={project.name}
            model={pendingModel ?? model}
            baseModel={pendingModel ? model : undefined}
            editable={false}
            notice={
              (pendingModel || overtaken) && (
                <p
                  className="pointer-events-auto max-w-xl rounded-md bg-white/90 px-2.5 py-1 text-xs text-slate-600 shadow-sm ring-1 ring-slate-200"
                  data-testid="chat-diagram-note"
                >
                  {overtaken
                    ? `The proposal in this conversation was made on v${overtaken.parentSemver} and is overtaken: showing the current schema, v${project.version?.semver}.`
                    : "Showing the pending proposal: added, changed and removed parts are highlighted."}
                </p>
              )
            }
          />
        )}
      </div>
    </div>
  );
}
