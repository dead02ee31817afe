/**
 * From facts to schema operations: decide the tables of the design, give each its fields and references, and add
 * the indexes those references and obvious filters need.
 */
import type { Field, Index, SchemaModel } from "../../schema/model";
import { findField, findTable, referencedTables, sameValidator } from "../../schema/model";
import { plural } from "../../text";
import type { SchemaOperation } from "../../schema/operations";
import type { Directives } from "./directives";
import type { Facts, RelationFact } from "./extract";
import { attributeField, fieldFromNotation, literalUnion } from "./fields";
import { JOINS, ROLE_NOUNS } from "./knowledge/domains";
import { fallbackFields } from "./fallback";
import { childness, corefKey, parentScore, parentness, usualReference } from "./coref";
import { learnedEntity } from "./learned";
import { planSearch } from "./search-plan";
import { PEOPLE } from "./value-sets";
import { canonical, knowledgeOf } from "./lexicon";
import { camel, idField, indexName, singularPhrase, tableName, words } from "./names";

export interface BuildResult {
  operations: SchemaOperation[];
  assumptions: string[];
  questions: string[];
  /** Sentences for the explanation. */
  notes: string[];
  /** Entities taken from a domain's defaults rather than the request. */
  fromDomain: string[];
}

interface Plan {
  schema: SchemaModel;
  /** entity key → table name */
  tables: Map<string, string>;
  existing: Set<string>;
  /** Join entities (many-to-many links): indexed on both references. */
  joins: Set<string>;
  fields: Map<string, Field[]>;
  assumptions: Set<string>;
  questions: string[];
  /** Fields asked for that the schema already has. */
  already: Set<string>;
  /** Indexes the request asks for by intent ("filter tickets by status"), by entity. */
  wanted: Map<string, string[]>;
  directives: Directives;
  /** Fields holding the auth provider's user id when the design keeps no users table: indexed like references. */
  subjects: Map<string, string[]>;
  notes: string[];
  /** Array-of-ids fields that replace join tables when the request forbids them. */
  arrays: Array<{ entity: string; field: Field }>;
}

const STATUS_FIELDS = ["status", "stage"];
/** Library fields a user-given field of the same meaning replaces. */
const SUPERSEDES: Record<string, string[]> = {
  visibility: ["isPrivate", "isPublic", "private", "public"],
  status: ["done", "isCompleted", "completed", "isActive"],
  listingType: ["type"],
};
const OPTIONAL_ROLES = new Set(["assignee", "reviewer", "approver", "manager", "agent"]);

/** Plans operations for `facts` on top of `schema` (tables that exist are extended, never recreated). */
/** Kinds of people who run the app rather than use it. */
const STAFF = new Set(["admin", "administrator", "moderator", "superadmin", "staff"]);

