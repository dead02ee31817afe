/**
 * The language server's view of one Convex project, kept up to date file by file so a keystroke costs the edited
 * file's work, not the whole project's: the schema is re-parsed only when a file it may read changes, and each
 * function file is analysed with just the files it imports (its "closure"); the project's analysis is the union
 * of those per-file analyses, which the optimizer's checks then read. File contents are data given by the caller
 * (open editor buffers win over disk), so this module does no I/O.
 */
import { parseSchema } from "../../lib/schema";
import { referencedTables, validatorToCode, type Diagnostic, type SchemaModel } from "../../lib/schema/model";
import { matchAlias, type PathAlias } from "../../lib/schema/paths";
import { lintSchema } from "../../lib/lint";
import { analyzeProject, CHECKS, type Analysis, type Finding } from "../../lib/optimize";
import { dedupe } from "../../lib/optimize/findings/shared";
import { isFunctionFile } from "../../lib/optimize/analyze/functions";
import { hasUnresolved } from "../../lib/schema/evaluated";
import { overlayEvaluated, type Evaluated } from "./evaluated";

export interface ProjectInput {
  files: Record<string, string>;
  entry: string;
  packages?: Record<string, string>;
  aliases?: PathAlias[];
  zodMajor?: 3 | 4;
  /** The functions folder (convex.json `functions`), as `ProjectFiles.functionsDir`; default: under `convex/`. */
  functionsDir?: string;
}

/**
 * Checks that read the whole project's analysis (an index nobody uses; indexes made redundant by others). Every other
 * check looks at one query site at a time, so its findings are computed per file and cached; the per-fixture test
 * in project-state.test.ts proves the union equals `checkOptimizations` over the whole project.
 */
const PROJECT_WIDE = new Set(["OPT104", "OPT105"]);

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'\n]+)["']/g;
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs", "/index.ts", "/index.js"];

/** Whether the optimizer reads this file as a module that may hold Convex functions. */
export function isAnalysedFile(file: string, functionsDir?: string): boolean {
  return (
    SOURCE.test(file) &&
    !file.endsWith(".d.ts") &&
    !file.includes("node_modules/") &&
    !file.includes("/_generated/") &&
    isFunctionFile(file, functionsDir)
  );
}

export class ProjectState {
  readonly files: Record<string, string>;
  readonly input: Omit<ProjectInput, "files">;
  /** The last schema that parsed: features keep working while the schema file has a syntax error. */
  schema: SchemaModel | undefined;
  schemaErrors: Diagnostic[] = [];
  lint: Diagnostic[] = [];
  /** Files the schema parse read (the entry and its imports): a change to one re-parses the schema. */
  private schemaFiles = new Set<string>();
  private perFile = new Map<string, Analysis>();
  /** Which fields hold ids of which table: the only part of the schema a function's analysis reads. */
  private idSignature = "";
  private closures = new Map<string, Set<string>>();
  private merged: Analysis | undefined;
  private findingsCache: Finding[] | undefined;
  private fileFindings = new Map<string, Finding[]>();
  private projectWide: Finding[] | undefined;
  /**
   * String literals of the last whole-project analysis (a file re-analysed since adds its own). A literal deleted
   * since still counts until the next whole analysis: that only withholds an "unused index" (OPT105) finding.
   */
  private baseLiterals: string[] = [];
  /** The same for what the code could name an index with (`Analysis.names`). */
  private baseNames: NonNullable<Analysis["names"]> = { exact: [], patterns: [] };
  /** Packages the last whole-project analysis saw imported (a file re-analysed since adds its own), like literals. */
  private basePackages: string[] = [];
  /** Parse errors of source files that are not function files (helpers outside convex/, the schema). */
  private otherErrors = new Map<string, Diagnostic[]>();
  /** The schema's last evaluation (see evaluated.ts), its SA121 notes, or why it failed (SA120). */
  private evaluation: { evaluated: Evaluated } | { error: Diagnostic } | undefined;
  private evaluationNotes: Diagnostic[] = [];
  /** The last static reading left something unresolved: evaluating the schema would complete it. */
  needsEvaluation = false;
  /** Function files whose imports changed since their analysis. */
  private stale = new Set<string>();

  constructor(input: ProjectInput) {
    const { files, ...rest } = input;
    this.files = { ...files };
    this.input = rest;
    this.reparseSchema();
    this.reanalyseAll();
  }

