/**
 * Import aliases from tsconfig `compilerOptions.paths` (e.g. `"@cvx/*": ["./*"]`), shared by the schema parser and
 * the optimizer. Pure: the CLI reads tsconfig files and passes the aliases in (cli/tsconfig-paths.ts).
 */

/**
 * An import alias: `pattern` may hold one `*` ("@cvx/*"), each target is a path from the project root with the
 * same `*` ("convex/*").
 */
export interface PathAlias {
  pattern: string;
  targets: string[];
}

/**
 * The alias a specifier matches, as TypeScript picks it (the longest prefix before the `*` wins), and the paths it
 * stands for, in the alias's order; undefined when none matches.
 */
export function matchAlias(
  spec: string,
  aliases: readonly PathAlias[],
): { alias: PathAlias; paths: string[] } | undefined {
  let best: { alias: PathAlias; rest: string; prefix: number } | undefined;
  for (const alias of aliases) {
    const star = alias.pattern.indexOf("*");
    const [prefix, suffix] =
      star < 0 ? [alias.pattern, ""] : [alias.pattern.slice(0, star), alias.pattern.slice(star + 1)];
    const matches =
      star < 0
        ? spec === prefix
        : spec.length >= prefix.length + suffix.length && spec.startsWith(prefix) && spec.endsWith(suffix);
    if (!matches || (best && best.prefix >= prefix.length)) continue;
    best = {
      alias,
      rest: star < 0 ? "" : spec.slice(prefix.length, spec.length - suffix.length),
      prefix: prefix.length,
    };
  }
  return best && { alias: best.alias, paths: best.alias.targets.map((t) => t.replace("*", best.rest)) };
}
