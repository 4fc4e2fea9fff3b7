/**
 * `alliance fe`: fixed-effects regression on a CSV or Parquet file (lib/estimate/feols.ts).
 *
 *   alliance fe --data FILE.csv|FILE.parquet --y COL --x COL,COL --fe COL,COL [--cluster COL]
 *               [--vcov iid|hc1|cluster] [--ssc plm|plm-hc1|plm-sss|stata|fixest|full]
 *               [--constant] [--drop-singletons] [--keys COL,COL] [--allow-duplicate-keys]
 *               [--format text|markdown|html|latex|csv] [--out FILE] [--json]
 *
 * Three steps, kept apart: {@link loadFe} reads the columns with the fast
 * ingest layer (lib/ingest/ingest.ts: a streaming typed-array CSV reader, DuckDB
 * for Parquet), {@link fitFe} estimates, {@link printFe} formats.
 *
 * Input rules (errors name file, line and column; exit status 2): strict
 * UTF-8, decimal numbers only, no duplicate header names, every line as wide
 * as the header, at least one data row. Cells "", "NA" and "." are missing:
 * the row is dropped and counted by the first column missing (y, x, FE,
 * cluster). Duplicate keys — rows repeating the (unit, time) pair of
 * `--keys`, by default the first two `--fe` columns — are an error naming the
 * first ones unless `--allow-duplicate-keys` is given (then a note counts them).
 *
 * Output: a regression table (lib/report/etable.ts; plain text for the
 * terminal by default, no Markdown or HTML escapes) with every note (rows
 * dropped, terms dropped, singletons, duplicate keys, SE type, the fit's
 * warnings), or JSON
 * {nobs, groups, coefficients: [{term, estimate, std_error, statistic,
 * p_value}], r2_within, f_test, ...}. `--format csv` writes the coefficients
 * as plain CSV data, one row per term ({@link feCsv}: estimate, std_error,
 * statistic, p_value and stars in their own columns, the model's N, R² and SE
 * type repeated on each row), through lib/io/csvWrite.ts; the notes go to a
 * W3C CSV on the Web sidecar FILE.csv-metadata.json beside `--out FILE`
 * (lib/io/csvw.ts), or to stderr as `note:` lines when the CSV goes to
 * stdout. `--out FILE` writes the output to FILE atomically (temp file +
 * rename) instead of stdout.
 */
import type { Command } from "commander";
import { DataError } from "../io/dataError";
import {
  completeCases,
  describeDuplicateKeys,
  findDuplicateKeyCodes,
  readColumns,
  type CaseColumn,
  type IngestTable,
} from "../ingest/ingest";
import { formatCsvCounted, writeFileAtomic } from "../io/csvWrite";
import {
  csvMetadata,
  csvMetadataText,
  metadataPath,
  type CsvColumnMeta,
  type CsvwTable,
} from "../io/csvw";
import { feols, type FeolsResult } from "../estimate/feols";
import { SSC_NAMES, type SscName, type VcovType } from "../estimate/vcov";
import { etable, ETABLE_FORMATS, STAR_LEGEND, stars, type EtableFormat } from "../report/etable";
import { DEFAULT_SSC } from "../study";
import { ArgError, checkOutPath, listOption, refuseStrays } from "./args";

/** Output formats: the etable formats, and CSV. */
export type FeFormat = EtableFormat | "csv";
const FE_FORMATS: readonly FeFormat[] = [...ETABLE_FORMATS, "csv"];

export interface FeCliOptions {
  data: string;
  y: string;
  x: string;
  fe?: string;
  cluster?: string;
  vcov?: string;
  ssc?: string;
  constant?: boolean;
  dropSingletons?: boolean;
  keys?: string;
  allowDuplicateKeys?: boolean;
  format?: string;
  out?: string;
  json?: boolean;
}

/** The options after validation. */
export interface FeSpec {
  data: string;
  y: string;
  x: string[];
  fe: string[];
  cluster?: string;
  vcov: VcovType;
  ssc: SscName;
  keys: [string, string] | null;
  format: FeFormat;
}

