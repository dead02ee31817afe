import { describe, expect, it } from "vitest";
import { intervalMs, nextCronTime, toCronExpression } from "./crons.js";
import { checkDocuments } from "./schema-check.js";
import type { ExportedSchema } from "./loader.js";

const at = (iso: string) => Date.parse(iso);

describe("cron schedules", () => {
  it("turns Convex schedules into cron expressions and intervals", () => {
    expect(toCronExpression({ type: "hourly", minuteUTC: 5 })).toBe("5 * * * *");
    expect(toCronExpression({ type: "daily", hourUTC: 17, minuteUTC: 30 })).toBe("30 17 * * *");
    expect(toCronExpression({ type: "weekly", dayOfWeek: "tuesday", hourUTC: 8 })).toBe("0 8 * * 2");
    expect(toCronExpression({ type: "monthly", day: 1, hourUTC: 0 })).toBe("0 0 1 * *");
    expect(toCronExpression({ type: "interval", minutes: 2 })).toBeNull();
    expect(intervalMs({ type: "interval", hours: 1 })).toBe(3_600_000);
  });

  it("finds the next matching minute in UTC", () => {
    expect(new Date(nextCronTime("*/15 * * * *", at("2026-01-01T10:07:30Z"))).toISOString()).toBe(
      "2026-01-01T10:15:00.000Z",
    );
    expect(new Date(nextCronTime("30 17 * * *", at("2026-01-01T17:30:00Z"))).toISOString()).toBe(
      "2026-01-02T17:30:00.000Z",
    );
    expect(new Date(nextCronTime("0 8 * * 2", at("2026-01-01T00:00:00Z"))).toISOString()).toBe(
      "2026-01-06T08:00:00.000Z",
    );
    expect(new Date(nextCronTime("0 0 1,15 * *", at("2026-01-02T00:00:00Z"))).toISOString()).toBe(
      "2026-01-15T00:00:00.000Z",
    );
    expect(() => nextCronTime("* * *", 0)).toThrow(/5 fields/);
  });
});

describe("schema check", () => {
  const schema: ExportedSchema = {
    schemaValidation: true,
    tables: [
      {
        tableName: "posts",
        indexes: [],
        documentType: {
          type: "object",
          value: {
            title: { fieldType: { type: "string" }, optional: false },
            author: { fieldType: { type: "id", tableName: "users" }, optional: false },
            meta: {
              fieldType: {
                type: "object",
                value: { tags: { fieldType: { type: "array", value: { type: "string" } }, optional: true } },
              },
              optional: true,
            },
            status: {
              fieldType: {
                type: "union",
                value: [
                  { type: "literal", value: "draft" },
                  { type: "literal", value: "live" },
                ],
              },
              optional: false,
            },
          },
        },
      },
    ],
  };
  const ok = { _id: "10001posts", _creationTime: 1, title: "t", author: "10002users", status: "draft" };

  it("accepts matching documents and names table, id and field of a mismatch", () => {
    expect(checkDocuments(schema, [ok])).toEqual([]);
    expect(checkDocuments(schema, [{ ...ok, title: 3 }])).toEqual([
      'Document "10001posts" in table "posts": field "title" expected string, got 3.',
    ]);
    expect(checkDocuments(schema, [{ ...ok, author: "10002posts" }])[0]).toContain(
      'field "author" expected an id of table "users"',
    );
    expect(checkDocuments(schema, [{ ...ok, meta: { tags: ["a", 1] } }])[0]).toContain(
      'field "meta.tags[1]" expected string',
    );
    expect(checkDocuments(schema, [{ ...ok, status: "gone" }])[0]).toContain(
      'field "status" matches none of literal | literal',
    );
    const { title: _t, ...missing } = ok;
    expect(checkDocuments(schema, [missing])[0]).toContain('field "title" is missing but required');
    expect(checkDocuments(schema, [{ ...ok, extra: 1 }])[0]).toContain('field "extra" is not in the schema');
    expect(checkDocuments({ ...schema, schemaValidation: false }, [{ ...ok, title: 3 }])).toEqual([]);
  });
});
