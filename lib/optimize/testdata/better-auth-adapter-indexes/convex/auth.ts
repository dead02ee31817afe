import { createClient } from "@convex-dev/better-auth";
import { components } from "./_generated/api";

export const authComponent = createClient(components.betterAuth);
