/** Types of bin/runCommonJs.js (plain JavaScript: the kernel runs it before any TypeScript loader). */
import type { Script } from "node:vm";
export declare function runCommonJs(
  file: string,
  source: string,
  cachedData?: Buffer,
): { module: NodeJS.Module; script: Script };
