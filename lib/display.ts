/**
 * Rich output for notebook cells: one MIME bundle per call. Used by lib/viz
 * (charts) and lib/notebook (tables, prose); depends on neither.
 *
 * Jupyter shows a "display_data" message as the richest MIME type the
 * frontend understands, so one bundle can carry several renderings of the same
 * object (e.g. a plotly chart as `text/html` for Notebook 6 and the HTML
 * export, and as `application/vnd.plotly.v1+json` for VS Code or JupyterLab
 * with the plotly extension).
 *
 * tslab's public `display` object sends one MIME type per message, so this
 * module calls the function tslab itself uses for that
 * (`tslab/dist/jupyter`.lastWriteDisplayData) with the whole bundle. Outside a
 * kernel (tests, scripts), bundles go to a sink that tests can replace with
 * {@link setDisplaySink}; by default their `text/plain` part is printed.
 */

/** A MIME bundle: MIME type -> content (string or JSON-serialisable object). */
export type MimeBundle = Record<string, unknown>;

export type DisplaySink = (bundle: MimeBundle) => void;

let sink: DisplaySink | undefined;

/** Route bundles somewhere else (tests); pass undefined to restore the default. */
export function setDisplaySink(s: DisplaySink | undefined): void {
  sink = s;
}

type WriteDisplayData = (
  msg: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> },
  update: boolean,
) => void;

/** tslab's writer of display_data messages, or undefined when not inside a tslab kernel. */
function kernelWriter(): WriteDisplayData | undefined {
  try {
    // A synchronous, optional load (tslab exists only inside the kernel): require, not import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional runtime module
    const jupyter = require("tslab/dist/jupyter") as {
      lastWriteDisplayData?: WriteDisplayData | null;
    };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

/** True when running inside a tslab kernel that is executing a cell. */
export function inKernel(): boolean {
  return kernelWriter() !== undefined;
}

/** Show one MIME bundle as the output of the current cell. */
export function displayBundle(bundle: MimeBundle): void {
  if (sink) return sink(bundle);
  const write = kernelWriter();
  if (write) return write({ data: bundle, metadata: {}, transient: {} }, false);
  const text = bundle["text/plain"];
  if (typeof text === "string") console.log(text);
}
