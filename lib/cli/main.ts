/**
 * Entry point of the `alliance` command line (bin/alliance.js).
 *
 *   alliance fe ...       two-way fixed-effects regression on a CSV (lib/cli/fe.ts)
 *   alliance gdelt ...    fetch / aggregate / bigquery for the GDELT outcome (lib/cli/gdelt.ts)
 *
 * Each subcommand lives in its own module and registers itself here.
 */
import { Command } from "commander";
import { registerFe } from "./fe";
import { registerGdelt } from "./gdelt";

export function buildProgram(): Command {
  const program = new Command("alliance")
    .description("Replication kernel for Li & Gu (2022): measures, GDELT outcome, fixed-effects estimation")
    .showHelpAfterError();
  registerFe(program);
  registerGdelt(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
