/**
 * Realistic leaf values: a generator is chosen from a field's name and type (email, name, url, price,
 * timestamps in ms, ...). Each generator exists twice with the same meaning: as faker code for the generated
 * seed mutation, and as a function of a faker instance for `generateSampleDocuments` and generated tests.
 */
import type { Faker } from "@faker-js/faker";

export interface LeafGenerator {
  /** faker code; `faker` and `now` (ms) are in scope. */
  code: string;
  run: (faker: Faker, now: number) => string | number | boolean | bigint | ArrayBuffer;
}

/** Generators by name; `satisfies` keeps code and runtime side by side. */
export const GENERATORS = {
  email: { code: "faker.internet.email()", run: (f) => f.internet.email() },
  fullName: { code: "faker.person.fullName()", run: (f) => f.person.fullName() },
  firstName: { code: "faker.person.firstName()", run: (f) => f.person.firstName() },
  lastName: { code: "faker.person.lastName()", run: (f) => f.person.lastName() },
  username: { code: "faker.internet.username()", run: (f) => f.internet.username() },
  url: { code: "faker.internet.url()", run: (f) => f.internet.url() },
  imageUrl: { code: "faker.image.url()", run: (f) => f.image.url() },
  phone: { code: "faker.phone.number()", run: (f) => f.phone.number() },
  street: { code: "faker.location.streetAddress()", run: (f) => f.location.streetAddress() },
  city: { code: "faker.location.city()", run: (f) => f.location.city() },
  country: { code: "faker.location.country()", run: (f) => f.location.country() },
  zip: { code: "faker.location.zipCode()", run: (f) => f.location.zipCode() },
  company: { code: "faker.company.name()", run: (f) => f.company.name() },
  product: { code: "faker.commerce.productName()", run: (f) => f.commerce.productName() },
  color: { code: "faker.color.rgb()", run: (f) => f.color.rgb() },
  slug: { code: "faker.lorem.slug()", run: (f) => f.lorem.slug() },
  uuid: { code: "faker.string.uuid()", run: (f) => f.string.uuid() },
  title: { code: "faker.lorem.sentence({ min: 3, max: 6 })", run: (f) => f.lorem.sentence({ min: 3, max: 6 }) },
  paragraph: { code: "faker.lorem.paragraph()", run: (f) => f.lorem.paragraph() },
  currency: { code: "faker.finance.currencyCode()", run: (f) => f.finance.currencyCode() },
  isoDate: {
    code: "new Date(faker.date.recent({ days: 365, refDate: now })).toISOString()",
    run: (f, now) => f.date.recent({ days: 365, refDate: now }).toISOString(),
  },
  word: { code: "faker.lorem.word()", run: (f) => f.lorem.word() },
  words: { code: "faker.lorem.words({ min: 1, max: 3 })", run: (f) => f.lorem.words({ min: 1, max: 3 }) },
  timestamp: {
    code: "faker.date.recent({ days: 365, refDate: now }).getTime()",
    run: (f, now) => f.date.recent({ days: 365, refDate: now }).getTime(),
  },
  futureTimestamp: {
    code: "faker.date.soon({ days: 90, refDate: now }).getTime()",
    run: (f, now) => f.date.soon({ days: 90, refDate: now }).getTime(),
  },
  price: { code: "Number(faker.commerce.price())", run: (f) => Number(f.commerce.price()) },
  count: { code: "faker.number.int({ min: 0, max: 100 })", run: (f) => f.number.int({ min: 0, max: 100 }) },
  age: { code: "faker.number.int({ min: 18, max: 90 })", run: (f) => f.number.int({ min: 18, max: 90 }) },
  rating: { code: "faker.number.int({ min: 1, max: 5 })", run: (f) => f.number.int({ min: 1, max: 5 }) },
  year: { code: "faker.number.int({ min: 1990, max: 2030 })", run: (f) => f.number.int({ min: 1990, max: 2030 }) },
  latitude: { code: "faker.location.latitude()", run: (f) => f.location.latitude() },
  longitude: { code: "faker.location.longitude()", run: (f) => f.location.longitude() },
  percent: {
    code: "faker.number.float({ min: 0, max: 1, fractionDigits: 2 })",
    run: (f) => f.number.float({ min: 0, max: 1, fractionDigits: 2 }),
  },
  float: {
    code: "faker.number.float({ min: 0, max: 1000, fractionDigits: 2 })",
    run: (f) => f.number.float({ min: 0, max: 1000, fractionDigits: 2 }),
  },
  boolean: { code: "faker.datatype.boolean()", run: (f) => f.datatype.boolean() },
  bigint: {
    code: "BigInt(faker.number.int({ min: 0, max: 1_000_000 }))",
    run: (f) => BigInt(f.number.int({ min: 0, max: 1_000_000 })),
  },
  bytes: {
    code: "new Uint8Array(faker.helpers.multiple(() => faker.number.int(255), { count: 8 })).buffer",
    run: (f) => new Uint8Array(f.helpers.multiple(() => f.number.int(255), { count: 8 })).buffer,
  },
  recordKey: { code: "faker.lorem.word()", run: (f) => f.lorem.word() },
} satisfies Record<string, LeafGenerator>;