export function buildDesign(schema: SchemaModel, facts: Facts): BuildResult {
  const plan: Plan = {
    schema,
    tables: new Map(),
    existing: new Set(),
    joins: new Set(),
    fields: new Map(),
    assumptions: new Set(),
    questions: [],
    already: new Set(),
    wanted: new Map(),
    directives: facts.directives,
    subjects: new Map(),
    notes: [],
    arrays: [],
  };
  for (const t of schema.tables) {
    plan.tables.set(singularPhrase(t.name), t.name);
    plan.existing.add(singularPhrase(t.name));
  }
  const fromDomain = chooseEntities(plan, facts);
  const relations = resolveRelations(plan, facts);
  implicitJoins(plan, facts, relations);
  const joins = resolveJoins(plan, facts, relations);
  ensureClosure(plan, facts);
  for (const entity of plan.tables.keys()) plan.fields.set(entity, []);
  for (const entity of plan.tables.keys()) if (!plan.existing.has(entity)) addLibraryFields(plan, entity);
  for (const r of relations) addRef(plan, r.child, r.field ?? refName(plan, r.child, r.parent), r.parent, r.optional);
  for (const j of joins) addJoin(plan, j);
  for (const a of plan.arrays) putField(plan, a.entity, a.field, true);
  // Join tables are defined by the pair they link, not by the library entity of the same name.
  for (const entity of plan.tables.keys())
    if (!plan.existing.has(entity) && !plan.joins.has(entity)) addLibraryRefs(plan, entity, relations);
  for (const entity of plan.tables.keys())
    if (!plan.existing.has(entity) && !plan.joins.has(entity)) addLearnedRefs(plan, entity, relations);
  for (const role of facts.roles) {
    const target = role.target && plan.tables.has(role.target) ? role.target : roleTarget(plan, role.role);
    addRef(plan, role.entity, `${role.role}Id`, target, OPTIONAL_ROLES.has(role.role));
  }
  const retypes: SchemaOperation[] = [];
  for (const a of facts.attributes) {
    if (!plan.tables.has(a.entity)) continue;
    const typed = a.storage
      ? {
          field: {
            name: camel(a.phrase),
            validator: { kind: "array", element: { kind: "id", table: "_storage" } },
            optional: false,
            description: "Files in Convex storage.",
          } as Field,
          assumptions: [] as string[],
        }
      : attributeField(a.entity, a.phrase, { values: a.values, optional: a.optional, unit: a.unit });
    // "a status of draft, sent or paid" on an existing field: the user's values replace the current type.
    const current = plan.existing.has(a.entity) ? findTable(plan.schema, plan.tables.get(a.entity) ?? "") : undefined;
    const had =
      current &&
      (findField(current, typed.field.name) ??
        current.fields.find((f) => looseName(f.name) === looseName(typed.field.name)));
    if (current && had && a.values && a.values.length >= 2) {
      if (!sameValidator(had.validator, typed.field.validator))
        retypes.push({ op: "changeFieldType", table: current.name, field: had.name, validator: typed.field.validator });
      continue;
    }
    typed.assumptions.forEach((x) => plan.assumptions.add(x));
    putField(plan, a.entity, typed.field, true);
    // The user's "public or private" replaces the library's isPrivate flag: one field per meaning.
    const replaced = SUPERSEDES[typed.field.name];
    if (replaced && !plan.existing.has(a.entity))
      plan.fields.set(
        a.entity,
        (plan.fields.get(a.entity) ?? []).filter((f) => !replaced.includes(f.name)),
      );
  }
  for (const v of facts.looseValues) looseField(plan, facts, v);
  // Two or more kinds of people: the users' role tells them apart. One staff kind ("admins can delete any todo",
  // "the first user becomes admin") sets it apart from everyone else: user | admin.
  const users = presentCandidate(plan, ["user"]);
  const staffOnly = facts.people.length === 1 && STAFF.has(facts.people[0]);
  if (
    users &&
    (facts.people.length >= 2 || staffOnly) &&
    !(plan.fields.get(users) ?? []).some(
      (f) =>
        f.name === "role" &&
        f.validator.kind === "union" &&
        f.validator.members.length >= 2 &&
        plan.existing.has(users),
    )
  ) {
    looseField(plan, facts, {
      entity: users,
      field: "role",
      values: staffOnly ? ["user", ...facts.people] : facts.people,
    });
  }
  for (const i of facts.indexes) {
    if (!plan.tables.has(i.entity)) continue;
    const existing = findTable(plan.schema, plan.tables.get(i.entity) ?? "")?.fields ?? [];
    const field = [...(plan.fields.get(i.entity) ?? []), ...existing].find(
      (f) => looseName(f.name) === looseName(i.phrase),
    );
    if (field) plan.wanted.set(i.entity, [...(plan.wanted.get(i.entity) ?? []), field.name]);
  }
  for (const [entity, fields] of plan.fields) {
    if (plan.existing.has(entity)) continue;
    const own = fields.filter(
      (f) => referencedTables(f.validator).length === 0 && !(plan.subjects.get(entity) ?? []).includes(f.name),
    );
    // A link between two tables may hold nothing else; anything less than that gets real fields.
    if (own.length > 0 || fields.length - own.length >= 2) continue;
    // Never an empty table: what real apps give a table of this name, or what its head noun suggests.
    const given = Object.entries(fallbackFields(entity)).map(
      ([name, notation]) => fieldFromNotation(name, notation).field,
    );
    for (const f of given) putField(plan, entity, f, false);
    plan.assumptions.add(
      `"${plan.tables.get(entity)}" gets ${given.map((f) => `"${f.name}"`).join(", ")} as a start; say what else it should store.`,
    );
  }
  compoundParents(plan, facts);
  coMentionParents(plan, facts);
  coReferences(plan);
  centralParent(plan, facts);
  clauseParents(plan, facts);
  learnedParents(plan, facts);
  tenancy(plan, facts);
  defaultOwners(plan);
  const newTables = new Map([...plan.tables].filter(([e]) => !plan.existing.has(e)));
  const search = planSearch({
    tables: newTables,
    fields: plan.fields,
    explicit: facts.explicit,
    search: plan.directives.search,
    vector: plan.directives.vector,
  });
  for (const f of search.fields) putField(plan, f.entity, f.field, false);
  search.assumptions.forEach((x) => plan.assumptions.add(x));
  plan.questions.push(...search.questions);
  const emitted = emit(plan);
  emitted.operations.push(...search.operations);
  emitted.notes.push(...search.notes, ...plan.notes, ...constraintNotes(plan));
  if (retypes.length)
    emitted.notes.push(
      `Changes the values of ${retypes.map((r) => (r.op === "changeFieldType" ? `"${r.table}.${r.field}"` : "")).join(", ")}.`,
    );
  return {
    operations: [...emitted.operations, ...retypes],
    notes: emitted.notes,
    assumptions: [...plan.assumptions],
    questions: plan.questions,
    fromDomain,
  };
}

/** Entities of the design: named ones, plus a domain's typical set when the request names fewer than two. */
function chooseEntities(plan: Plan, facts: Facts): string[] {
  const named = new Set([
    ...facts.explicit,
    ...facts.attributes.map((a) => a.entity),
    ...facts.roles.map((r) => r.entity),
  ]);
  for (const r of facts.relations) if (!r.soft) named.add(r.child), named.add(r.parent);
  for (const [a, b] of facts.manyToMany) named.add(a), named.add(b);
  // "with photos" became a storage field: no photos table unless the request names photos on their own.
  for (const m of facts.media) if (!facts.explicit.includes(m)) named.delete(m);
  // "people sign in to …": a design where people have accounts has a users table.
  if (facts.directives.accounts && named.size > 0 && !presentCandidate(plan, ["user"])) named.add("user");
  // "doctors see patients": two kinds of people using the app are users with a role.
  if (facts.people.length >= 2 && named.size > 0 && !presentCandidate(plan, ["user"]) && !excluded(plan, "user"))
    named.add("user");
  const newNamed = [...named].filter((e) => !plan.existing.has(e));
  const fromDomain: string[] = [];
  const domain = facts.domains[0];
  if (domain && newNamed.length < 2 && plan.schema.tables.length === 0) {
    for (const e of domain.entities) if (!named.has(e)) fromDomain.push(e);
  }
  for (const e of [...named, ...fromDomain])
    if (!plan.tables.has(e) && !excluded(plan, e)) plan.tables.set(e, tableName(e));
  return fromDomain.filter((e) => !excluded(plan, e));
}