/** Check the options (throws Error with the option named). */
export function feSpec(o: FeCliOptions): FeSpec {
  const x = listOption("--x", o.x);
  const fe = listOption("--fe", o.fe);
  if (x.length === 0) throw new ArgError("--x needs at least one column");
  for (const [flag, v] of [
    ["--y", o.y],
    ["--cluster", o.cluster],
  ] as const) {
    if (v !== undefined && v.includes(","))
      throw new ArgError(`${flag} "${v}" takes one column, not a list`);
  }
  if (o.vcov !== undefined && !["iid", "hc1", "cluster"].includes(o.vcov))
    throw new ArgError(`--vcov must be iid, hc1 or cluster (got "${o.vcov}")`);
  const vcov = (o.vcov ?? (o.cluster ? "cluster" : "iid")) as VcovType;
  if (vcov === "cluster" && !o.cluster) throw new ArgError("--vcov cluster needs --cluster COL");
  if (vcov !== "cluster" && o.cluster)
    throw new ArgError(
      `--vcov ${vcov} and --cluster ${o.cluster} conflict (${vcov} standard errors do not cluster): drop --cluster, or use --vcov cluster`,
    );
  if (o.json && o.format !== undefined)
    throw new ArgError(
      `--json and --format ${o.format} conflict: --json prints JSON; give one of them`,
    );
  if (o.json && o.out && /\.csv$/i.test(o.out))
    throw new ArgError(
      `--json and --out ${o.out} conflict: --json would write JSON into a .csv file; drop --json, or name the file .json`,
    );
  const ssc = (o.ssc ?? DEFAULT_SSC) as SscName;
  if (!SSC_NAMES.includes(ssc))
    throw new ArgError(`--ssc must be one of ${SSC_NAMES.join(", ")} (got "${String(o.ssc)}")`);
  const format = FE_FORMATS.find(
    (f) => f === (o.format ?? (o.out && /\.csv$/i.test(o.out) ? "csv" : "text")),
  );
  if (!format)
    throw new ArgError(
      `--format must be one of ${FE_FORMATS.join(", ")} (got "${String(o.format)}")`,
    );
  let keys: [string, string] | null = null;
  if (o.keys !== undefined) {
    const k = listOption("--keys", o.keys);
    if (k.length !== 2)
      throw new ArgError(`--keys needs two columns, unit and time (got "${o.keys}")`);
    keys = [k[0], k[1]];
  } else if (fe.length >= 2) keys = [fe[0], fe[1]];
  if (o.out !== undefined) checkOutPath(o.out, [o.data]);
  return { data: o.data, y: o.y, x, fe, cluster: o.cluster, vcov, ssc, keys, format };
}

/** What {@link loadFe} hands to {@link fitFe}. */
export interface FeData {
  table: IngestTable;
  /** Columns of the complete cases: numbers as Float64Array, categories as Int32Array codes. */
  columns: Record<string, Float64Array | Int32Array>;
  /** Data rows in the file. */
  rowsIn: number;
  /** Rows dropped before estimation, by reason. */
  dropped: Record<string, number>;
  notes: string[];
}

