"use client";
import { useConvex, useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
import { Section, smallButton, useRunner } from "./section";

/** Export or delete everything stored about the signed-in user. */
export function YourDataSection() {
  const convex = useConvex();
  const deleteMine = useMutation(api.privacy.userData.deleteMine);
  const { run, busy, errorBox } = useRunner();
  return (
    <Section
      title="Your data"
      description="Download your profile, memberships, messages and audit entries as JSON, or delete them."
    >
      <div className="flex gap-2">
        <button
          type="button"
          disabled={busy}
          className={smallButton}
          onClick={() =>
            run(async () => {
              const data = await convex.query(api.privacy.userData.exportMine, {});
              const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
              const a = Object.assign(document.createElement("a"), {
                href: url,
                download: "schema-assistant-my-data.json",
              });
              a.click();
              URL.revokeObjectURL(url);
            })
          }
        >
          Export my data
        </button>
        <button
          type="button"
          disabled={busy}
          className="rounded-md border border-red-300 px-2.5 py-1 text-sm text-red-700 hover:bg-red-50"
          onClick={() =>
            run(async () => {
              if (!window.confirm("Delete your messages, memberships and account? This cannot be undone.")) return;
              await deleteMine({ confirm: "DELETE" });
              window.location.href = "/";
            })
          }
        >
          Delete my data
        </button>
      </div>
      {errorBox}
    </Section>
  );
}
