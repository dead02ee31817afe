import { SessionsSection } from "@/components/auth/sessions-section";

/** The signed-in person's account: sign-in sessions (and, for the server's owner, who may sign up). */
export default function AccountPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6 p-6">
      <h1 className="text-xl font-semibold">Account</h1>
      <SessionsSection />
    </div>
  );
}
