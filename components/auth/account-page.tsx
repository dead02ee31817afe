"use client";
import { useState } from "react";
import { ChangePasswordSection } from "./change-password-section";
import { SessionsSection } from "./sessions-section";

/** The signed-in person's account: password, sign-in sessions (and, for the server's owner, who may sign up). */
export function AccountPage() {
  // A changed password ends the other sessions: the list is read again.
  const [changes, setChanges] = useState(0);
  return (
    <div className="mx-auto max-w-3xl space-y-6 p-6">
      <h1 className="text-xl font-semibold">Account</h1>
      <ChangePasswordSection onChanged={() => setChanges((n) => n + 1)} />
      <SessionsSection refreshKey={changes} />
    </div>
  );
}