/** Explicit relations, with soft ones kept only when their parent is a table; contradictions become questions. */
function resolveRelations(plan: Plan, facts: Facts): RelationFact[] {
  const out: RelationFact[] = [];
  for (const r of facts.relations) {
    if (r.soft && !plan.tables.has(r.parent)) {
      facts.attributes.push({ entity: r.child, phrase: r.parent });
      continue;
    }
    if (!plan.tables.has(r.child)) continue;
    // "we never store users": the reference becomes the auth provider's user id (see addRef).
    if (!plan.tables.has(r.parent) && !(isUser(r.parent) && plan.directives.noUsers)) continue;
    if (out.some((o) => o.child === r.child && o.parent === r.parent && (o.field ?? "") === (r.field ?? ""))) continue;
    out.push(r);
  }
  for (const r of out) {
    const reverse = out.find(
      (o) => o.child === r.parent && o.parent === r.child && !o.field && !r.field && r.child !== r.parent,
    );
    if (reverse && !plan.questions.some((q) => q.includes(`"${r.parent}"`) && q.includes(`"${r.child}"`))) {
      plan.questions.push(
        `Should each "${r.child}" belong to one "${r.parent}", or each "${r.parent}" to one "${r.child}" (or is it many-to-many)?`,
      );
    }
  }
  for (const [a, b] of facts.manyToMany) {
    if (
      out.some((o) => !o.soft && ((o.child === a && o.parent === b) || (o.child === b && o.parent === a)) && !o.field)
    ) {
      plan.questions.push(`Is "${a}" to "${b}" one-to-many or many-to-many? The request says both.`);
    }
  }
  return out;
}

/**
 * "a recipe app with recipes and ingredients": two new tables the library knows as a many-to-many pair, with no
 * relation stated between them, get their join table (unless one already references the other).
 */
function implicitJoins(plan: Plan, facts: Facts, relations: RelationFact[]): void {
  const entities = [...plan.tables.keys()].filter((e) => !plan.existing.has(e));
  const related = (a: string, b: string): boolean =>
    relations.some((r) => (r.child === a && r.parent === b) || (r.child === b && r.parent === a)) ||
    facts.manyToMany.some(([x, y]) => (x === a && y === b) || (x === b && y === a)) ||
    refersTo(a, b) ||
    refersTo(b, a);
  for (const j of JOINS) {
    const a = entities.find((e) => canonical(e) === j.between[0] || e === j.between[0]);
    const b = entities.find((e) => canonical(e) === j.between[1] || e === j.between[1]);
    if (!a || !b || a === b || related(a, b) || plan.tables.has(j.entity)) continue;
    // Users named beside a team or an organization, with nothing said about belonging to several: most apps give
    // each user theirs ("users.teamId"); "members of many teams" still gets the membership table.
    const group = isUser(a) && GROUPS.has(canonical(b)) ? b : isUser(b) && GROUPS.has(canonical(a)) ? a : undefined;
    if (group) {
      relations.push({ child: isUser(a) ? a : b, parent: group, optional: true });
      continue;
    }
    facts.manyToMany.push([a, b]);
  }
  const user = entities.find(isUser);
  for (const g of entities) {
    if (
      !user ||
      !GROUPS.has(canonical(g)) ||
      related(user, g) ||
      JOINS.some((j) => j.between.includes(canonical(g)) && j.between.includes("user"))
    )
      continue;
    relations.push({ child: user, parent: g, optional: true });
  }
}

const GROUPS = new Set([
  "team",
  "organization",
  "group",
  "family",
  "household",
  "company",
  "school",
  "university",
  "club",
]);

function refersTo(child: string, parent: string): boolean {
  return (knowledgeOf(child)?.refs ?? []).some((r) => r.to.includes(canonical(parent)) || r.to.includes(parent));
}

interface JoinPlan {
  entity: string;
  a: string;
  b: string;
  fieldA: string;
  fieldB: string;
  fields: Record<string, string>;
}

function resolveJoins(plan: Plan, facts: Facts, relations: RelationFact[]): JoinPlan[] {
  const out: JoinPlan[] = [];
  for (const [a, b] of facts.manyToMany) {
    if (relations.some((r) => (r.child === a && r.parent === b) || (r.child === b && r.parent === a))) continue;
    if (plan.directives.noJoinTables && arrayLink(plan, a, b)) continue;
    const known = JOINS.find(
      (j) =>
        (j.between[0] === canonical(a) && j.between[1] === canonical(b)) ||
        (j.between[0] === canonical(b) && j.between[1] === canonical(a)),
    );
    const [first, second] = known && known.between[0] === canonical(b) && a !== b ? [b, a] : [a, b];
    let entity = known?.entity ?? `${first} ${singularPhrase(second).split(" ").pop()}`;
    if (plan.existing.has(entity) || out.some((j) => j.entity === entity && (j.a !== first || j.b !== second)))
      entity = `${first} ${second}`;
    if (out.some((j) => j.entity === entity)) continue;
    const self = first === second;
    const fieldA =
      known?.fieldNames?.[0] ?? (self ? `from${cap(idField(first))}` : idField(plan.tables.get(first) ?? first));
    const fieldB =
      known?.fieldNames?.[1] ?? (self ? `to${cap(idField(first))}` : idField(plan.tables.get(second) ?? second));
    if (!plan.tables.has(entity)) plan.tables.set(entity, tableName(entity));
    plan.joins.add(entity);
    out.push({ entity, a: first, b: second, fieldA, fieldB, fields: known?.fields ?? {} });
  }
  return out;
}

/**
 * Most Convex apps scope their records by the user who made them: a new table the library does not know, with no
 * reference at all, gets "userId" when the design has users.
 */
