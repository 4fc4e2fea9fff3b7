/**
 * Save every plotly chart of executed notebooks as a figure file:
 * `build/figures/<notebook>-<k>.json` (the plotly figure) and a standalone
 * `<notebook>-<k>.html` that loads `plotly.min.js` copied once beside them.
 * Nothing is recomputed: the figures are read from the notebooks' outputs
 * (MIME type application/vnd.plotly.v1+json).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PLOTLY_MIME, plotlyJsPath, scriptJson } from "../../lib/viz/plotly";
import { readNotebook } from "./execute";

interface Out {
  data?: Record<string, unknown>;
}

/** Write the figures of the given executed notebooks into `dir`; returns the JSON paths. */
export function extractFigures(executed: readonly string[], dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(plotlyJsPath(), path.join(dir, "plotly.min.js"));
  const written: string[] = [];
  for (const file of executed) {
    const stem = path.basename(file, ".ipynb");
    let k = 0;
    for (const cell of readNotebook(file).cells) {
      for (const o of (cell.outputs ?? []) as Out[]) {
        const fig = o.data?.[PLOTLY_MIME] as { layout?: { title?: { text?: string } } } | undefined;
        if (!fig) continue;
        const name = `${stem}-${++k}`;
        fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(fig) + "\n");
        const title = fig.layout?.title?.text ?? name;
        fs.writeFileSync(
          path.join(dir, `${name}.html`),
          `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title.replace(/</g, "&lt;")}</title>` +
            `<script src="plotly.min.js"></script></head>\n<body><div id="fig"></div>\n` +
            `<script>var f = ${scriptJson(fig)}; Plotly.newPlot("fig", f.data, f.layout, f.config);</script></body></html>\n`,
        );
        written.push(path.join(dir, `${name}.json`));
      }
    }
  }
  return written;
}
