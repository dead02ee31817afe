import { AccountPage } from "@/components/auth/account-page";

/** The signed-in person's account: password, sign-in sessions (and, for the owner, who may sign up). */
export default function Account() {
  return <AccountPage />;
}
