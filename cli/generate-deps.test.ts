import { describe, expect, it } from "vitest";
import { addToPackageJson, importedPackages, installCommand, missingPackages } from "./generate-deps";

const FILES = {
  "convex/tasks.ts": 'import { v } from "convex/values";\nimport { query } from "./_generated/server";\n',
  "convex/seed.ts": 'import { faker } from "@faker-js/faker/locale/en";\nimport path from "node:path";\n',
  "convex/tasks.test.ts":
    'import { convexTest } from "convex-test";\nimport { expect } from "vitest";\nimport { z } from "zod";\n',
  "convex/validators/tasks.zod.ts": 'import { z } from "zod";\n',
};

describe("packages generated code needs", () => {
  it("names packages (scoped ones whole), skips builtins and relative imports; test-only ones are dev", () => {
    expect(Object.fromEntries(importedPackages(FILES))).toEqual({
      convex: { dev: false },
      "@faker-js/faker": { dev: false },
      "convex-test": { dev: true },
      vitest: { dev: true },
      zod: { dev: false },
    });
  });

  it("lists what the project does not declare in any section, with tested versions", () => {
    const missing = missingPackages(FILES, { dependencies: { convex: "^1.48.0" }, devDependencies: { vitest: "^3" } });
    expect(missing.map((p) => [p.name, p.dev])).toEqual([
      ["@faker-js/faker", false],
      ["convex-test", true],
      ["zod", false],
    ]);
    expect(missing.find((p) => p.name === "convex-test")!.spec).toBe("0.0.60");
  });

  it("adds them to package.json sorted, keeping its indentation, and prints the install command per manager", () => {
    const needed = [
      { name: "zod", spec: "^4.6.7", dev: false },
      { name: "vitest", spec: "^4.1.12", dev: true },
    ];
    const text = '{\n\t"name": "x",\n\t"dependencies": {\n\t\t"convex": "1.48.0"\n\t}\n}\n';
    expect(addToPackageJson(text, needed)).toBe(
      '{\n\t"name": "x",\n\t"dependencies": {\n\t\t"convex": "1.48.0",\n\t\t"zod": "^4.6.7"\n\t},\n\t"devDependencies": {\n\t\t"vitest": "^4.1.12"\n\t}\n}\n',
    );
    expect(installCommand(needed, "npm")).toBe("npm install zod@^4.6.7 && npm install -D vitest@^4.1.12");
    expect(installCommand(needed, "pnpm")).toBe("pnpm add zod@^4.6.7 && pnpm add -D vitest@^4.1.12");
    expect(installCommand([{ name: "x", spec: ">=1 <2", dev: false }], "npm")).toBe("npm install 'x@>=1 <2'");
  });
});
