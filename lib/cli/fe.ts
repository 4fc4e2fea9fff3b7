/**
 * `alliance fe`: fixed-effects regression on a CSV file (lib/estimate/feols.ts).
 *
 *   alliance fe --data FILE.csv --y COL --x COL,COL --fe COL,COL [--cluster COL]
 *               [--vcov iid|hc1|cluster] [--ssc plm|plm-hc1|plm-sss|stata|fixest|full]
 *               [--constant] [--drop-singletons] [--format text|markdown|html|latex|csv] [--json]
 *
 * Prints the regression table (lib/report/etable.ts; plain text by default) or, with --json,
 * {nobs, groups, coefficients: [{term, estimate, std_error, statistic, p_value}],
 * r2_within, f_test, ...}. Cells "", "NA" and "." in y/x are missing (the row is
 * dropped and counted); any other non-numeric cell is an error naming file, line
 * and column. The CSV is a user file, parsed with the project's validated reader
 * (lib/io/csv.ts).
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { parseCsvText, num, str } from "../io/csv";
import { DataError } from "../io/dataError";
import { feols, type FeolsResult } from "../estimate/feols";
import { SSC_NAMES, type SscName, type VcovType } from "../estimate/vcov";
import { regressionTable } from "../report/regTable";
import { etable, ETABLE_FORMATS } from "../report/etable";
import { DEFAULT_SSC } from "../study";

const NA = ["", "NA", "."];

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
  format?: string;
  json?: boolean;
}

const list = (s: string | undefined): string[] => (s ?? "").split(",").map((v) => v.trim()).filter(Boolean);

/** Run the command; returns the text to print (throws Error/DataError on bad input). */
export function runFe(o: FeCliOptions): string {
  const x = list(o.x);
  const fe = list(o.fe);
  if (x.length === 0) throw new Error("--x needs at least one column");
  const vcov = (o.vcov ?? (o.cluster ? "cluster" : "iid")) as VcovType;
  if (!["iid", "hc1", "cluster"].includes(vcov)) throw new Error(`--vcov must be iid, hc1 or cluster (got "${o.vcov}")`);
  if (vcov === "cluster" && !o.cluster) throw new Error("--vcov cluster needs --cluster COL");
  const ssc = (o.ssc ?? DEFAULT_SSC) as SscName;
  if (!SSC_NAMES.includes(ssc)) throw new Error(`--ssc must be one of ${SSC_NAMES.join(", ")} (got "${o.ssc}")`);
  const format = o.format ?? "text";
  const FORMATS = [...ETABLE_FORMATS, "csv"];
  if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(", ")}`);
  let text: string;
  try {
    text = readFileSync(o.data, "utf8");
  } catch (e) {
    throw new Error(`cannot read --data ${o.data}: ${(e as Error).message}`);
  }
  const cats = Array.from(new Set([...fe, ...(o.cluster ? [o.cluster] : [])]));
  const t = parseCsvText(text, o.data, { required: [o.y, ...x, ...cats] });
  const n = t.rows.length;
  const data: Record<string, (number | string | null)[]> = {};
  for (const c of [o.y, ...x]) {
    const v = new Array<number | null>(n);
    for (let i = 0; i < n; i++) v[i] = num(t, i, c, { na: NA });
    data[c] = v;
  }
  for (const c of cats) {
    const v = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const s = str(t, i, c);
      v[i] = NA.includes(s) ? null : s;
    }
    data[c] = v;
  }
  let fit: FeolsResult;
  try {
    fit = feols({ data, y: o.y, x, fe, cluster: o.cluster, vcov, ssc, dropSingletons: !!o.dropSingletons, constant: o.constant ? "stata" : "none" });
  } catch (e) {
    throw new DataError(o.data, (e as Error).message);
  }
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
          vcov: { type: fit.vcovInfo.type, ssc: fit.vcovInfo.ssc, factor: fit.vcovInfo.factor, df: fit.vcovInfo.df, label: fit.vcovInfo.label },
          collinear: fit.collinear,
          singletons: fit.singletons,
          dropped: fit.dropped,
        },
        null,
        2,
      ) + "\n"
    );
  }
  const notes: string[] = [];
  if (fit.collinear.length) notes.push(`Dropped: ${fit.collinear.map((c) => `${c.term} (${c.reason})`).join("; ")}.`);
  const drops = Object.entries(fit.dropped);
  if (drops.length) notes.push(`Rows dropped: ${drops.map(([k, v]) => `${v} ${k}`).join("; ")}.`);
  notes.push(`SE: ${fit.vcovInfo.label}.`);
  if (format === "csv") return regressionTable({ models: [fit], notes }, "csv");
  return etable([fit], { notes, format: ETABLE_FORMATS.find((f) => f === format) });
}

/** Registers `alliance fe` on the program (called by lib/cli/main.ts). */
export function registerFe(program: Command): void {
  program
    .command("fe")
    .description("Fixed-effects (within) regression on a CSV file, with iid, robust or cluster-robust standard errors")
    .requiredOption("--data <file>", "CSV file with a header row")
    .requiredOption("--y <col>", "outcome column")
    .requiredOption("--x <cols>", "regressors, comma-separated")
    .option("--fe <cols>", "fixed effects to absorb, comma-separated (none: OLS with intercept)")
    .option("--cluster <col>", "cluster variable")
    .option("--vcov <type>", "iid | hc1 | cluster (default: cluster if --cluster is given, else iid)")
    .option("--ssc <name>", `small-sample convention: ${SSC_NAMES.join(" | ")} (default stata)`)
    .option("--constant", "report a constant as Stata's xtreg, fe does")
    .option("--drop-singletons", "drop singleton observations")
    .option("--format <fmt>", "table format: text | markdown | html | latex | csv", "text")
    .option("--json", "print JSON instead of a table")
    .action((opts: FeCliOptions) => {
      process.stdout.write(runFe(opts));
    });
}
