"use client";
import { useMutation, useQuery } from "convex/react";
import { useRouter } from "next/navigation";
import { api } from "@/convex/_generated/api";
import { useUserReady } from "@/components/auth/ensure-user";
import { buttonClass } from "@/components/ui/button-link";
import { Spinner } from "@/components/ui/spinner";
import { useRunner } from "./section";

/** The page behind an invitation link: what it offers, and a button to join. */
export function AcceptInvitation({ secret }: { secret: string }) {
  const ready = useUserReady();
  const invitation = useQuery(api.team.invitations.preview, ready ? { secret } : "skip");
  const accept = useMutation(api.team.invitations.accept);
  const router = useRouter();
  const { run, busy, errorBox } = useRunner();
  if (invitation === undefined)
    return (
      <div className="p-6">
        <Spinner label="Checking the invitation…" />
      </div>
    );
  return (
    <div className="mx-auto mt-16 max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      {invitation === null ? (
        <p>This invitation link is not valid.</p>
      ) : invitation.state !== "open" ? (
        <p>
          This invitation to <strong>{invitation.projectName}</strong> is {invitation.state}. Ask an owner for a new
          link.
        </p>
      ) : (
        <>
          <h1 className="text-lg font-semibold">Join {invitation.projectName}</h1>
          <p className="text-sm text-slate-600">
            You are invited as <strong>{invitation.role}</strong>. The link expires{" "}
            {new Date(invitation.expiresAt).toLocaleString()}.
          </p>
          <button
            type="button"
            disabled={busy}
            className={buttonClass()}
            onClick={async () => {
              const joined = await run(() => accept({ secret }));
              if (joined) router.push(`/projects/${joined.projectId}/chat`);
            }}
          >
            Accept invitation
          </button>
        </>
      )}
      {errorBox}
    </div>
  );
}
