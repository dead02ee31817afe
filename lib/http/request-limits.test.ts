import { describe, expect, it } from "vitest";
import { AddressLimiter, anonRateFrom, BodyTooLarge, collectLimited, declaredTooLarge } from "./request-limits";

async function* chunks(...sizes: number[]): AsyncIterable<Uint8Array> {
  for (const n of sizes) yield new Uint8Array(n).fill(1);
}

describe("request limits", () => {
  it("reads a body up to the limit and stops at the first chunk past it", async () => {
    expect((await collectLimited(chunks(3, 4), 7)).byteLength).toBe(7);
    await expect(collectLimited(chunks(3, 4, 1), 7)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(declaredTooLarge("8", 7)).toBe(true);
    expect(declaredTooLarge("7", 7)).toBe(false);
    expect(declaredTooLarge(null, 7)).toBe(false);
  });

  it("reads the per-minute setting: a number ≥ 0, else 120", () => {
    expect([
      anonRateFrom("30"),
      anonRateFrom("0"),
      anonRateFrom(undefined),
      anonRateFrom(""),
      anonRateFrom("-1"),
    ]).toEqual([30, 0, 120, 120, 120]);
  });

  it("allows half a minute's attempts in a burst, then asks to wait until the bucket refills (clock passed in)", () => {
    let now = 0;
    const limiter = new AddressLimiter(
      () => 60,
      () => now,
    );
    for (let i = 0; i < 30; i++) {
      expect(limiter.retryAfter("a")).toBe(0);
      limiter.take("a");
    }
    expect(limiter.retryAfter("a")).toBe(1);
    expect(limiter.retryAfter("b")).toBe(0);
    now += 1000;
    expect(limiter.retryAfter("a")).toBe(0);
    const off = new AddressLimiter(
      () => 0,
      () => now,
    );
    off.take("a");
    expect(off.retryAfter("a")).toBe(0);
  });
});