function defaultOwners(plan: Plan): void {
  const users = presentCandidate(plan, ["user"]);
  if (!users && !plan.directives.noUsers) return;
  const owned: string[] = [];
  for (const [entity, fields] of plan.fields) {
    if (plan.existing.has(entity) || plan.joins.has(entity) || entity === users || isUser(entity)) continue;
    const k = knowledgeOf(entity);
    // Parts of another record ("order items", "lessons") follow their parent; link tables have their own pair.
    if (k && (k.refs ?? []).some((r) => r.ensure && !r.to.includes("user"))) continue;
    if (isLibraryJoin(entity)) continue;
    const usersTable = users ? plan.tables.get(users) : undefined;
    if (
      fields.some(
        (f) =>
          (usersTable && referencedTables(f.validator).includes(usersTable)) ||
          (plan.subjects.get(entity) ?? []).includes(f.name),
      )
    )
      continue;
    // Shared records (channels, products) say who created them; the others whose they are.
    const field = k ? (k.shared ? "createdBy" : "userId") : "userId";
    if (users) addRef(plan, entity, field, users, Boolean(k?.shared));
    else addSubject(plan, entity, "userId");
    owned.push(`"${plan.tables.get(entity)}.${users ? field : "userId"}"`);
  }
  if (owned.length)
    plan.assumptions.add(
      `${owned.join(", ")} ${owned.length === 1 ? "records" : "record"} who created each document, as most Convex apps scope data by user.`,
    );
}

/**
 * A record the request names in one sentence only, that neither the library nor real apps know: often a word read
 * in passing ("instant updates", "strict permissions"). It stays a table but never takes a parent's place in the
 * guesses below, so the records around it point at the ones the request is about.
 */
function passing(facts: Facts, entity: string): boolean {
  if (knowledgeOf(entity) || learnedEntity(entity)) return false;
  if (facts.heads && !entity.includes(" ") && !facts.heads.has(entity)) return true;
  if (facts.relations.some((r) => !r.soft && (r.child === entity || r.parent === entity))) return false;
  return facts.clauses.filter((c) => c.includes(entity)).length <= 1;
}

/** Records that hang off another one: "comments on interviews", "bookmarks" next to "books". */
const CHILD_KINDS =
  /^(?:comment|review|rating|note|testimonial|bookmark|item|entry|request|submission|message|attachment|file|invitation|notification|log|record|expense|booking|order|delivery|assessment|snapshot|vote|like|reaction|analysis|result|answer|response|subtask|step|photo|image|grade|score|feedback|report|transaction|payment|invoice|update|activity|version|revision|metric|reading|checkin|visit|evidence|event|quota|member|participant|application|bid|offer|claim|verdict|highlight|annotation|progress|attempt|completion|milestone|deliverable)$/;

/**
 * A record of a kind that hangs off another (comments, bookings, maintenance requests), named in the same sentence
 * as a main record and not yet linked to anything but users, references the nearest such record.
 */
function coMentionParents(plan: Plan, facts: Facts): void {
  const isNew = (e: string): boolean => plan.tables.has(e) && !plan.existing.has(e) && !plan.joins.has(e);
  const child = (e: string): boolean => CHILD_KINDS.test(e.split(" ").pop() ?? "");
  for (const clause of facts.clauses) {
    const ents = clause.filter((e, i) => clause.indexOf(e) === i && isNew(e));
    ents.forEach((c, i) => {
      if (!child(c) || isUser(c)) return;
      const table = plan.tables.get(c);
      const refs = (plan.fields.get(c) ?? [])
        .flatMap((f) => referencedTables(f.validator))
        .filter((t) => t !== table && t !== plan.tables.get(presentCandidate(plan, ["user"]) ?? ""));
      if (refs.length) return;
      const parents = ents
        .map((p, j) => ({ p, d: Math.abs(j - i) + (j > i ? 0.5 : 0) }))
        .filter(
          ({ p }) =>
            p !== c &&
            !isUser(p) &&
            !passing(facts, p) &&
            // "hotels, guests, reviews": a review is of the hotel; the person who wrote it is a user.
            !PEOPLE.has(p.split(" ").pop() ?? "") &&
            !child(p) &&
            !(plan.fields.get(p) ?? []).some((f) => referencedTables(f.validator).includes(table ?? "")),
        )
        .sort((a, b) => a.d - b.d);
      if (parents.length) guess(plan, c, parents[0].p);
    });
  }
}

/**
 * References the request never states but real apps almost always have between two tables of the design
 * (learned co-reference statistics, coref.ts): "messages" next to "conversations" hold "conversationId".
 */
function coReferences(plan: Plan): void {
  const entities = [...plan.tables.keys()].filter((e) => !plan.existing.has(e) && !plan.joins.has(e));
  const refsTo = (a: string, b: string): boolean =>
    (plan.fields.get(a) ?? []).some((f) => referencedTables(f.validator).includes(plan.tables.get(b) ?? ""));
  for (const a of entities)
    for (const b of entities) {
      // References to people are the owners' (defaultOwners); "accounts" of money are not users here.
      if (a === b || refsTo(a, b) || refsTo(b, a) || (corefKey(b) === "user" && !isUser(b)) || corefKey(a) === "user")
        continue;
      const usual = usualReference(a, b);
      if (!usual) continue;
      const named = /^[a-z][a-zA-Z0-9]*Id$/.test(usual.field) ? usual.field : refName(plan, a, b);
      const field = (plan.fields.get(a) ?? []).some((f) => f.name === named) ? refName(plan, a, b) : named;
      if ((plan.fields.get(a) ?? []).some((f) => f.name === field)) continue;
      addRef(plan, a, field, b, true);
    }
}

/**
 * Two records named in the same clause, one of a kind real apps hang off another table and linked to nothing of
 * the design but users: it references the one real apps reference most often (learned roles, coref.ts).
 */
