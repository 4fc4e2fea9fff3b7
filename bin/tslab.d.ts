/** Types of bin/tslab.js (plain JavaScript: the kernel starts it before any TypeScript loader). */
export declare const CONVERTER: string;
export declare function changedConverterSource(text: string): { source: string } | { why: string };
export declare function loadConverter(
  changed: boolean,
  typescript?: NodeJS.Module,
): { module: NodeJS.Module; why: string };
export declare const WARM_CELLS: readonly string[];
export declare function warmConverter(converter: {
  convert(prevDecl: string, src: string): { declOutput?: string };
}): void;
