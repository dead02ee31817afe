import { Command } from "commander";
import { COMMANDS, commandIn } from "./command-list.ts";

export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name("schema-assistant")
    .description("Design, document, migrate and optimize the schema of a Convex app.")
    .showHelpAfterError();
  const name = commandIn(argv.slice(2));
  if (name && Object.hasOwn(COMMANDS, name)) {
    (await COMMANDS[name].load()).register(program);
  } else {
    // Listing only: commander prints these in --help and suggests one for an unknown name.
    for (const [n, c] of Object.entries(COMMANDS)) {
      const cmd = program.command(n).description(c.description);
      for (const a of c.args.split(" ").filter(Boolean)) cmd.argument(a);
    }
  }
  await program.parseAsync(argv);
}

await main(process.argv);
