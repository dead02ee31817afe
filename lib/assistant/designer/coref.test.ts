import { describe, expect, it } from "vitest";
import { parentScore } from "./coref";

describe("parentScore (learned from eval/learn, smoothed)", () => {
  it("follows the direction real apps use: the part points at the whole", () => {
    expect(parentScore("messages", "conversations")).toBeGreaterThan(0.5);
    expect(parentScore("conversations", "messages")).toBeLessThan(0.5);
  });

  it("backs off to the head word for a compound name the corpus never saw", () => {
    expect(parentScore("chatMessages", "conversations")).toBeGreaterThan(0.5);
  });

  it("never makes users a parent (owners are added separately)", () => {
    expect(parentScore("messages", "users")).toBe(0);
    expect(parentScore("projects", "projects")).toBe(0);
  });
});
