import { Agent } from "@convex-dev/agent";
import { RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "./_generated/api";

// Component clients: what they do with ctx stays inside the component's own tables.
export const supportAgent = new Agent(components.agent, { name: "support", instructions: "Help." });
export const limiter = new RateLimiter(components.rateLimiter, { send: { kind: "token bucket", rate: 10, period: 60000 } });
