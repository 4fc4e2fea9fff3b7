import type { Command } from "commander";
/** Registers `alliance gdelt` (implemented in the GDELT work, issue 4). */
export function registerGdelt(_program: Command): void {}
