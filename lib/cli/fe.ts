import type { Command } from "commander";
/** Registers `alliance fe` (implemented in the estimation work, issue 3). */
export function registerFe(_program: Command): void {}