  /**
   * Sets a file's text (undefined deletes it) and redoes only what depends on it.
   * @returns the files whose own analysis was redone (the schema is reported through `schemaChanged`)
   */
  update(file: string, text: string | undefined): { schemaChanged: boolean; idsChanged: boolean; analysed: string[] } {
    if (text === undefined) delete this.files[file];
    else this.files[file] = text;
    const schemaChanged = this.schemaFiles.has(file) || file === this.input.entry;
    const ids = this.idSignature;
    if (schemaChanged) this.reparseSchema();
    const idsChanged = ids !== this.idSignature;
    const analysed: string[] = [];
    const otherBefore = JSON.stringify(this.otherErrors.get(file) ?? []);
    if (!isAnalysedFile(file, this.input.functionsDir) && SOURCE.test(file)) {
      // Whether the optimizer can parse it: the schema parser just said so for its own files (SA001).
      const errors =
        text === undefined
          ? []
          : this.schemaFiles.has(file)
            ? this.schemaErrors.filter((e) => e.code === "SA001" && e.loc?.file === file)
            : analyzeProject({ files: { [file]: text } }).errors;
      if (errors.length) this.otherErrors.set(file, errors);
      else this.otherErrors.delete(file);
    }
    // The edited file itself, then every function file that imports it.
    if (isAnalysedFile(file, this.input.functionsDir)) {
      if (text === undefined) {
        this.perFile.delete(file);
        this.closures.delete(file);
        this.fileFindings.delete(file);
      } else {
        this.analyseFile(file);
        analysed.push(file);
      }
      this.stale.delete(file);
    }
    // Function files importing it are re-analysed later, one at a time (`refreshOne`): a shared helper may have
    // hundreds of importers, and their own code did not change.
    for (const [other, closure] of this.closures) if (other !== file && closure.has(file)) this.stale.add(other);
    // The merged analysis (and what checks cache on it) survives an edit that changes no analysis, e.g. in schema.ts.
    if (
      isAnalysedFile(file, this.input.functionsDir) ||
      JSON.stringify(this.otherErrors.get(file) ?? []) !== otherBefore
    )
      this.merged = undefined;
    this.findingsCache = undefined;
    this.projectWide = undefined;
    return { schemaChanged, idsChanged, analysed };
  }

  /** Whether the schema reads this file (the entry or a file it imports). */
  isSchemaFile(file: string): boolean {
    return file === this.input.entry || this.schemaFiles.has(file);
  }

  /** How many function files wait for `refreshOne`. */
  get staleCount(): number {
    return this.stale.size;
  }

  /** Re-analyses one function file whose imports changed; false when none is left. */
  refreshOne(): boolean {
    const [file] = this.stale;
    if (file === undefined) return false;
    this.stale.delete(file);
    if (this.files[file] !== undefined) this.analyseFile(file);
    this.merged = undefined;
    this.findingsCache = undefined;
    this.projectWide = undefined;
    return true;
  }

  /** Marks every function file for re-analysis (after a schema change that alters which fields hold ids). */
  markAllStale(): void {
    for (const file of this.perFile.keys()) this.stale.add(file);
  }

  /**
   * Analyses the whole project at once (faster than file by file: shared helpers are read once) and splits the
   * result into per-file units (at startup).
   */
  reanalyseAll(): void {
    const whole = analyzeProject(
      { files: this.files, aliases: this.input.aliases, functionsDir: this.input.functionsDir },
      { schema: this.schema },
    );
    this.perFile.clear();
    this.closures.clear();
    this.fileFindings.clear();
    this.otherErrors.clear();
    this.stale.clear();
    for (const file of Object.keys(this.files)) {
      if (!isAnalysedFile(file, this.input.functionsDir)) continue;
      this.closures.set(file, this.closureOf(file));
      this.perFile.set(file, {
        functions: [],
        accesses: [],
        notAnalysed: [],
        errors: [],
        complete: true,
        literals: [],
      });
    }
    const fileOf = new Map(whole.functions.map((f) => [f.name, f.file]));
    const unit = (file: string | undefined) => (file === undefined ? undefined : this.perFile.get(file));
    for (const f of whole.functions) unit(f.file)?.functions.push(f);
    for (const a of whole.accesses) unit(fileOf.get(a.function))?.accesses.push(a);
    for (const n of whole.notAnalysed) unit(n.function ? fileOf.get(n.function) : n.loc.file)?.notAnalysed.push(n);
    for (const e of whole.errors) {
      const file = e.loc?.file ?? "";
      const own = unit(file);
      if (own) own.errors.push(e);
      else this.otherErrors.set(file, [...(this.otherErrors.get(file) ?? []), e]);
    }
    const broken = new Set(whole.errors.map((e) => e.loc?.file));
    for (const [file, u] of this.perFile) u.complete = ![...this.closures.get(file)!].some((f) => broken.has(f));
    this.baseLiterals = whole.literals;
    this.baseNames = whole.names ?? { exact: [], patterns: [] };
    this.basePackages = whole.packages ?? [];
    this.merged = undefined;
    this.findingsCache = undefined;
    this.projectWide = undefined;
  }