function clauseParents(plan: Plan, facts: Facts): void {
  const isNew = (e: string): boolean => plan.tables.has(e) && !plan.existing.has(e) && !plan.joins.has(e);
  const userTable = plan.tables.get(presentCandidate(plan, ["user"]) ?? "") ?? "";
  const refsOf = (e: string): string[] =>
    (plan.fields.get(e) ?? []).flatMap((f) => referencedTables(f.validator)).filter((t) => t !== userTable);
  for (const clause of facts.clauses) {
    const ents = clause.filter((e, i) => clause.indexOf(e) === i && isNew(e) && !isUser(e));
    for (const a of ents) {
      const table = plan.tables.get(a) ?? "";
      if (refsOf(a).some((t) => t !== table) || childness(a) < CHILD_MIN) continue;
      const best = ents
        .filter((b) => b !== a && !refsOf(b).includes(table) && parentness(b) > parentness(a) && !passing(facts, b))
        .sort((x, y) => parentness(y) - parentness(x))[0];
      if (best) guess(plan, a, best);
    }
  }
}
const CHILD_MIN = 0.4;

/**
 * The record a request is mostly about: named in the most clauses (at least two; the first named wins a tie), of a
 * kind real apps reference, not a thing attached to records (photos, tags), and more than a word in passing; or a
 * record named in at least three clauses, more than any other and at least twice as often as that one (the "agents"
 * of an agent simulation). A multi-tenant app's tenant is never it (every record is scoped by it already). The other records the request names and that are not
 * yet linked to it belong to it ("comments" and "bookmarks" in a reading app are of its books), whatever their kind:
 * most records of a real app's description hang off its main one.
 */
function centralParent(plan: Plan, facts: Facts): void {
  const isNew = (e: string): boolean => plan.tables.has(e) && !plan.existing.has(e) && !plan.joins.has(e);
  // Clauses naming each record, in order of first mention (a Map keeps insertion order, the sort below is stable).
  const counts = new Map<string, number>();
  for (const clause of facts.clauses)
    for (const e of new Set(clause)) if (isNew(e) && !isUser(e)) counts.set(e, (counts.get(e) ?? 0) + 1);
  const eligible = [...counts]
    .filter(
      ([e, n]) =>
        n >= CENTRAL_MIN &&
        !ATTACHED.test(e.split(" ").pop() ?? "") &&
        !passing(facts, e) &&
        // A multi-tenant app's tenant scopes every record already (tenancy): it is not what the app is about.
        !(facts.directives.tenancy && TENANTS.some((t) => e === t || canonical(e) === t)),
    )
    .sort((a, b) => b[1] - a[1]);
  // Named in more clauses than any other record (and in several): the main record, whatever real apps do with
  // tables of its name.
  const dominant = eligible[0] && eligible[0][1] >= DOMINANT_MIN && !(eligible[1] && eligible[1][1] === eligible[0][1]);
  const usual = eligible.find(([e]) => parentness(e) >= PARENT_MIN);
  const c = dominant && (!usual || eligible[0][1] >= DOMINANT_RATIO * usual[1]) ? eligible[0][0] : usual?.[0];
  if (!c) return;
  const table = plan.tables.get(c) ?? "";
  for (const e of counts.keys()) {
    if (e === c) continue;
    const own = plan.tables.get(e) ?? "";
    const linked = (x: string, to: string): boolean =>
      (plan.fields.get(x) ?? []).some((f) => referencedTables(f.validator).includes(to));
    if (linked(e, table) || linked(c, own)) continue;
    guess(plan, e, c);
  }
}
const CENTRAL_MIN = 2;
const DOMINANT_MIN = 3;
const DOMINANT_RATIO = 2;
/** Things attached to records (media, labels): never what an app is mostly about. */
const ATTACHED =
  /^(?:photo|image|picture|video|attachment|file|screenshot|thumbnail|recording|tag|label|category|comment|notification)$/;
const PARENT_MIN = 0.4;

/**
 * A record still linked to nothing of the design but users: it references the table real apps most often give a
 * table of its name (learned, smoothed statistics, coref.ts parentScore), when that is likely enough.
 */
function learnedParents(plan: Plan, facts: Facts): void {
  const isNew = (e: string): boolean => plan.tables.has(e) && !plan.existing.has(e) && !plan.joins.has(e);
  const userTable = plan.tables.get(presentCandidate(plan, ["user"]) ?? "") ?? "";
  const refsOf = (e: string): string[] =>
    (plan.fields.get(e) ?? []).flatMap((f) => referencedTables(f.validator)).filter((t) => t !== userTable);
  const entities = [...plan.tables.keys()].filter((e) => isNew(e) && !isUser(e));
  const chosen: Array<[string, string]> = [];
  for (const a of entities) {
    const table = plan.tables.get(a) ?? "";
    // Kinds of people ("sellers", "trainers") are users of a role, not records that hang off another.
    if (refsOf(a).some((t) => t !== table) || passing(facts, a) || PEOPLE.has(a.split(" ").pop() ?? "")) continue;
    const best = entities
      .filter((b) => b !== a && !refsOf(b).includes(table) && !passing(facts, b))
      .map((b) => ({ b, s: parentScore(a, b) }))
      .sort((x, y) => y.s - x.s)[0];
    if (best && best.s >= LEARNED_MIN) chosen.push([a, best.b]);
  }
  for (const [a, b] of chosen) guess(plan, a, b);
}
/** Smallest learned score that makes a parent (tuned on dev half a, judged on half b and the fresh holdout). */
const LEARNED_MIN = 0.5;

