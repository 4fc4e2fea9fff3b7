/**
 * Write a cleared .ipynb for the project kernel from a plain-text draft:
 *
 *   tsx scripts/jupyter/makeNotebook.ts draft.txt notebooks/01-theory.ipynb
 *
 * In the draft, a line `%%md` starts a Markdown cell and `%%code` a code cell;
 * everything up to the next marker is the cell's source. The notebook gets the
 * `tslab-alliance` kernelspec (scripts/jupyter/kernel.ts) and no outputs.
 * It is a convenience for writing notebooks in an editor; the committed
 * .ipynb files are the source of truth and can be edited in Jupyter directly.
 */
import * as fs from "node:fs";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME } from "./kernel";
import type { NbJson } from "./execute";

/** Split a draft into cells and build the notebook JSON (nbformat 4.4, no outputs). */
export function draftToNotebook(text: string): NbJson {
  const cells: {
    cell_type: string;
    source: string[];
    metadata: Record<string, unknown>;
    outputs?: unknown[];
    execution_count?: null;
  }[] = [];
  let cur: { type: "markdown" | "code"; lines: string[] } | undefined;
  const flush = (): void => {
    if (!cur) return;
    while (cur.lines.length && cur.lines[cur.lines.length - 1].trim() === "") cur.lines.pop();
    while (cur.lines.length && cur.lines[0].trim() === "") cur.lines.shift();
    const lines = cur.lines;
    const src = lines.map((l, i) => (i < lines.length - 1 ? l + "\n" : l));
    cells.push(
      cur.type === "code"
        ? { cell_type: "code", source: src, metadata: {}, outputs: [], execution_count: null }
        : { cell_type: "markdown", source: src, metadata: {} },
    );
  };
  for (const line of text.split("\n")) {
    const m = /^%%(md|code)\s*$/.exec(line);
    if (m) {
      flush();
      cur = { type: m[1] === "md" ? "markdown" : "code", lines: [] };
    } else if (cur) cur.lines.push(line);
    else if (line.trim())
      throw new Error(`draft text before the first %%md / %%code marker: "${line}"`);
  }
  flush();
  return {
    cells: cells as NbJson["cells"],
    metadata: {
      kernelspec: { name: KERNEL_NAME, display_name: KERNEL_DISPLAY_NAME, language: "typescript" },
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
    },
    nbformat: 4,
    nbformat_minor: 4,
  };
}

if (require.main === module) {
  const [src, out] = process.argv.slice(2);
  if (!src || !out) {
    console.error("usage: tsx scripts/jupyter/makeNotebook.ts DRAFT.txt OUT.ipynb");
    process.exit(2);
  }
  fs.writeFileSync(
    out,
    JSON.stringify(draftToNotebook(fs.readFileSync(src, "utf8")), null, 1) + "\n",
  );
  console.log(`wrote ${out}`);
}
