import { describe, expect, it } from "vitest";
import { diffSchemas } from "./diff";
import { bumpFor, bumpVersion } from "./semver";
import { opt, req, schema, table, V } from "../testing/model";

describe("semver", () => {
  const base = schema(table("t", [req("a", V.string())]));
  const bump = (to: ReturnType<typeof schema>) => bumpFor(diffSchemas(base, to));
  it("01 none", () => expect(bump(base)).toBe("none"));
  it("02 additive → minor", () =>
    expect(bump(schema(table("t", [req("a", V.string()), opt("b", V.number())])))).toBe("minor"));
  it("03 destructive → major", () => expect(bump(schema(table("t", [])))).toBe("major"));
  it("04 index only → patch", () =>
    expect(bump(schema(table("t", [req("a", V.string())], { by_a: ["a"] })))).toBe("patch"));
  it("06 one rule: adding a required field is major, like making a field required", () => {
    expect(bump(schema(table("t", [req("a", V.string()), req("b", V.number())])))).toBe("major");
    const optional = schema(table("t", [req("a", V.string()), opt("b", V.number())]));
    expect(bumpFor(diffSchemas(optional, schema(table("t", [req("a", V.string()), req("b", V.number())]))))).toBe(
      "major",
    );
    // A new table with required fields breaks nothing that exists.
    expect(bump(schema(table("t", [req("a", V.string())]), table("u", [req("x", V.number())])))).toBe("minor");
  });
  it("05 bumpVersion", () => {
    expect(bumpVersion("1.2.3", "major")).toBe("2.0.0");
    expect(bumpVersion("1.2.3", "minor")).toBe("1.3.0");
    expect(bumpVersion("v1.2.3-beta.1", "patch")).toBe("v1.2.4");
    expect(bumpVersion("1.2.3", "none")).toBe("1.2.3");
    expect(() => bumpVersion("1.2", "patch")).toThrow(/not semver/);
  });
});