/** "trip members", "wallet snapshots", "maintenance requests" beside "trips", "wallets": the part points at the whole. */
function compoundParents(plan: Plan, facts: Facts): void {
  for (const entity of plan.tables.keys()) {
    if (plan.existing.has(entity) || plan.joins.has(entity) || !entity.includes(" ")) continue;
    const head = entity.split(" ").slice(0, -1).join(" ");
    const parent = [...plan.tables.keys()].find(
      (e) => e === head || (e.split(" ").length === 1 && e === entity.split(" ")[0]),
    );
    if (!parent || parent === entity || passing(facts, parent)) continue;
    const table = plan.tables.get(parent) ?? "";
    if ((plan.fields.get(entity) ?? []).some((f) => referencedTables(f.validator).includes(table))) continue;
    // "message quotas" beside messages of conversations: a record about many records of a kind that hangs off
    // another (a quota, a count, a limit) belongs where those records belong; "comment likes" are of one comment.
    const userTable = plan.tables.get(presentCandidate(plan, ["user"]) ?? "") ?? "";
    const above =
      AGGREGATE.test(entity.split(" ").pop() ?? "") && CHILD_KINDS.test(parent.split(" ").pop() ?? "")
        ? (plan.fields.get(parent) ?? [])
            .flatMap((f) => referencedTables(f.validator))
            .find((t) => t !== userTable && t !== table && t !== plan.tables.get(entity))
        : undefined;
    const grand = above ? [...plan.tables].find(([, t]) => t === above)?.[0] : undefined;
    guess(plan, entity, grand ?? parent);
  }
}

/** Records about many records of a kind at once. */
const AGGREGATE = /^(?:quota|limit|count|counter|stat|statistic|summary|total|usage|setting)$/;

/** Containers a multi-tenant app scopes its records by. */
const TENANTS = ["organization", "workspace", "tenant", "company", "team"];

/**
 * "multi-tenant", "per-workspace API keys", "everything belongs to an organization": every record of the design is
 * scoped by the tenant table (its id leads an index), except the tenant itself and link tables.
 */
function tenancy(plan: Plan, facts: Facts): void {
  if (!facts.directives.tenancy) return;
  const tenant = presentCandidate(plan, TENANTS);
  if (!tenant) return;
  const tenantTable = plan.tables.get(tenant) ?? "";
  const membership = [...plan.tables.keys()].some(
    (e) =>
      (plan.joins.has(e) || isLibraryJoin(e)) &&
      (plan.fields.get(e) ?? []).some((f) => referencedTables(f.validator).includes(tenantTable)),
  );
  for (const [entity, fields] of plan.fields) {
    if (entity === tenant || plan.existing.has(entity) || plan.joins.has(entity) || isLibraryJoin(entity)) continue;
    if (isUser(entity) && membership) continue;
    if (fields.some((f) => referencedTables(f.validator).includes(tenantTable))) continue;
    addRef(plan, entity, refName(plan, entity, tenant), tenant, isUser(entity));
  }
}

/**
 * Values mentioned in passing ("tasks move from todo to done", "admins and editors"): added to the entity's field of
 * that kind, keeping the library's other values after the user's; roles go to users (or the membership table).
 */
function looseField(plan: Plan, facts: Facts, v: { entity?: string; field: string; values: string[] }): void {
  const isNew = (e: string): boolean => plan.tables.has(e) && !plan.existing.has(e);
  const holders =
    v.field === "role"
      ? [
          v.entity ?? "",
          ...plan.joins,
          ...[...plan.tables.keys()].filter((e) => isLibraryJoin(e)),
          presentCandidate(plan, ["user"]) ?? "",
        ]
      : [
          v.entity ?? "",
          ...facts.explicit.filter((e) => (plan.fields.get(e) ?? []).some((f) => f.name === v.field)),
          ...facts.explicit.filter((e) => !isUser(e)),
        ];
  const entity = holders.find((e) => e && isNew(e));
  if (!entity) return;
  const list = plan.fields.get(entity) ?? [];
  const had = list.find((f) => f.name === v.field);
  const old =
    had?.validator.kind === "union"
      ? had.validator.members.flatMap((m) => (m.kind === "literal" && typeof m.value === "string" ? [m.value] : []))
      : [];
  const values = [...new Set([...v.values, ...old])];
  putField(plan, entity, { name: v.field, validator: literalUnion(values), optional: had?.optional ?? false }, true);
}

/** What the reply says about the constraints the request stated. */
function constraintNotes(plan: Plan): string[] {
  const d = plan.directives;
  const out: string[] = [];
  const subjects = [...plan.subjects].flatMap(([e, names]) => names.map((n) => `"${plan.tables.get(e)}.${n}"`));
  if (d.noUsers) {
    const kept = plan.existing.has("user") ? ` The existing "${plan.tables.get("user")}" table is left as it is.` : "";
    out.push(
      `No users table, as asked${subjects.length ? `: ${subjects.join(", ")} ${subjects.length === 1 ? "holds" : "hold"} the auth provider's user id (ctx.auth.getUserIdentity().subject)` : ""}.${kept}`,
    );
  }
  const left = d.excluded.filter((e) => !plan.tables.has(e) || !plan.existing.has(e));
  if (left.length) out.push(`Leaves out ${left.map((e) => `"${tableName(e)}"`).join(", ")}, as asked.`);
  if (d.noJoinTables && plan.arrays.length === 0 && plan.joins.size === 0)
    out.push("No join tables, as asked: nothing in this design needed one.");
  if (d.noJoinTables && plan.joins.size > 0)
    out.push(
      `Kept join table ${[...plan.joins].map((j) => `"${plan.tables.get(j)}"`).join(", ")} although the request asked for none: an array of ids on either side was not possible.`,
    );
  return out;
}