export type GeneratorName = keyof typeof GENERATORS;

type Rule = [RegExp, GeneratorName];

// Tested against the field name as written and in lower case; first match wins.
const STRING_RULES: Rule[] = [
  [/e-?mail/i, "email"],
  [/^first_?name$/i, "firstName"],
  [/^(last_?name|surname|family_?name)$/i, "lastName"],
  [/(user_?name|handle|login|nickname)$/i, "username"],
  [/(image|avatar|photo|picture|logo|thumbnail|icon)/i, "imageUrl"],
  [/(url|website|link|href|homepage)$/i, "url"],
  [/(token|secret|uuid|hash|external_?id|clerk_?id|subject|api_?key)/i, "uuid"],
  [/phone|mobile/i, "phone"],
  [/(street|address)/i, "street"],
  [/city/i, "city"],
  [/country/i, "country"],
  [/(zip|postal)/i, "zip"],
  [/(company|organi[sz]ation|employer)/i, "company"],
  [/product/i, "product"],
  [/colou?r/i, "color"],
  [/slug/i, "slug"],
  [/currency/i, "currency"],
  [/(date|_at|At|_on|time)$/, "isoDate"],
  [/name$/i, "fullName"],
  [/(title|headline|subject|label|caption)/i, "title"],
  [/(description|body|content|bio|text|summary|notes?|message|comment|about|details)/i, "paragraph"],
  [/(status|state|kind|type|role|category|tag|code|key)/i, "word"],
];

const NUMBER_RULES: Rule[] = [
  [/(due|expires?|ends?|deadline|scheduled|next)(At|_at|Date|_date|Time)?$/i, "futureTimestamp"],
  [/(At|_at|_on|Time|Date|timestamp|^date|^time)$/, "timestamp"],
  [/(price|amount|cost|total|balance|salary|fee|revenue|budget)/i, "price"],
  [/^age$/i, "age"],
  [/(rating|stars)/i, "rating"],
  [/year/i, "year"],
  [/^(lat|latitude)$/i, "latitude"],
  [/^(lng|lon|long|longitude)$/i, "longitude"],
  [/(percent|ratio|progress|probability|share)/i, "percent"],
  [
    /(count|quantity|qty|stock|number|num|size|length|views|likes|votes|position|order|rank|index|priority|level|version|score|seats|capacity)/i,
    "count",
  ],
];

function pick(rules: Rule[], name: string, fallback: GeneratorName): GeneratorName {
  return rules.find(([re]) => re.test(name))?.[1] ?? fallback;
}

/** What a plain "name" field of a table holds: a person's name only in tables of people. */
function nameOf(table: string): GeneratorName {
  if (
    /(user|person|people|member|customer|author|profile|employee|contact|account|student|patient|client|owner)/i.test(
      table,
    )
  )
    return "fullName";
  if (/(product|item|sku|article|good)/i.test(table)) return "product";
  if (/(compan|organi[sz]ation|org|team|tenant|workspace|vendor|supplier|brand)/i.test(table)) return "company";
  if (/(cit|town|place|location)/i.test(table)) return "city";
  return "words";
}

/**
 * The generator for a leaf validator kind given the nearest field name ("" when none) and, when known, the
 * table: a "name" is a person's name in "users" but a product name in "products".
 */
export function chooseGenerator(
  kind: "string" | "number" | "int64" | "boolean" | "bytes" | "any",
  fieldName: string,
  table?: string,
): GeneratorName {
  switch (kind) {
    case "string":
      if (table !== undefined && /^(name|display_?name)$/i.test(fieldName)) return nameOf(table);
      return pick(STRING_RULES, fieldName, "words");
    case "number":
      return pick(NUMBER_RULES, fieldName, "float");
    case "int64":
      return "bigint";
    case "boolean":
      return "boolean";
    case "bytes":
      return "bytes";
    case "any":
      return "word";
  }
}
