import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkArchitecture } from "./check";
import { readRepoSources } from "./repo-files";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("architecture", () => {
  it("the repository keeps its layering (each violation names the file, line and rule)", () => {
    const violations = checkArchitecture(readRepoSources(ROOT));
    expect(violations.map((v) => `${v.place} ${v.message}`)).toEqual([]);
  });

  it("catches planted violations and allows what tests may do", () => {
    const v = checkArchitecture({
      "lib/schema/x.ts":
        'import { a } from "../../cli/project-files";\nimport fs from "node:fs";\nexport const t = Date.now() + Math.random();\nsetTimeout(() => {}, 1);\nconst d = new Date();\nconst ok = new Date(0);\n',
      "lib/schema/x.test.ts": 'import fs from "node:fs";\nimport { y } from "../../eval/y";\nDate.now();\n',
      "lib/schema/testdata/case/convex/schema.ts": 'import { v } from "@/convex/lib/validators";\n',
      "convex/tasks.ts": 'import { b } from "../backend/index";\nimport { c } from "@/components/ui/button";\n',
      "convex/tasks.node.test.ts": 'import { b } from "../backend/index";\n',
      "components/x.tsx": 'const m = await import("../backend/engine");\n',
      "app/api/x/route.ts":
        'import { a } from "../../../backend/request-limits";\nimport { b } from "../../../backend/index";\n',
      "app/projects/page.tsx": 'import { a } from "../../backend/request-limits";\n',
      "cli/commands/x.ts": 'import fs from "node:fs";\nimport { e } from "../../lib/schema";\n',
    });
    expect(v.map((x) => x.place)).toEqual([
      "lib/schema/x.ts:1",
      "lib/schema/x.ts:2",
      "lib/schema/x.ts:3",
      "lib/schema/x.ts:3",
      "lib/schema/x.ts:4",
      "lib/schema/x.ts:5",
      "lib/schema/x.test.ts:2",
      "convex/tasks.ts:1",
      "convex/tasks.ts:2",
      "components/x.tsx:1",
      "app/api/x/route.ts:1",
      "app/api/x/route.ts:2",
      "app/projects/page.tsx:1",
    ]);
    expect(v[0].message).toContain('"lib/" may not import "../../cli/project-files"');
    expect(v[2].message).toContain("Date.now");
  });

  it("catches a JSON.parse cast in production code of components/, convex/, cli/ and lib/ (tests and the allowed list may)", () => {
    const cast = "const a = JSON.parse(text) as Model;\n";
    const v = checkArchitecture({
      "components/chat/x.tsx": `const ok = JSON.parse(text);\n${cast}`,
      "convex/x.ts": "const d = jsonToConvex(JSON.parse(line)) as Doc;\nconst k = JSON.parse(t) as const;\n",
      "cli/x.ts": "const v = (JSON.parse(readFileSync(f, 'utf8')) as { version: string }).version;\n",
      "lib/schema/x.ts":
        "const m = shape.parse(text, 'x');\nconst n = parse(() => JSON.parse(t)) ;\nconst o = f(() => JSON.parse(t)) as X;\n",
      "lib/schema/x.test.ts": cast,
      "backend/x.ts": cast,
      "lib/import/defaults.ts": cast,
    });
    expect(v.map((x) => x.place)).toEqual(["components/chat/x.tsx:2", "convex/x.ts:1", "cli/x.ts:1"]);
    expect(v[0].message).toContain("through a stored shape (lib/stored)");
  });

  it("keeps native code out of the browser: the native-parser entry, and any import chain that reaches it", () => {
    const lib = {
      "lib/schema/index.ts": 'export * from "./model";\nexport { parseSchema } from "./parse";\n',
      "lib/schema/browser.ts": 'export * from "./model";\n',
      "lib/schema/model.ts": "export interface SchemaModel { tables: unknown[] }\nexport const x = 1;\n",
      "lib/schema/parse/index.ts": 'import { parseSync } from "oxc-parser";\nexport const parseSchema = parseSync;\n',
      "lib/docs/index.ts": 'import { parseSchema } from "../schema";\nexport const docs = parseSchema;\n',
    };
    const v = checkArchitecture({
      ...lib,
      "components/a.tsx": 'import { x } from "@/lib/schema";\nimport type { SchemaModel } from "@/lib/schema";\n',
      "components/b.tsx": 'import { docs } from "../lib/docs";\nimport { x } from "@/lib/schema/browser";\n',
      "app/page.tsx": 'import { parseSchema } from "../lib/schema/parse";\n',
      "app/api/route.ts": 'import { parseSchema } from "../../lib/schema";\n',
      "components/a.test.tsx": 'import { parseSchema } from "../lib/schema";\n',
    });
    expect(v.map((x) => x.place)).toEqual(["components/a.tsx:1", "components/b.tsx:1", "app/page.tsx:1"]);
    expect(v[0].message).toContain(
      'browser code may not import "@/lib/schema" (it loads native code): import "lib/schema/browser" instead',
    );
    expect(v[1].message).toContain(
      "(components/b.tsx → lib/docs/index.ts → lib/schema/index.ts → lib/schema/parse/index.ts → oxc-parser)",
    );
  });
});
