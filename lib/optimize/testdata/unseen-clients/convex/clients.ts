import { RateLimiter } from "@convex-dev/rate-limiter";
import { Twilio } from "@convex-dev/twilio";
import { components } from "./_generated/api";

// A component client made lazily by a factory: what it does with ctx stays in the component's tables.
let twilio: Twilio | null = null;
function makeTwilio() {
  return new Twilio(components.twilio, { defaultFrom: "+1555" });
}
export function getTwilio() {
  if (!twilio) twilio = makeTwilio();
  return twilio;
}

export const limiter = new RateLimiter(components.rateLimiter, {});

// Dependencies handed in through a default object (tests pass their own).
export const defaultDeps = {
  limiter,
  notify: (ctx: any, to: string) => getTwilio().sendMessage(ctx, { to, body: "hi" }),
};

// Labels for an admin page: the index names are written here (as keys), so code could use them by name.
export const INDEX_LABELS = { by_plan: "Plan", by_state: "State", by_embedding: "Similar users" };
