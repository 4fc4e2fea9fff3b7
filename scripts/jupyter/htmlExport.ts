/**
 * HTML exports of executed notebooks that open offline in any browser, and
 * the index page that lists them like a small book.
 *
 * `nbconvert --to html` (lab template) renders each chart through its
 * `text/html` fallback (lib/viz/plotly.ts): a div and a script waiting for
 * `window.Plotly`. The notebooks carry no plotly.js, so {@link finishHtml}
 * adds it ONCE per page, before `</head>`, from node_modules/plotly.js-dist-min
 * (no CDN). It also removes the template's require.js `<script>` (loaded from
 * a CDN; nothing in these pages uses it, and with it present plotly.js would
 * register as an AMD module instead of `window.Plotly`). MathJax stays a CDN
 * script: offline, formulas show as TeX source.
 *
 * nbconvert writes into a temporary folder; each finished page replaces the
 * old one with a rename.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CHART_CLASS, plotlyLoaderHtml } from "../../lib/viz/plotly";
import { writeAtomic } from "./atomicWrite";
import { ensureJupyter } from "./env";
import { readNotebook, run, type NbJson } from "./execute";
import { jupyterEnv } from "./kernel";

/** The require.js script tag of nbconvert's templates. */
const REQUIRE_JS = /<script src="[^"]*require(?:\.min)?\.js"><\/script>\s*/g;

/** Post-process one nbconvert HTML page: drop require.js, add plotly.js once when the page has charts. */
export function finishHtml(html: string, loader: () => string = plotlyLoaderHtml): string {
  let out = html.replace(REQUIRE_JS, "");
  if (
    out.includes(`class="${CHART_CLASS}"`) &&
    !out.includes("inlined from node_modules/plotly.js-dist-min")
  ) {
    const i = out.indexOf("</head>");
    if (i < 0) throw new Error("nbconvert HTML without </head>: cannot add plotly.js");
    out = out.slice(0, i) + loader() + "\n" + out.slice(i);
  }
  return out;
}

/**
 * Export executed notebooks to HTML in `htmlDir`, finish each page
 * ({@link finishHtml}) and write `index.html` ({@link bookIndex}). The
 * notebooks are split over `parallel` nbconvert processes (default: the
 * number of CPUs, at most 2), each converting its share in one call; every
 * page is what one call over all of them writes. Returns the HTML paths of
 * the notebooks, in the given order.
 */
export async function exportHtml(
  executed: readonly string[],
  htmlDir: string,
  opts: { python?: string; parallel?: number } = {},
): Promise<string[]> {
  if (executed.length === 0) return [];
  const py = opts.python ?? (await ensureJupyter()).python;
  fs.mkdirSync(htmlDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(htmlDir, ".exporting-"));
  try {
    const parts = Math.max(
      1,
      Math.min(opts.parallel ?? Math.min(2, os.cpus().length), executed.length),
    );
    const shares = Array.from({ length: parts }, (_, k) =>
      executed.filter((_f, i) => i % parts === k),
    );
    const results = await Promise.all(
      shares.map((share) =>
        run(py, ["-m", "nbconvert", "--to", "html", "--output-dir", tmp, ...share], jupyterEnv()),
      ),
    );
    for (const r of results)
      if (r.code !== 0)
        throw new Error(
          `nbconvert --to html failed (exit ${r.code ?? "none, killed by a signal"}):\n${r.stderr}`,
        );
    let loader: string | undefined;
    const pages = executed.map((f) => {
      const name = path.basename(f).replace(/\.ipynb$/, ".html");
      const html = finishHtml(
        fs.readFileSync(path.join(tmp, name), "utf8"),
        () => (loader ??= plotlyLoaderHtml()),
      );
      writeAtomic(path.join(htmlDir, name), html);
      return path.join(htmlDir, name);
    });
    writeAtomic(
      path.join(htmlDir, "index.html"),
      bookIndex(
        executed.map((f) => ({
          file: path.basename(f).replace(/\.ipynb$/, ".html"),
          nb: readNotebook(f),
        })),
      ),
    );
    return pages;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export interface Chapter {
  /** From the first `# ` heading of the first markdown cell. */
  title: string;
  /** Items of the list after "Learning goals" in the first markdown cell (Markdown source). */
  goals: string[];
}

const text = (s: string | string[]): string => (Array.isArray(s) ? s.join("") : s);

/**
 * Title and learning goals of a notebook, from its first markdown cell: the
 * first line starting with `# `, and the list items (`1.` or `-`) that follow
 * the line containing "Learning goals". Throws, naming what is missing, when
 * the cell lacks either (the notebook test requires both).
 */
export function chapterOf(nb: NbJson, name = "notebook"): Chapter {
  const first = nb.cells.find((c) => c.cell_type === "markdown");
  if (!first) throw new Error(`${name}: no markdown cell`);
  const lines = text(first.source).split("\n");
  const title = lines
    .find((l) => /^#\s+/.test(l))
    ?.replace(/^#\s+/, "")
    .trim();
  if (!title) throw new Error(`${name}: the first markdown cell has no '# title' line`);
  const at = lines.findIndex((l) => /learning goals/i.test(l));
  if (at < 0) throw new Error(`${name}: the first markdown cell has no 'Learning goals'`);
  const goals: string[] = [];
  for (const l of lines.slice(at + 1)) {
    const m = /^\s*(?:\d+[.)]|[-*])\s+(.*)$/.exec(l);
    if (m) goals.push(m[1].trim());
    else if (goals.length && l.trim() === "") break;
    else if (goals.length && /^\s+\S/.test(l)) goals[goals.length - 1] += " " + l.trim();
  }
  return { title, goals };
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Inline Markdown of one list item to HTML: code spans, bold, italics,
 * links; everything else escaped. Hand-written because the goals use only
 * these four spans and the project has no Markdown package (nbconvert's
 * renderer is Python).
 */
export function inlineMarkdown(md: string): string {
  const codes: string[] = [];
  let s = md.replace(/`([^`]+)`/g, (_, c: string) => `\ue000${codes.push(c) - 1}\ue000`);
  s = escapeHtml(s)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
  return s.replace(
    /\ue000(\d+)\ue000/g,
    (_, i: string) => `<code>${escapeHtml(codes[Number(i)])}</code>`,
  );
}

/** The index page: each notebook in order, its title as a link, its learning goals below. */
export function bookIndex(chapters: readonly { file: string; nb: NbJson }[]): string {
  const items = chapters
    .map(({ file, nb }) => {
      const c = chapterOf(nb, file);
      const goals = c.goals.length
        ? `\n<ol class="goals">\n${c.goals.map((g) => `  <li>${inlineMarkdown(g)}</li>`).join("\n")}\n</ol>`
        : "";
      return `<li class="chapter"><a href="${escapeHtml(encodeURI(file))}">${inlineMarkdown(c.title)}</a>${goals}\n</li>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Technical cooperation and alliance pressure: the notebooks</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #222; }
h1 { font-size: 1.6rem; } ol.book { padding-left: 0; list-style: none; }
li.chapter { margin: 1.4rem 0; } li.chapter > a { font-size: 1.2rem; font-weight: bold; text-decoration: none; }
ol.goals { margin-top: .4rem; color: #444; } code { background: #f3f3f3; padding: 0 .2em; }
</style>
</head>
<body>
<h1>Technical cooperation and alliance pressure: the notebooks</h1>
<p>Executed copies of the seminar notebooks (Li &amp; Gu 2022 replication), in reading order.
Each page opens offline; the learning goals are those stated at the top of each notebook.</p>
<ol class="book">
${items}
</ol>
</body>
</html>
`;
}
