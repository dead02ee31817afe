/**
 * The schema parser's fixture projects (lib/schema/testdata/<case>/convex/, read only) as generator test cases:
 * every fixture that parses, with its own source files. Fixtures that are parse-error cases are left out.
 */
import { parseSchema } from "../../schema";
import type { SchemaModel } from "../../schema/model";
import { readFixture, schemaFixtures } from "../../schema/testdata/fixtures";

export interface FixtureCase {
  name: string;
  model: SchemaModel;
  /** The project's own files (schema and what it imports). */
  files: Record<string, string>;
}

export async function fixtureCases(): Promise<FixtureCase[]> {
  const out: FixtureCase[] = [];
  for (const name of schemaFixtures()) {
    const project = await readFixture(name);
    const parsed = parseSchema({ files: project.files, entry: project.entry, aliases: project.aliases });
    if (parsed.ok) out.push({ name: `fixture-${name}`, model: parsed.schema, files: project.files });
  }
  return out;
}