/** Read and check the data (step 1). */
export async function loadFe(
  s: FeSpec,
  opts: { allowDuplicateKeys?: boolean; progress?: boolean } = {},
): Promise<FeData> {
  const cats = Array.from(new Set([...s.fe, ...(s.cluster ? [s.cluster] : []), ...(s.keys ?? [])]));
  const nums = Array.from(new Set([s.y, ...s.x]));
  let table: IngestTable;
  const progress = opts.progress ? progressReporter(s.data) : undefined;
  try {
    table = await readColumns(s.data, {
      numeric: nums,
      categorical: cats,
      onProgress: progress?.tick,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT" || err.code === "EISDIR" || err.code === "EACCES")
      throw new Error(`cannot read --data ${s.data}: ${err.message}`, { cause: e });
    throw e;
  } finally {
    progress?.done();
  }
  const notes: string[] = [...(table.notes ?? [])];
  if (s.keys) {
    const d = findDuplicateKeyCodes(table.categorical[s.keys[0]], table.categorical[s.keys[1]]);
    if (d.count > 0) {
      const msg = describeDuplicateKeys(table, s.keys, d);
      if (!opts.allowDuplicateKeys)
        throw new DataError(
          s.data,
          `duplicate keys: ${msg}. Remove them, or pass --allow-duplicate-keys to estimate anyway`,
        );
      notes.push(`Duplicate keys (accepted by --allow-duplicate-keys): ${msg}.`);
    }
  }
  const n = table.nrows;
  const order: CaseColumn[] = [
    ...nums.map((c) => ({ name: c, values: table.numeric[c] })),
    ...Array.from(new Set([...s.fe, ...(s.cluster ? [s.cluster] : [])])).map((c) => ({
      name: c,
      codes: table.categorical[c].codes,
    })),
  ];
  // The readers count every missing cell (table.missing): with none in these
  // columns every row is complete and the scan for missing values is skipped.
  const cc = order.every((c) => table.missing[c.name] === 0) ? null : completeCases(order, n);
  const rows = cc && cc.rows.length < n ? cc.rows : null;
  const columns: Record<string, Float64Array | Int32Array> = {};
  for (const c of nums)
    columns[c] = rows
      ? pickRows(table.numeric[c], rows, new Float64Array(rows.length))
      : table.numeric[c];
  for (const c of cats) {
    const codes = table.categorical[c].codes;
    columns[c] = rows ? pickRows(codes, rows, new Int32Array(rows.length)) : codes;
  }
  return { table, columns, rowsIn: n, dropped: cc ? cc.dropped : {}, notes };
}

/** out[j] = v[rows[j]]. */
function pickRows<T extends Float64Array | Int32Array>(v: T, rows: Int32Array, out: T): T {
  for (let j = 0; j < rows.length; j++) out[j] = v[rows[j]];
  return out;
}

/** Estimate (step 2). Estimation errors become DataErrors naming the file. */
export function fitFe(
  s: FeSpec,
  d: FeData,
  opts: { constant?: boolean; dropSingletons?: boolean } = {},
): FeolsResult {
  if (d.columns[s.y].length === 0)
    throw new DataError(
      s.data,
      `no observations left after removing missing values (${Object.entries(d.dropped)
        .map(([k, v]) => `${v} ${k}`)
        .join("; ")})`,
    );
  let fit: FeolsResult;
  try {
    fit = feols({
      data: d.columns,
      y: s.y,
      x: s.x,
      fe: s.fe,
      cluster: s.cluster,
      vcov: s.vcov,
      ssc: s.ssc,
      dropSingletons: !!opts.dropSingletons,
      constant: opts.constant ? "stata" : "none",
    });
  } catch (e) {
    throw new DataError(s.data, (e as Error).message);
  }
  // Rows dropped while reading come first, then feols' own (singletons).
  fit.dropped = { ...d.dropped, ...fit.dropped };
  fit.rowsIn = d.rowsIn;
  return fit;
}

/** Every note of a fit: terms dropped, rows dropped, singletons, duplicate keys, SE type. */
export function feNotes(fit: FeolsResult, extra: readonly string[] = []): string[] {
  const notes: string[] = [];
  if (fit.collinear.length)
    notes.push(`Dropped: ${fit.collinear.map((c) => `${c.term} (${c.reason})`).join("; ")}.`);
  const drops = Object.entries(fit.dropped);
  if (drops.length) notes.push(`Rows dropped: ${drops.map(([k, v]) => `${v} ${k}`).join("; ")}.`);
  if (fit.singletons.count > 0 && !fit.singletons.dropped)
    notes.push(
      `Singletons: ${fit.singletons.count} observations alone in a fixed-effect level (kept; --drop-singletons drops them).`,
    );
  notes.push(...extra);
  notes.push(`SE: ${fit.vcovInfo.label}.`);
  return notes;
}

/** Format the result (step 3). */
export function printFe(
  fit: FeolsResult,
  s: FeSpec,
  o: { json?: boolean; notes?: readonly string[] } = {},
): string {
  const notes = feNotes(fit, o.notes);
  if (o.json) {
    return (
      JSON.stringify(
        {
          nobs: fit.nobs,
          groups: fit.groups,
          coefficients: fit.coefficients,
          r2_within: fit.r2_within,
          f_test: fit.f_test,
          constant: fit.constant,
          r2: fit.r2,
          nclusters: fit.nclusters,
          vcov: {
            type: fit.vcovInfo.type,
            ssc: fit.vcovInfo.ssc,
            factor: fit.vcovInfo.factor,
            df: fit.vcovInfo.df,
            label: fit.vcovInfo.label,
          },
          collinear: fit.collinear,
          singletons: fit.singletons,
          dropped: fit.dropped,
          rows_in: fit.rowsIn,
          warnings: fit.warnings,
          notes,
        },
        null,
        2,
      ) + "\n"
    );
  }
  if (s.format === "csv") return feCsv(fit, s, { notes: o.notes }).text;
  return etable([fit], { notes, format: s.format });
}

/** The columns of `--format csv` and what each holds (the sidecar's descriptions). */
export const FE_CSV_COLUMNS: Readonly<Record<string, CsvColumnMeta>> = {
  term: {
    datatype: "string",
    description:
      "regressor; (Intercept) is the constant as Stata's xtreg, fe reports it (--constant)",
  },
  estimate: { datatype: "number", description: "coefficient estimate" },
  std_error: {
    datatype: "number",
    description: "standard error (type in se_type); empty where none exists",
  },
  statistic: { datatype: "number", description: "t statistic, estimate / std_error" },
  p_value: { datatype: "number", description: "two-sided p-value of the t statistic" },
  stars: {
    datatype: "string",
    description: `significance stars of p_value, ${STAR_LEGEND}; empty when not significant or without a test`,
  },
  nobs: { datatype: "integer", description: "observations used (the same on every row)" },
  r2: { datatype: "number", description: "R² of the model with the fixed effects" },
  r2_within: { datatype: "number", description: "within R²" },
  nclusters: {
    datatype: "integer",
    description: "number of clusters; empty unless --vcov cluster",
  },
  se_type: { datatype: "string", description: "standard-error type and small-sample convention" },
};

/**
 * `--format csv`: one row per term (the constant last, as "(Intercept)", when
 * reported), the columns of {@link FE_CSV_COLUMNS}, and the CSVW sidecar
 * document for `file` (notes: every note of {@link feNotes}, then the fit's
 * warnings; the command's input as dc:source).
 */
export function feCsv(
  fit: FeolsResult,
  s: FeSpec,
  o: { notes?: readonly string[]; file?: string } = {},
): { text: string; meta: CsvwTable } {
  const coefs = [
    ...fit.coefficients,
    ...(fit.constant ? [{ ...fit.constant, term: "(Intercept)" }] : []),
  ];
  const rows = coefs.map((c) => ({
    term: c.term,
    estimate: c.estimate,
    std_error: c.std_error,
    statistic: c.statistic,
    p_value: c.p_value,
    stars:
      Number.isFinite(c.std_error) && c.std_error > 0 && Number.isFinite(c.p_value)
        ? stars(c.p_value)
        : "",
    nobs: fit.nobs,
    r2: fit.r2,
    r2_within: fit.r2_within,
    nclusters: fit.vcovInfo.type === "cluster" ? fit.nclusters : null,
    se_type: fit.vcovInfo.label,
  }));
  const columns = Object.keys(FE_CSV_COLUMNS);
  const opts = { digits: 12, nonFinite: "empty" as const };
  const { text, neutralized } = formatCsvCounted(rows, columns, opts);
  const notes = [...feNotes(fit, o.notes), ...fit.warnings.map((w) => `Warning: ${w}.`)];
  const source = `alliance fe --data ${s.data} --y ${s.y} --x ${s.x.join(",")}${s.fe.length ? ` --fe ${s.fe.join(",")}` : ""}${s.cluster ? ` --cluster ${s.cluster}` : ""} --vcov ${s.vcov} --ssc ${s.ssc}`;
  const meta = csvMetadata(o.file ?? "fe.csv", rows, columns, {
    ...opts,
    neutralized,
    notes,
    source,
    title: `Fixed-effects regression of ${s.y}`,
    columns: FE_CSV_COLUMNS,
  });
  return { text, meta };
}

/** What `alliance fe` outputs: the text, and for `--format csv` the sidecar document. */
export interface FeOutput {
  text: string;
  sidecar?: CsvwTable;
}

/** Write `--out FILE` atomically, and FILE.csv-metadata.json beside it when there is a sidecar. */
export function writeFeOutput(file: string, r: FeOutput): string[] {
  writeFileAtomic(file, r.text);
  if (!r.sidecar) return [file];
  writeFileAtomic(metadataPath(file), csvMetadataText(r.sidecar));
  return [file, metadataPath(file)];
}

/** Run the command; returns the text to print (throws Error/DataError on bad input). */
export async function runFe(o: FeCliOptions): Promise<string> {
  return (await runFeOutput(o)).text;
}

/** {@link runFe}, with the CSV sidecar document when the format is csv. */
export async function runFeOutput(o: FeCliOptions): Promise<FeOutput> {
  // ALLIANCE_TIMING=1 prints the time of each step on stderr (used by bench/ingest.bench.ts).
  const timing = process.env.ALLIANCE_TIMING === "1";
  const t0 = performance.now();
  const s = feSpec(o);
  const d = await loadFe(s, { allowDuplicateKeys: o.allowDuplicateKeys, progress: true });
  const t1 = performance.now();
  const fit = fitFe(s, d, { constant: o.constant, dropSingletons: o.dropSingletons });
  const t2 = performance.now();
  const csv =
    s.format === "csv" && !o.json ? feCsv(fit, s, { notes: d.notes, file: o.out }) : undefined;
  const text = csv ? csv.text : printFe(fit, s, { json: o.json, notes: d.notes });
  if (timing) {
    const sec = (ms: number) => (ms / 1000).toFixed(3);
    process.stderr.write(
      `timing: start ${sec(t0)} s, read ${sec(t1 - t0)} s, fit ${sec(t2 - t1)} s, print ${sec(performance.now() - t2)} s\n`,
    );
  }
  return { text, ...(csv ? { sidecar: csv.meta } : {}) };
}

/** Progress on stderr for files above 256 MB: a bar on a terminal, a line per 10% otherwise. */
function progressReporter(
  file: string,
): { tick: (done: number, total: number) => void; done: () => void } | undefined {
  let bar: { update(v: number): void; stop(): void } | null = null;
  let shown = -1;
  let started = false;
  return {
    tick: (done, total) => {
      if (total < 256 * 2 ** 20) return;
      if (process.stderr.isTTY) {
        if (!started) {
          started = true;
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (a bar only above 256 MiB), so `alliance fe` starts without it
          const { SingleBar, Presets } = require("cli-progress") as typeof import("cli-progress");
          const b = new SingleBar(
            {
              format: `reading ${file} [{bar}] {percentage}% | {value}/{total} MB | ETA {eta}s`,
              stream: process.stderr,
            },
            Presets.shades_classic,
          );
          b.start(Math.round(total / 2 ** 20), 0);
          bar = b;
        }
        bar?.update(Math.round(done / 2 ** 20));
      } else {
        const pct = Math.floor((10 * done) / total) * 10;
        if (pct > shown) {
          shown = pct;
          process.stderr.write(`reading ${file}: ${pct}% of ${(total / 2 ** 20).toFixed(0)} MB\n`);
        }
      }
    },
    done: () => bar?.stop(),
  };
}

/** Registers `alliance fe` on the program (called by lib/cli/main.ts). */
export function registerFe(program: Command): void {
  program
    .command("fe")
    .description(
      "Fixed-effects (within) regression on a CSV or Parquet file, with iid, robust or cluster-robust standard errors",
    )
    .requiredOption("--data <file>", "CSV file with a header row, or a .parquet file")
    .requiredOption("--y <col>", "outcome column")
    .requiredOption("--x <cols>", "regressors, comma-separated")
    .option("--fe <cols>", "fixed effects to absorb, comma-separated (none: OLS with intercept)")
    .option("--cluster <col>", "cluster variable")
    .option(
      "--vcov <type>",
      "iid | hc1 | cluster (default: cluster if --cluster is given, else iid)",
    )
    .option("--ssc <name>", `small-sample convention: ${SSC_NAMES.join(" | ")} (default stata)`)
    .option("--constant", "report a constant as Stata's xtreg, fe does")
    .option("--drop-singletons", "drop singleton observations")
    .option(
      "--keys <cols>",
      "unit and time columns that must identify rows (default: the first two --fe columns)",
    )
    .option("--allow-duplicate-keys", "estimate even when --keys repeat (the count is noted)")
    .option(
      "--format <fmt>",
      "table format: text | markdown | html | latex | csv (default text; csv when --out ends in .csv)",
    )
    .option("--out <file>", "write the output to FILE (atomically) instead of stdout")
    .option("--json", "print JSON instead of a table")
    .action(async (opts: FeCliOptions, cmd: Command) => {
      refuseStrays(cmd.args, process.argv);
      const r = await runFeOutput(opts);
      if (opts.out) {
        process.stderr.write(`wrote ${writeFeOutput(opts.out, r).join(", ")}\n`);
      } else {
        process.stdout.write(r.text);
        // CSV on stdout has no file beside it: its notes go to stderr
        for (const n of r.sidecar?.["dc:description"] ?? []) process.stderr.write(`note: ${n}\n`);
      }
    });
}
