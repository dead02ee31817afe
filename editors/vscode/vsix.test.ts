/**
 * Builds the extension and packages it with @vscode/vsce, then checks the .vsix: its manifest (entry point,
 * commands, chat view, activation), that it carries the bundled server and this platform's parser binding and
 * nothing else of the repository, and that the server unpacked from it answers over LSP on the fixture project.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS as SERVER_COMMANDS } from "../../cli/lsp/server";
import { startLsp } from "../../cli/lsp/testing";
import { build, packageVsix, target } from "./build.mjs";

/** Unix file modes of a zip's entries, from its central directory (fflate does not expose them). */
function zipModes(zip: Buffer): Map<string, number> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const modes = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const rest = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    modes.set(zip.toString("utf8", at + 46, at + 46 + nameLength), zip.readUInt32LE(at + 38) >>> 16);
    at += 46 + rest;
  }
  return modes;
}

const tmp = mkdtempSync(path.join(tmpdir(), "sa-vsix-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("VS Code extension package", () => {
  it("packages a .vsix whose manifest, contents and bundled server work", async () => {
    await build();
    const vsix = packageVsix(path.join(tmp, "schema-assistant.vsix"));
    const files = unzipSync(new Uint8Array(readFileSync(vsix)));
    const modes = zipModes(readFileSync(vsix));
    const names = Object.keys(files).sort();
    const manifest = JSON.parse(new TextDecoder().decode(files["extension/package.json"]));
    expect(manifest.main).toBe("./dist/extension.js");
    // cli/repo-root.ts, bundled into the server, finds its package by this name (else the server stops at start).
    expect(manifest.name).toBe("schema-assistant");
    expect(manifest.engines.vscode).toMatch(/^\^1\./);
    expect(manifest.activationEvents).toContain("workspaceContains:convex/schema.ts");
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command)).toEqual([
      "schemaAssistant.analyze",
      "schemaAssistant.docs",
      "schemaAssistant.migrate",
      "schemaAssistant.optimize",
      "schemaAssistant.setToken",
    ]);
    // A workspace cannot point the token at another server or choose the command that runs.
    const settings = manifest.contributes.configuration.properties;
    expect(settings["schemaAssistant.dashboardUrl"].scope).toBe("machine");
    expect(settings["schemaAssistant.serverCommand"].scope).toBe("machine");
    // vscode-languageclient registers the server's commands itself: the same id twice would fail activation.
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command);
    expect(SERVER_COMMANDS.filter((c) => contributed.includes(c))).toEqual([]);
    expect(manifest.contributes.views.schemaAssistant).toEqual([
      { type: "webview", id: "schemaAssistant.chat", name: "Chat" },
    ]);
    const vsixManifest = new TextDecoder().decode(files["extension.vsixmanifest"]);
    expect(vsixManifest).toContain(`TargetPlatform="${target().vscodeTarget}"`);
    expect(names).toContain("extension/dist/extension.js");
    expect(names).toContain("extension/dist/server.js");
    expect(
      names.some((n) => n.startsWith(`extension/dist/node_modules/${target().binding}/`) && n.endsWith(".node")),
    ).toBe(true);
    expect(names).toContain(`extension/dist/node_modules/${target().esbuildBinary}/bin/esbuild`);
    expect(names).toContain("extension/dist/node_modules/esbuild/lib/main.js");
    // VS Code keeps these modes when it installs the package: the binary must stay executable.
    expect(modes.get(`extension/dist/node_modules/${target().esbuildBinary}/bin/esbuild`)! & 0o111).not.toBe(0);
    // Only the built extension: no sources, tests or repository files.
    expect(
      names.filter(
        (n) => n.startsWith("extension/") && !/^extension\/(dist\/|media\/|package\.json$|readme\.md$)/i.test(n),
      ),
    ).toEqual([]);
    const extension = new TextDecoder().decode(files["extension/dist/extension.js"]);
    expect(extension).toContain('require("vscode")');

    // The server from the package, unpacked on its own, serves the fixture project.
    const unpacked = path.join(tmp, "unpacked");
    for (const [name, data] of Object.entries(files)) {
      if (!name.startsWith("extension/")) continue;
      const out = path.join(unpacked, name);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, data, { mode: modes.get(name) ?? 0o644 });
    }
    const server = path.join(unpacked, "extension/dist/server.js");
    const lsp = await startLsp(undefined, server);
    try {
      lsp.open("convex/tasks.ts");
      const diagnostics = await lsp.waitForDiagnostics("convex/tasks.ts", (p) => p.diagnostics.length >= 6);
      expect(diagnostics.map((d) => d.code)).toContain("OPT109");
    } finally {
      await lsp.stop();
    }
    // It can also run a schema static reading cannot resolve (with the esbuild it carries).
    const wrapper = await startLsp(path.join(__dirname, "../../cli/testdata/evaluated/custom-wrapper"), server, {
      linkNodeModules: true,
    });
    try {
      wrapper.open("convex/schema.ts");
      const notes = await wrapper.waitForDiagnostics(
        "convex/schema.ts",
        (p) => p.diagnostics.some((d) => d.code === "SA121" || d.code === "SA120"),
        60_000,
      );
      expect(
        notes.map((d) => `${d.code} ${d.message}`),
        JSON.stringify(notes),
      ).toContain(
        'SA121 Table "tickets" was read by evaluating the schema with Convex: static reading could not resolve its shape.',
      );
    } finally {
      await wrapper.stop();
    }
  }, 120_000);
});
