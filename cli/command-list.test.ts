import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { COMMANDS, commandIn } from "./command-list";

describe("command list", () => {
  it("lists each command as its module registers it (description and arguments)", async () => {
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const program = new Command();
      (await entry.load()).register(program);
      const cmd = program.commands.find((c) => c.name() === name);
      expect(cmd, name).toBeDefined();
      expect(cmd!.description(), name).toBe(entry.description);
      const args = cmd!.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(" ");
      expect(args, name).toBe(entry.args);
    }
  });

  it("finds the command word, including `help <name>`", () => {
    expect(commandIn(["analyze", "dir", "--json"])).toBe("analyze");
    expect(commandIn(["--json", "docs"])).toBe("docs");
    expect(commandIn(["help", "migrate"])).toBe("migrate");
    expect(commandIn(["--help"])).toBeUndefined();
  });
});
