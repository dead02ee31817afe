/**
 * A third held-out set (issue 17): an events app, written at the end of the work and measured once; no rule was
 * changed for it.
 */
import type { SchemaOperation } from "../../../schema/operations";
import type { Field, SchemaModel, Table, Validator } from "../../../schema/model";
import { emptySchema } from "../../../schema/model";
import type { UnseenCase } from "./unseen-wording";

const s: Validator = { kind: "string" };
const n: Validator = { kind: "number" };
const b: Validator = { kind: "boolean" };
const id = (table: string): Validator => ({ kind: "id", table });
const union = (...values: string[]): Validator => ({
  kind: "union",
  members: values.map((value) => ({ kind: "literal", value })),
});
const f = (name: string, validator: Validator, optional = false): Field => ({ name, validator, optional });
const table = (name: string, fields: Field[], indexes: [string, string[]][] = []): Table => ({
  name,
  fields,
  indexes: indexes.map(([iname, fields]) => ({ name: iname, fields })),
  searchIndexes: [],
  vectorIndexes: [],
});

export function eventsSchema(): SchemaModel {
  return {
    ...emptySchema(),
    tables: [
      table("venues", [f("name", s), f("city", s), f("capacity", n), f("websiteUrl", s, true)]),
      table(
        "events",
        [
          f("title", s),
          f("venueId", id("venues")),
          f("startsAt", n),
          f("endsAt", n, true),
          f("kind", union("talk", "workshop", "meetup")),
          f("published", b),
          f("description", s, true),
        ],
        [["by_venueId", ["venueId"]]],
      ),
      table(
        "tickets",
        [
          f("eventId", id("events")),
          f("attendeeId", id("attendees")),
          f("priceCents", n),
          f("seat", s, true),
          f("state", union("reserved", "paid", "refunded")),
        ],
        [["by_eventId", ["eventId"]]],
      ),
      table(
        "attendees",
        [f("email", s), f("displayName", s), f("company", s, true), f("phone", s, true), f("createdAt", n)],
        [["by_email", ["email"]]],
      ),
      table("speakers", [
        f("attendeeId", id("attendees")),
        f("bio", s),
        f("twitter", s, true),
        f("headshotUrl", s, true),
      ]),
      table(
        "speakerStats",
        [f("speakerId", id("speakers")), f("talksGiven", n), f("rating", n)],
        [["by_speakerId", ["speakerId"]]],
      ),
    ],
  };
}

const opt = (t: string, field: string, optional = true): SchemaOperation[][] => [
  [{ op: "setOptional", table: t, field, optional }],
];
const added = (t: string, name: string, validator: Validator): SchemaOperation[][] =>
  [true, false].map((optional) => [{ op: "addField", table: t, field: { name, validator, optional } }]);
const relation = (t: string, target: string, singular: string): SchemaOperation[][] =>
  [`${singular}Id`, singular].flatMap((name) =>
    [true, false].flatMap((optional): SchemaOperation[][] => {
      const add: SchemaOperation = { op: "addField", table: t, field: { name, validator: id(target), optional } };
      return [[add], [add, { op: "addIndex", table: t, index: { name: `by_${name}`, fields: [name] } }]];
    }),
  );
const index = (t: string, ...fields: string[]): SchemaOperation[][] => [
  [{ op: "addIndex", table: t, index: { name: `by_${fields.join("_")}`, fields } }],
];
const softDelete = (t: string): SchemaOperation[][] =>
  (
    [
      ["deletedAt", n, true],
      ["isDeleted", b, true],
      ["isDeleted", b, false],
    ] as [string, Validator, boolean][]
  ).flatMap(([name, validator, optional]) => {
    const add: SchemaOperation = { op: "addField", table: t, field: { name, validator, optional } };
    return [[add], [add, { op: "addIndex", table: t, index: { name: `by_${name}`, fields: [name] } }]];
  });
const search = (t: string, field: string): SchemaOperation[][] => [
  [{ op: "addSearchIndex", table: t, index: { name: `search_${field}`, searchField: field, filterFields: [] } }],
];

