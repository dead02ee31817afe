/**
 * The schema parser's fixtures (lib/schema/testdata/<case>/convex/), read only, as generator test cases.
 * Empty until the parser lands.
 */
import type { SchemaModel } from "../../schema/model";

export function fixtureCases(): { name: string; model: SchemaModel; schema: string }[] {
  return [];
}
