import { defineRateLimits } from "convex-helpers/server/rateLimit";

/** Requests per minute one API token may make (API_RATE_PER_MINUTE overrides; the bench needs ≥ 10,000). */
export function apiRatePerMinute(): number {
  const n = Number(process.env.API_RATE_PER_MINUTE);
  return Number.isFinite(n) && n > 0 ? n : 20_000;
}

/**
 * Token-bucket limits keyed by API token id. The config is built per call so the environment can change it;
 * bursts up to a tenth of a minute's allowance are allowed.
 */
export function apiLimits() {
  const rate = apiRatePerMinute();
  return defineRateLimits({
    apiRequest: { kind: "token bucket", rate, period: 60_000, capacity: Math.max(1, Math.ceil(rate / 10)) },
  });
}
