/** The generated module map (scripts/lite/modules.ts): import specifier -> module namespace. */
export declare const modules: Record<string, unknown>;
