/**
 * Community patterns learned from real Convex schemas (knowledge/learned.json, written by
 * eval/tools/learn-knowledge.ts from the learning corpus (eval/learn/), never from eval apps): for each table name (singular
 * entity key) the fields most apps give it, the tables it usually references and the indexes it usually has.
 */
import learned from "./knowledge/learned.json";

export interface LearnedEntity {
  /** Apps whose schema has a table of this name. */
  apps: number;
  /** Fields (knowledge notation) present in at least a third of those apps, most common first. */
  fields: Record<string, string>;
  /** Entities it references: field name → target entity. */
  refs: Record<string, string>;
  /** Index field lists seen in at least a third of the apps. */
  indexes: string[][];
  /** Entities that appear in the same apps, most often first. */
  with: string[];
}

interface LearnedFile {
  version: number;
  source: string;
  apps: number;
  entities: Record<string, LearnedEntity>;
}

const DATA = learned as unknown as LearnedFile;

export function learnedEntity(entity: string): LearnedEntity | undefined {
  return Object.hasOwn(DATA.entities, entity) ? DATA.entities[entity] : undefined;
}

export function learnedFields(entity: string): Record<string, string> | undefined {
  return learnedEntity(entity)?.fields;
}