  /** The project's analysis: the union of the per-file analyses. */
  analysis(): Analysis {
    if (this.merged) return this.merged;
    const out: Analysis = {
      functions: [],
      accesses: [],
      notAnalysed: [],
      errors: [],
      complete: this.otherErrors.size === 0,
      literals: [],
    };
    const literals = new Set<string>(this.baseLiterals);
    const exact = new Set<string>(this.baseNames.exact);
    const patterns = new Map(this.baseNames.patterns.map((p) => [JSON.stringify(p), p]));
    const packages = new Set<string>(this.basePackages);
    for (const a of this.perFile.values()) {
      for (const p of a.packages ?? []) packages.add(p);
      for (const n of a.names?.exact ?? []) exact.add(n);
      for (const p of a.names?.patterns ?? []) patterns.set(JSON.stringify(p), p);
      out.functions.push(...a.functions);
      out.accesses.push(...a.accesses);
      out.notAnalysed.push(...a.notAnalysed);
      out.errors.push(...a.errors);
      if (!a.complete) out.complete = false;
      for (const l of a.literals) literals.add(l);
    }
    for (const errors of this.otherErrors.values()) out.errors.push(...errors);
    if (this.perFile.size === 0) out.complete = false;
    out.literals = [...literals].sort();
    out.names = { exact: [...exact].sort(), patterns: [...patterns.values()] };
    out.packages = [...packages].sort();
    this.merged = out;
    return out;
  }

  /** Optimizer findings over the whole project (empty while no schema has parsed). */
  findings(): Finding[] {
    if (!this.findingsCache)
      this.findingsCache = this.schema ? dedupe([...this.siteFindings(), ...this.projectWideFindings()]) : [];
    return this.findingsCache;
  }

