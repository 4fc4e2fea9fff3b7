/** Types of bin/kernelStart.js (plain JavaScript: scripts/jupyter/tslab-kernel.sh runs it before any TypeScript loader). */
export declare function kernelStart(
  root: string,
  env: NodeJS.ProcessEnv,
): { dir: string; blob: string; notes: string[] };