export const EVENTS_CASES: UnseenCase[] = [
  { kind: "setOptional", request: "a venue's capacity isn't always known", accept: opt("venues", "capacity") },
  {
    kind: "setOptional",
    request: "let attendees sign up without a display name",
    accept: opt("attendees", "displayName"),
  },
  { kind: "setRequired", request: "every event needs an end time", accept: opt("events", "endsAt", false) },
  { kind: "setRequired", request: "seat must be filled in on tickets", accept: opt("tickets", "seat", false) },
  {
    kind: "renameField",
    request: "tickets: rename priceCents to amountCents",
    accept: [[{ op: "renameField", table: "tickets", from: "priceCents", to: "amountCents" }]],
  },
  {
    kind: "renameField",
    request: "the attendees' company should be called organization",
    accept: [[{ op: "renameField", table: "attendees", from: "company", to: "organization" }]],
  },
  {
    kind: "renameTable",
    request: "could we call speakers presenters instead?",
    accept: [[{ op: "renameTable", from: "speakers", to: "presenters" }]],
  },
  {
    kind: "renameTable",
    request: "venues → locations",
    accept: [[{ op: "renameTable", from: "venues", to: "locations" }]],
  },
  { kind: "addField", request: "venues should track parking (yes/no)", accept: added("venues", "parking", b) },
  { kind: "addField", request: "events need a livestreamUrl, a url", accept: added("events", "livestreamUrl", s) },
  {
    kind: "addRelation",
    request: "speakers should be tied to an event",
    accept: relation("speakers", "events", "event"),
  },
  { kind: "addRelation", request: "link attendees to venues", accept: relation("attendees", "venues", "venue") },
  { kind: "addIndex", request: "we pull tickets by attendee all the time", accept: index("tickets", "attendeeId") },
  {
    kind: "addIndex",
    request: "filter events by published and startsAt",
    accept: index("events", "published", "startsAt"),
  },
  {
    kind: "softDelete",
    request: "cancelled events shouldn't disappear, keep them soft-deleted",
    accept: softDelete("events"),
  },
  { kind: "softDelete", request: "allow restoring deleted attendees", accept: softDelete("attendees") },
  {
    kind: "enumNew",
    request: "tickets get a tier: standard, vip or press",
    accept: added("tickets", "tier", union("standard", "vip", "press")),
  },
  {
    kind: "enumNew",
    request: "venues have an accessibility level which is full, partial or limited",
    accept: added("venues", "accessibilityLevel", union("full", "partial", "limited")),
  },
  {
    kind: "enumExtend",
    request: "panel should also be an event kind",
    accept: [
      [
        {
          op: "changeFieldType",
          table: "events",
          field: "kind",
          validator: union("talk", "workshop", "meetup", "panel"),
        },
      ],
    ],
  },
  {
    kind: "enumExtend",
    request: "add 'cancelled' to ticket states",
    accept: [
      [
        {
          op: "changeFieldType",
          table: "tickets",
          field: "state",
          validator: union("reserved", "paid", "refunded", "cancelled"),
        },
      ],
    ],
  },
  { kind: "search", request: "search attendees by display name", accept: search("attendees", "displayName") },
  { kind: "search", request: "make event descriptions full-text searchable", accept: search("events", "description") },
  {
    kind: "removeField",
    request: "speakers don't need twitter any more",
    accept: [[{ op: "removeField", table: "speakers", field: "twitter" }]],
  },
  {
    kind: "removeField",
    request: "drop the phone column from attendees",
    accept: [[{ op: "removeField", table: "attendees", field: "phone" }]],
  },
  {
    kind: "split",
    request: "move bio and headshotUrl off speakers into a speakerBios table linked to the speaker",
    accept: [true, false].map((withIndex): SchemaOperation[] => [
      {
        op: "createTable",
        table: "speakerBios",
        fields: [f("speakerId", id("speakers")), f("bio", s), f("headshotUrl", s, true)],
        ...(withIndex ? { indexes: [{ name: "by_speakerId", fields: ["speakerId"] }] } : {}),
      },
      { op: "removeField", table: "speakers", field: "bio" },
      { op: "removeField", table: "speakers", field: "headshotUrl" },
    ]),
  },
  {
    kind: "merge",
    request: "merge speakerStats into speakers",
    accept: [
      [
        { op: "addField", table: "speakers", field: f("talksGiven", n, true) },
        { op: "addField", table: "speakers", field: f("rating", n, true) },
        { op: "dropTable", table: "speakerStats" },
      ],
    ],
  },
  { kind: "alreadyDone", request: "index tickets by event", already: true },
  { kind: "alreadyDone", request: "make the description on events optional", already: true },
  { kind: "alreadyDone", request: "allow paid as a ticket state", already: true },
  { kind: "offTopic", request: "what's the best way to learn guitar" },
  { kind: "offTopic", request: "write a haiku about autumn" },
  { kind: "contradictory", request: "make seat on tickets optional and required", mentions: ["tickets", "seat"] },
  {
    kind: "contradictory",
    request: "remove email from attendees but keep it required",
    mentions: ["attendees", "email"],
  },
  { kind: "ambiguous", request: "rename attendeeId to personId", mentions: ["tickets", "speakers"] },
  {
    kind: "ambiguous",
    request: "add a rating",
    mentions: ["venues", "events", "tickets", "attendees", "speakers", "speakerStats"],
  },
];
