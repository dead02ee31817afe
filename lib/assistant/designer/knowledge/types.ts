/**
 * Shapes of the designer's domain knowledge. Knowledge is data: adding a domain or an entity never needs code.
 *
 * Field types use a compact notation: "string", "number", "boolean", "money" (integer cents in v.number()),
 * "time" (ms since epoch in v.number()), "email", "url", "text", "enum:a|b|c", "tags" (array of strings), "record" (string → string map),
 * "int" (a count in v.number()); a trailing "?" makes the field optional.
 */

/** A reference the entity usually has, to the first of `to` present in the design. */
export interface RefKnowledge {
  /** Field name; default `<target>Id`. */
  field?: string;
  /** Candidate target entities (singular), first present wins. */
  to: string[];
  optional?: boolean;
  /** Create the first candidate when none is present. */
  ensure?: boolean;
}

export interface EntityKnowledge {
  /** Singular words, e.g. "order item". */
  entity: string;
  /** Other singular names users give it ("client" for "customer" is a different entity; only true synonyms). */
  aliases?: string[];
  fields: Record<string, string>;
  refs?: RefKnowledge[];
  /** Catalog-like entity many others point at: "students take courses" means many-to-many. */
  shared?: boolean;
  /** Field worth a search index. */
  searchField?: string;
  description?: string;
}

/** A many-to-many pair and the join entity that links it. */
export interface JoinKnowledge {
  between: [string, string];
  /** Join entity (singular words). */
  entity: string;
  /** Field names for the two references, when `<entity>Id` would be wrong (self relations). */
  fieldNames?: [string, string];
  fields?: Record<string, string>;
}

export interface DomainKnowledge {
  name: string;
  /** Lowercase words or phrases that identify the domain in a request. */
  keywords: string[];
  /** Entities of a typical app of this kind (singular). */
  entities: string[];
}
