/** Types of bin/typescriptCodeCache.js (plain JavaScript: the kernel loads it before any TypeScript loader). */
export declare const TYPESCRIPT: string;
export declare const TYPESCRIPT_CACHE: string;
export declare function typescriptCachePath(root?: string): string;
export declare function checkTypeScriptCache(cache?: string): { ok: boolean; why: string };
export declare function compileTypeScript(cache?: string): {
  module: NodeJS.Module;
  used: boolean;
  why: string;
};
export declare function loadTypeScript(cache?: string): { used: boolean; why: string };
export declare function writeTypeScriptCache(
  cache: string,
  notebooksDir: string,
): { bytes: number; notebooks: number; cells: number; ms: number };
