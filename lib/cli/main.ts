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
import { quietOnClosedPipe } from "../io/runScript";

/** The program; `only: "fe"` skips loading the GDELT modules (a faster start for `alliance fe`). */
export function buildProgram(only?: "fe"): Command {
  const program = new Command("alliance")
    .description(
      "Replication kernel for Li & Gu (2022): measures, GDELT outcome, fixed-effects estimation",
    )
    .showHelpAfterError();
  registerFe(program);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when needed (see above)
  if (only !== "fe") (require("./gdelt") as typeof import("./gdelt")).registerGdelt(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  quietOnClosedPipe();
  await buildProgram(argv[2] === "fe" ? "fe" : undefined).parseAsync(argv);
}
