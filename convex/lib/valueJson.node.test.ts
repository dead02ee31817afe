import { expect, it } from "vitest";
import { parseValues, stringifyValues } from "./valueJson";

it("keeps int64 and bytes values through the journal's JSON text", () => {
  const bytes = new Uint8Array([0, 1, 254, 255]).buffer;
  const entry = { before: { count: 9007199254740993n, blob: bytes, nested: [{ n: -5n }], name: "x", gone: null } };
  const back = parseValues<typeof entry>(stringifyValues(entry));
  expect(back.before.count).toBe(9007199254740993n);
  expect(back.before.nested[0].n).toBe(-5n);
  expect([...new Uint8Array(back.before.blob)]).toEqual([0, 1, 254, 255]);
  expect(back.before.name).toBe("x");
  expect(back.before.gone).toBeNull();
});