  /** Every diagnostic of the project, by file: schema errors or parser warnings and lint, and optimizer findings. */
  diagnostics(): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    for (const d of [...this.schemaDiagnostics(), ...this.analysisErrors(), ...this.findings()]) {
      const file = d.loc?.file ?? this.input.entry;
      out.set(file, [...(out.get(file) ?? []), d]);
    }
    return out;
  }

  /**
   * The diagnostics of one file, equal to `diagnostics().get(file)` but computing only what can be located there:
   * per-site findings only for function files, project-wide ones (located at indexes) only for schema files. After a
   * keystroke this is what the edited buffer needs first; the rest of the project follows.
   */
  fileDiagnostics(file: string): Diagnostic[] {
    const here = (d: Diagnostic) => (d.loc?.file ?? this.input.entry) === file;
    const out = [...this.schemaDiagnostics(), ...this.analysisErrors()].filter(here);
    if (!this.schema) return out;
    const findings: Finding[] = [];
    if (isAnalysedFile(file, this.input.functionsDir)) findings.push(...this.siteFindings().filter(here));
    if (!isAnalysedFile(file, this.input.functionsDir) || this.schemaFiles.has(file))
      findings.push(...this.projectWideFindings().filter(here));
    return [...out, ...dedupe(findings)];
  }

  /** Files the optimizer could not parse; the schema's own files only while the schema parser does not say so itself. */
  private analysisErrors(): Diagnostic[] {
    const errors = this.analysis().errors;
    return this.schemaErrors.length ? errors.filter((e) => !this.schemaFiles.has(e.loc?.file ?? "")) : errors;
  }

  private schemaDiagnostics(): Diagnostic[] {
    if (this.schemaErrors.length) return this.schemaErrors;
    return this.schema ? [...this.schema.warnings, ...this.evaluationNotes, ...this.lint] : [];
  }

  /**
   * Sets the result of evaluating the schema (run by the server when the schema is opened or saved) and reads the
   * schema again with it. @returns whether which fields hold ids changed (function files then need re-analysis)
   */
  setEvaluation(result: { evaluated: Evaluated } | { error: Diagnostic }): boolean {
    this.evaluation = result;
    const ids = this.idSignature;
    this.reparseSchema();
    return ids !== this.idSignature;
  }

  /** Findings of the per-site checks, per function file (cached until the file or the schema changes). */
  private siteFindings(): Finding[] {
    const schema = this.schema;
    if (!schema) return [];
    const all: Finding[] = [];
    for (const [file, analysis] of this.perFile) {
      let own = this.fileFindings.get(file);
      if (!own) {
        own = CHECKS.filter((c) => !PROJECT_WIDE.has(c.code)).flatMap((c) => c.check({ schema, analysis }));
        this.fileFindings.set(file, own);
      }
      all.push(...own);
    }
    return all;
  }

  /** Located at the schema's indexes: withheld while the schema does not parse (its last model's places are stale). */
  private projectWideFindings(): Finding[] {
    const schema = this.schema;
    if (!schema || this.schemaErrors.length) return [];
    if (!this.projectWide) {
      const analysis = this.analysis();
      this.projectWide = CHECKS.filter((c) => PROJECT_WIDE.has(c.code)).flatMap((c) => c.check({ schema, analysis }));
    }
    return this.projectWide;
  }

  private reparseSchema(): void {
    const parsed = parseSchema({ ...this.input, files: this.files });
    this.schemaFiles = this.closureOf(this.input.entry);
    if (parsed.ok) {
      this.needsEvaluation = hasUnresolved(parsed.schema);
      const read =
        this.evaluation && "evaluated" in this.evaluation
          ? overlayEvaluated(parsed.schema, this.evaluation.evaluated)
          : { schema: parsed.schema, notes: [] };
      this.schema = read.schema;
      this.evaluationNotes = [
        ...read.notes,
        ...(this.evaluation && "error" in this.evaluation && this.needsEvaluation ? [this.evaluation.error] : []),
      ];
      this.idSignature = JSON.stringify(
        read.schema.tables.map((t) => [
          t.name,
          t.fields
            .filter((f) => referencedTables(f.validator).length)
            .map((f) => [f.name, validatorToCode(f.validator)]),
        ]),
      );
      this.schemaErrors = [];
      this.lint = lintSchema(read.schema);
    } else {
      this.schemaErrors = parsed.errors;
    }
    this.findingsCache = undefined;
    this.projectWide = undefined;
    this.fileFindings.clear();
  }

  private analyseFile(file: string): void {
    this.fileFindings.delete(file);
    const closure = this.closureOf(file);
    this.closures.set(file, closure);
    const files: Record<string, string> = {};
    for (const f of closure) files[f] = this.files[f];
    const a = analyzeProject(
      { files, aliases: this.input.aliases, functionsDir: this.input.functionsDir },
      { schema: this.schema },
    );
    // Keep only what belongs to this file's own functions; imported files are analysed as their own units.
    const functions = a.functions.filter((f) => f.file === file);
    const names = new Set(functions.map((f) => f.name));
    this.perFile.set(file, {
      functions,
      accesses: a.accesses.filter((x) => names.has(x.function)),
      notAnalysed: a.notAnalysed.filter((n) => (n.function ? names.has(n.function) : n.loc.file === file)),
      errors: a.errors.filter((e) => e.loc?.file === file),
      complete: a.errors.length === 0,
      literals: a.literals,
      ...(a.names ? { names: a.names } : {}),
    });
  }

  /** The file and every project file it imports, transitively (relative imports and tsconfig aliases). */
  private closureOf(file: string): Set<string> {
    const seen = new Set<string>();
    const queue = [file];
    while (queue.length) {
      const f = queue.pop()!;
      if (seen.has(f) || this.files[f] === undefined) continue;
      seen.add(f);
      for (const m of this.files[f].matchAll(IMPORT)) {
        const target = this.resolve(f, m[1]);
        if (target && !seen.has(target)) queue.push(target);
      }
    }
    return seen;
  }

  private resolve(from: string, spec: string): string | undefined {
    const bases =
      spec.startsWith("./") || spec.startsWith("../")
        ? [joinPath(dirname(from), spec)]
        : (matchAlias(spec, this.input.aliases ?? [])?.paths ?? []).map(normalize);
    for (const base of bases) {
      const stem = base.replace(/\.(m|c)?js$/, "");
      for (const c of [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.slice(1).map((e) => stem + e)]) {
        if (SOURCE.test(c) && this.files[c] !== undefined) return c;
      }
    }
    return undefined;
  }
}

function dirname(file: string): string {
  const i = file.lastIndexOf("/");
  return i < 0 ? "" : file.slice(0, i);
}

function joinPath(dir: string, rel: string): string {
  return normalize(dir ? `${dir}/${rel}` : rel);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}