/** "no join tables": the first side keeps an array of the other side's ids. */
function arrayLink(plan: Plan, a: string, b: string): boolean {
  const [holder, target] = plan.tables.has(a) ? [a, b] : [b, a];
  const table = plan.tables.get(target);
  if (!plan.tables.has(holder) || !table) return false;
  const name = `${camel(singularPhrase(table))}Ids`;
  plan.arrays.push({
    entity: holder,
    field: { name, validator: { kind: "array", element: { kind: "id", table } }, optional: plan.existing.has(holder) },
  });
  plan.notes.push(
    `"${plan.tables.get(holder)}.${name}" holds the linked ${table} as an array of ids, as asked (no join table); keep such arrays short (Convex documents are limited to 1 MiB and arrays cannot be indexed).`,
  );
  return true;
}

/**
 * Adds the users table that required references need ("posts" need an author). Other parents the request never names
 * ("stock" → warehouses, products) are not added: on real descriptions they were mostly invented tables.
 */
function ensureClosure(plan: Plan, facts: Facts): void {
  for (let round = 0; round < 4; round++) {
    let added = false;
    for (const entity of [...plan.tables.keys()]) {
      if (plan.existing.has(entity) || plan.joins.has(entity)) continue;
      for (const r of knowledgeOf(entity)?.refs ?? []) {
        if (!r.ensure || presentCandidate(plan, r.to)) continue;
        // Prefer the generic "users" table over a specialised one nobody asked for ("authors").
        const pick = r.to.includes("user") ? "user" : r.to[0];
        if (excluded(plan, pick)) continue;
        // A parent the request never names ("stock management" → warehouses, products) is invented; users stay.
        if (pick !== "user") continue;
        plan.tables.set(pick, tableName(pick));
        added = true;
      }
    }
    for (const role of facts.roles) {
      if (
        !(role.target && plan.tables.has(role.target)) &&
        !presentCandidate(plan, ROLE_NOUNS[role.role] ?? ["user"]) &&
        !excluded(plan, "user")
      ) {
        plan.tables.set("user", tableName("user"));
        added = true;
      }
    }
    if (!added) return;
  }
}

function presentCandidate(plan: Plan, candidates: string[]): string | undefined {
  for (const c of candidates) {
    for (const e of plan.tables.keys()) if (e === c || canonical(e) === c) return e;
  }
  return undefined;
}

function roleTarget(plan: Plan, role: string): string {
  return presentCandidate(plan, ROLE_NOUNS[role] ?? ["user"]) ?? "user";
}

function addLibraryFields(plan: Plan, entity: string): void {
  for (const [name, notation] of Object.entries(knowledgeOf(entity)?.fields ?? {})) {
    const typed = fieldFromNotation(name, notation);
    typed.assumptions.forEach((x) => plan.assumptions.add(x));
    putField(plan, entity, typed.field, false);
  }
}

/** Library references whose target is in the design, unless the request already relates the pair. */
function addLibraryRefs(plan: Plan, entity: string, relations: RelationFact[]): void {
  for (const r of knowledgeOf(entity)?.refs ?? []) {
    const target = presentCandidate(plan, r.to);
    if (!target) {
      if (r.to.includes("user") && plan.directives.noUsers) addSubject(plan, entity, r.field ?? "userId", r.optional);
      continue;
    }
    const related = relations.some(
      (x) => !x.field && ((x.child === entity && x.parent === target) || (x.child === target && x.parent === entity)),
    );
    const field = r.field ?? refName(plan, entity, target);
    if (related && !r.field) continue;
    if (relations.some((x) => x.child === target && x.parent === entity)) continue;
    addRef(plan, entity, field, target, r.optional);
  }
}

/** References real apps usually give a table of this name (learned.json), to tables of the design. */
function addLearnedRefs(plan: Plan, entity: string, relations: RelationFact[]): void {
  for (const [field, to] of Object.entries(learnedEntity(entity)?.refs ?? {})) {
    const target = presentCandidate(plan, [to]);
    if (!target || target === entity) continue;
    if (
      relations.some((x) => (x.child === entity && x.parent === target) || (x.child === target && x.parent === entity))
    )
      continue;
    if (
      (plan.fields.get(entity) ?? []).some(
        (f) => f.validator.kind === "id" && f.validator.table === plan.tables.get(target),
      )
    )
      continue;
    addRef(plan, entity, field, target, true);
  }
}

function addJoin(plan: Plan, j: JoinPlan): void {
  addRef(plan, j.entity, j.fieldA, j.a, false);
  addRef(plan, j.entity, j.fieldB, j.b, false);
  for (const [name, notation] of Object.entries(j.fields))
    putField(plan, j.entity, fieldFromNotation(name, notation).field, false);
}

function refName(plan: Plan, child: string, parent: string): string {
  if (child === parent) return "parentId";
  return idField(plan.tables.get(parent) ?? parent);
}

/** A reference guessed from the request's wording or real apps' habits: an optional `<parent>Id`. */
function guess(plan: Plan, child: string, parent: string): void {
  // "maintenance requests" beside "requests": one is a kind of the other, not its parent.
  if (child.endsWith(` ${parent}`) || parent.endsWith(` ${child}`)) return;
  addRef(plan, child, refName(plan, child, parent), parent, true);
}

function addRef(plan: Plan, entity: string, field: string, target: string, optional = false): void {
  const table = plan.tables.get(target);
  if (!table && isUser(target) && plan.directives.noUsers) return addSubject(plan, entity, field, optional);
  if (!table || !plan.tables.has(entity)) return;
  const exists = plan.existing.has(entity);
  putField(
    plan,
    entity,
    { name: field, validator: { kind: "id", table }, optional: optional || exists || entity === target },
    true,
  );
}

