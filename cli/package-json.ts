/**
 * package.json files the CLI reads (ours, Convex's, a user's project, a corpus folder): checked when read instead of
 * cast. Only the keys the CLI uses are checked; the rest of the file is kept as it is.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const deps = z.record(z.string(), z.string()).optional();

const packageJsonSchema = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  dependencies: deps,
  devDependencies: deps,
  peerDependencies: deps,
  optionalDependencies: deps,
});

export type PackageJson = z.infer<typeof packageJsonSchema>;

/** The package.json in `text`; the error names `file` and the first problem. */
export function parsePackageJson(text: string, file: string): PackageJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const result = packageJsonSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${file}: not a package.json (${issue.path.join(".") || "(root)"}: ${issue.message})`);
  }
  return result.data;
}

export function readPackageJson(file: string): PackageJson {
  return parsePackageJson(readFileSync(file, "utf8"), file);
}

/** The `version` of an installed package's package.json (an error when it has none). */
export function packageVersion(file: string): string {
  const { version } = readPackageJson(file);
  if (version === undefined) throw new Error(`${file}: no "version"`);
  return version;
}
