/** Types of bin/bundle.js (plain JavaScript: it runs before any TypeScript loader). */
export declare function freshBundle(
  root: string,
  dist?: string,
): { bundle: string | null; why: string };
export declare function freshKernel(
  root: string,
  dir?: string,
): { dir: string | null; why: string };
export declare function freshBuild(
  root: string,
  dir: string,
  rebuild: string,
): { ok: boolean; why: string };
