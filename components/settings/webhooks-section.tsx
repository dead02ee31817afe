"use client";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { useProject } from "@/components/projects/project-context";
import { inputClass, OneTimeSecret, Section, smallButton, useRunner } from "./section";

const EVENTS = [
  "analysis.completed",
  "migration.started",
  "migration.completed",
  "migration.failed",
  "migration.rolledBack",
];

/** Webhook endpoints and their delivery log (owners only). */
export function WebhooksSection() {
  const project = useProject();
  const hooks = useQuery(api.webhooks.webhooks.list, { projectId: project._id });
  const deliveries = useQuery(api.webhooks.webhooks.deliveries, { projectId: project._id, limit: 20 });
  const create = useMutation(api.webhooks.webhooks.create);
  const remove = useMutation(api.webhooks.webhooks.remove);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(EVENTS);
  const [secret, setSecret] = useState<string | null>(null);
  const { run, busy, errorBox } = useRunner();
  return (
    <Section
      title="Webhooks"
      description="Signed with HMAC-SHA256: header X-Schema-Assistant-Signature t=<seconds>,v1=<hex of t.body>. Failed deliveries retry with backoff."
      wide
    >
      <form
        className="space-y-2"
        onSubmit={async (e) => {
          e.preventDefault();
          const made = await run(() => create({ projectId: project._id, url, events }));
          if (made) {
            setSecret(made.secret);
            setUrl("");
          }
        }}
      >
        <div className="flex gap-2">
          <input
            aria-label="Webhook URL"
            placeholder="https://example.com/hooks/schema"
            className={`${inputClass} flex-1`}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <button type="submit" disabled={busy || !url} className={smallButton}>
            Add webhook
          </button>
        </div>
        <fieldset className="flex flex-wrap gap-3 text-sm">
          <legend className="sr-only">Events</legend>
          {EVENTS.map((ev) => (
            <label key={ev} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={events.includes(ev)}
                onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))}
              />
              {ev}
            </label>
          ))}
        </fieldset>
      </form>
      {secret && <OneTimeSecret label="Webhook signing secret" value={secret} />}
      {errorBox}
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Webhooks">
        {(hooks ?? []).map((h) => (
          <li key={h._id} className="flex items-center justify-between py-1.5">
            <span>
              <code className="text-xs">{h.url}</code> · {h.events.join(", ")}
              {!h.active && (
                <span className="text-red-700"> · off{h.disabledReason ? `: ${h.disabledReason}` : ""}</span>
              )}
            </span>
            <button type="button" className={smallButton} onClick={() => run(() => remove({ webhookId: h._id }))}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <h3 className="text-sm font-medium">Recent deliveries</h3>
      <table className="w-full text-left text-xs" aria-label="Webhook deliveries">
        <thead className="text-slate-500">
          <tr>
            <th>When</th>
            <th>Event</th>
            <th>Status</th>
            <th>Attempts</th>
            <th>Last response</th>
          </tr>
        </thead>
        <tbody>
          {(deliveries ?? []).map((d) => (
            <tr key={d._id} className="border-t border-slate-100">
              <td>{new Date(d.createdAt).toLocaleString()}</td>
              <td>{d.event}</td>
              <td
                className={d.status === "failed" ? "text-red-700" : d.status === "delivered" ? "text-emerald-700" : ""}
              >
                {d.status}
              </td>
              <td>{d.attempts}</td>
              <td>
                {d.lastStatusCode ?? ""} {d.lastError ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deliveries?.length === 0 && <p className="text-xs text-slate-500">No deliveries yet.</p>}
    </Section>
  );
}
