/**
 * Parse context: the input files, loaded modules, diagnostics and the path of the model element being read
 * (used to name warnings like `tasks.ownerId`).
 */
import type { Diagnostic } from "../model";
import { matchAlias, type PathAlias } from "../paths";
import { knownModuleSource } from "./known";
import { locOf, parseModule, type Binding, type Node, type SourceModule } from "./source";
import type { Val } from "./values";

export class ParseContext {
  readonly modules = new Map<string, SourceModule | null>();
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  /** keys of the model element being read, e.g. ["tasks", "ownerId"] */
  readonly path: string[] = [];
  readonly memo = new Map<Binding | Node, Val | "pending">();
  readonly exportStack = new Set<string>();
  depth = 0;

  constructor(
    readonly files: Record<string, string>,
    readonly packages: Record<string, string> = {},
    readonly aliases: readonly PathAlias[] = [],
    /** the major version of the installed "zod" package, when known */
    readonly zodMajor?: 3 | 4,
  ) {}

  error(code: string, message: string, node: Node | undefined, mod: SourceModule | undefined): void {
    this.errors.push({
      code,
      severity: "error",
      message,
      loc: node && mod ? locOf(mod, node) : undefined,
      path: this.pathString(),
    });
  }

  warn(code: string, message: string, node: Node, mod: SourceModule): void {
    this.warnings.push({ code, severity: "warning", message, loc: locOf(mod, node), path: this.pathString() });
  }

  private pathString(): string | undefined {
    return this.path.length ? this.path.join(".") : undefined;
  }

  /** Loads (once) and returns a module by its project path, or null when missing or unparsable. */
  load(file: string): SourceModule | null {
    const cached = this.modules.get(file);
    if (cached !== undefined) return cached;
    const source = this.files[file] ?? knownModuleSource(file);
    if (source === undefined) {
      this.modules.set(file, null);
      return null;
    }
    const { module, errors } = parseModule(file, source);
    this.errors.push(...errors);
    this.modules.set(file, module ?? null);
    return module ?? null;
  }

  /**
   * A non-relative import that a tsconfig path alias maps: the project file it names (the first target present), or
   * the alias's pattern when none of its targets is in the input. Undefined when no alias matches (a package).
   */
  resolveAlias(spec: string): { path?: string; pattern: string } | undefined {
    const match = matchAlias(spec, this.aliases);
    if (!match) return undefined;
    for (const target of match.paths) {
      const path = this.resolvePath("", target);
      if (path) return { path, pattern: match.alias.pattern };
    }
    return { pattern: match.alias.pattern };
  }

  /** Resolves a relative import to a path present in the input, trying TypeScript/JS extensions and index files. */
  resolvePath(fromFile: string, spec: string): string | undefined {
    const dir = fromFile.split("/").slice(0, -1);
    const parts = [...dir];
    for (const seg of spec.split("/")) {
      if (seg === "." || seg === "") continue;
      if (seg === "..") {
        if (parts.length === 0) return undefined;
        parts.pop();
      } else parts.push(seg);
    }
    const base = parts.join("/");
    const stem = base.replace(/\.(m|c)?js$/, "");
    const candidates = [
      base,
      `${stem}.ts`,
      `${stem}.tsx`,
      `${stem}.mts`,
      `${stem}.js`,
      `${stem}.jsx`,
      `${stem}.mjs`,
      `${base}/index.ts`,
      `${base}/index.js`,
    ];
    return candidates.find((c) => c in this.files);
  }
}