/** A string field holding the auth provider's user id, for designs that keep no users table. */
function addSubject(plan: Plan, entity: string, field: string, optional = false): void {
  if (!plan.tables.has(entity) || excluded(plan, entity)) return;
  const name = field.endsWith("Id") ? field : `${field}Id`;
  putField(
    plan,
    entity,
    {
      name,
      validator: { kind: "string" },
      optional: optional || plan.existing.has(entity),
      description: "The user's id from the auth provider (identity.subject); there is no users table.",
    },
    true,
  );
  const list = plan.subjects.get(entity) ?? [];
  if (!list.includes(name)) plan.subjects.set(entity, [...list, name]);
}

function isUser(entity: string): boolean {
  return entity === "user" || canonical(entity) === "user";
}

/** Entities the request asked to leave out ("no comments table", "we never store users"). */
function excluded(plan: Plan, entity: string): boolean {
  if (plan.existing.has(entity)) return false;
  if (plan.directives.noUsers && isUser(entity)) return true;
  return plan.directives.excluded.some((x) => x === entity || canonical(x) === canonical(entity));
}

/** Adds or (when `override`) replaces a field on a planned table; new fields on existing tables are optional. */
function putField(plan: Plan, entity: string, field: Field, override: boolean): void {
  const list = plan.fields.get(entity) ?? [];
  plan.fields.set(entity, list);
  const existingTable = plan.existing.has(entity) ? findTable(plan.schema, plan.tables.get(entity) ?? "") : undefined;
  const same = (f: Field): boolean =>
    f.name === field.name ||
    (field.validator.kind !== "id" && f.validator.kind !== "id" && looseName(f.name) === looseName(field.name));
  const had = existingTable?.fields.find(same);
  if (existingTable && had) {
    plan.already.add(`"${existingTable.name}.${had.name}" already exists.`);
    return;
  }
  if (existingTable && !field.optional) {
    field = { ...field, optional: true };
    plan.assumptions.add(
      `New fields on existing tables are optional so existing documents stay valid; make them required after a backfill.`,
    );
  }
  // "due date" from the request replaces the library's "dueAt": one field per meaning.
  const at = list.findIndex(same);
  if (at < 0) {
    if (field.validator.kind === "id") list.splice(list.filter((f) => f.validator.kind === "id").length, 0, field);
    else list.push(field);
  } else if (override) list[at] = field;
}

/** Indexes for a table's references and obvious filters. */
export function plannedIndexes(
  fields: Field[],
  existing: Index[] = [],
  join = false,
  subjects: string[] = [],
): Index[] {
  const out: Index[] = [];
  const has = (cols: string[]): boolean => [...existing, ...out].some((i) => cols.every((c, k) => i.fields[k] === c));
  const refs = fields.filter((f) => f.validator.kind === "id" || subjects.includes(f.name)).map((f) => f.name);
  const status = fields.find(
    (f) => STATUS_FIELDS.includes(f.name) && (f.validator.kind === "union" || f.validator.kind === "string"),
  );
  const push = (cols: string[]): void => {
    if (!has(cols)) out.push({ name: indexName(cols), fields: cols });
  };
  if (join && refs.length >= 2) {
    push([refs[0], refs[1]]);
    refs.slice(1).forEach((r) => push([r]));
  } else {
    refs.forEach((r, k) => push(k === 0 && status ? [r, status.name] : [r]));
    if (status && refs.length === 0) push([status.name]);
  }
  for (const f of fields) if (["email", "slug", "sku", "code", "username"].includes(f.name)) push([f.name]);
  return out;
}

function emit(plan: Plan): Pick<BuildResult, "operations" | "notes"> {
  const operations: SchemaOperation[] = [];
  const created: string[] = [];
  const changed: string[] = [];
  for (const [entity, table] of plan.tables) {
    const fields = plan.fields.get(entity) ?? [];
    if (!plan.existing.has(entity)) {
      const description = knowledgeOf(entity)?.description;
      const indexes = withWanted(
        plannedIndexes(fields, [], plan.joins.has(entity) || isLibraryJoin(entity), plan.subjects.get(entity)),
        plan.wanted.get(entity),
        [],
      );
      operations.push({ op: "createTable", table, fields, indexes, ...(description ? { description } : {}) });
      created.push(table);
      continue;
    }
    const current = findTable(plan.schema, table);
    for (const index of withWanted([], plan.wanted.get(entity), current?.indexes ?? []))
      operations.push({ op: "addIndex", table, index });
    if (fields.length === 0) continue;
    for (const field of fields) operations.push({ op: "addField", table, field });
    for (const index of plannedIndexes(
      fields.filter((f) => f.validator.kind === "id"),
      current?.indexes,
    ))
      operations.push({ op: "addIndex", table, index });
    changed.push(`"${table}" (${fields.map((f) => f.name).join(", ")})`);
  }
  const notes: string[] = [...plan.already];
  if (created.length)
    notes.push(`Creates ${plural(created.length, "table")} ${created.map((t) => `"${t}"`).join(", ")}.`);
  if (changed.length) notes.push(`Adds fields to ${changed.join("; ")}.`);
  return { operations, notes };
}

/** Adds single-field indexes the request asked for, unless an index already leads with the field. */
function withWanted(indexes: Index[], wanted: string[] | undefined, existing: Index[]): Index[] {
  const out = [...indexes];
  for (const field of wanted ?? []) {
    if ([...existing, ...out].some((i) => i.fields[0] === field)) continue;
    out.push({ name: indexName([field]), fields: [field] });
  }
  return out;
}

function looseName(name: string): string {
  return words(name)
    .join("")
    .replace(/(at|date|time|id)$/, "");
}

/** Library entities that exist to link two others ("enrollment", "membership", "order item"). */
function isLibraryJoin(entity: string): boolean {
  const k = knowledgeOf(entity);
  return JOINS.some((j) => j.entity === (k?.entity ?? entity));
}

function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
