"use client";
import { useMutation } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { ErrorBox } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { CodeCard } from "./code-card";
import { ProposalCard } from "./proposal-card";
import { storedReply } from "@/lib/stored/reply";
import { errorText } from "@/components/ui/error-text";

type Messages = FunctionReturnType<typeof api.assistant.conversations.messages>;

const EXAMPLES = [
  "A multi-tenant CRM with companies, contacts, deals in stages and activity logs",
  "Add soft delete to tasks",
  "Make comments belong to an author",
  "Make it faster",
  "Is my schema OK?",
];

/** Messages of one conversation (live for every viewer) and the composer. */
export function ConversationView({
  conversationId,
  messages,
  canWrite,
  onStart,
}: {
  conversationId: Id<"conversations"> | null;
  messages: Messages | undefined;
  canWrite: boolean;
  onStart(): Promise<void>;
}) {
  const send = useMutation(api.assistant.conversations.send);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const bottom = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dependencies are the trigger — scroll down when a message arrives or the last one streams more text.
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "end" });
  }, [messages?.length, messages?.at(-1)?.text]);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!conversationId || !text.trim()) return;
    setError(null);
    try {
      await send({ conversationId, text });
      setText("");
    } catch (err) {
      setError(errorText(err));
    }
  }
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void submit();
    }
  };

  if (!conversationId) {
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
        <p className="text-sm text-slate-600">
          Describe your app or the change you need; every answer is a set of validated schema changes you approve.
        </p>
        {canWrite && (
          <button
            type="button"
            onClick={() => void onStart()}
            className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Start a conversation
          </button>
        )}
      </div>
    );
  }
  return (
    <>
      <ol className="flex-1 space-y-4 overflow-y-auto p-4" aria-label="Messages" aria-live="polite">
        {messages === undefined && <Spinner label="Loading messages…" />}
        {messages?.length === 0 && (
          <li className="space-y-2 text-sm text-slate-600">
            <p>Try one of these:</p>
            {EXAMPLES.map((x) => (
              <button
                key={x}
                type="button"
                onClick={() => setText(x)}
                className="block w-full rounded-md border border-slate-200 px-3 py-2 text-left text-xs hover:border-brand-500"
              >
                {x}
              </button>
            ))}
          </li>
        )}
        {messages?.map((m) => (
          <li key={m._id} className={m.role === "user" ? "ml-8" : "mr-2"} data-testid={`message-${m.role}`}>
            <div className="mb-1 text-[11px] text-slate-500">{m.authorName}</div>
            <div
              className={`whitespace-pre-wrap rounded-lg px-3 py-2 text-sm ${m.role === "user" ? "bg-brand-600 text-white" : m.status === "error" ? "bg-red-50 text-red-800" : "bg-slate-100 text-slate-900"}`}
            >
              {m.text || (m.status === "pending" || m.status === "streaming" ? <Spinner label="Thinking…" /> : "")}
            </div>
            {m.role === "assistant" && m.proposalJson && (
              <ReplyAttachment proposalJson={m.proposalJson} version={m.version} />
            )}
          </li>
        ))}
        <div ref={bottom} />
      </ol>
      {canWrite ? (
        <form onSubmit={submit} className="border-t border-slate-100 p-3">
          {error && (
            <div className="mb-2">
              <ErrorBox>{error}</ErrorBox>
            </div>
          )}
          <textarea
            aria-label="Message"
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
            placeholder="Describe a schema or a change… (Enter to send, Shift+Enter for a new line)"
            className="w-full resize-none rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none"
          />
          <div className="mt-2 flex justify-end">
            <button
              type="submit"
              disabled={!text.trim()}
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
            >
              Send
            </button>
          </div>
        </form>
      ) : (
        <p className="border-t border-slate-100 p-3 text-xs text-slate-500">
          Viewers can read the conversation; editors can ask for changes.
        </p>
      )}
    </>
  );
}

/** A reply carries either generated code or a schema proposal. */
function ReplyAttachment({
  proposalJson,
  version,
}: {
  proposalJson: string;
  version: Parameters<typeof ProposalCard>[0]["version"];
}) {
  const parsed = storedReply.parse(proposalJson, "messages.proposalJson");
  return parsed.code ? (
    <CodeCard files={parsed.code.files} />
  ) : (
    <ProposalCard proposalJson={proposalJson} version={version} />
  );
}
