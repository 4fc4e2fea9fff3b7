/** Types of bin/bundle.js (plain JavaScript: it runs before any TypeScript loader). */
export declare function freshBundle(root: string, dist?: string): { bundle: string | null; why: string };
