import { Command } from "commander";

/** Every command lives in cli/commands/<name>.ts and exports `register(program)`. */
const COMMANDS = ["dev", "backend", "chat", "analyze", "docs", "migrate", "generate", "optimize", "import"];

const program = new Command()
  .name("schema-assistant")
  .description("Design, document, migrate and optimize the schema of a Convex app.")
  .showHelpAfterError();

for (const name of COMMANDS) {
  const mod = (await import(`./commands/${name}.ts`)) as { register(program: Command): void };
  mod.register(program);
}

await program.parseAsync(process.argv);
