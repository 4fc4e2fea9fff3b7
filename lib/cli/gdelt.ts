/**
 * `alliance gdelt ...`: the paper's outcome (Eq. 1) at full scale.
 *
 *   alliance gdelt fetch --from 2016-01-01 --to 2020-12-31 [--out DIR] [--concurrency N]
 *                        [--base-url URL] [--all-dyads] [--keywords substring|token|none]
 *                        [--attempts N] [--backoff MS] [--idle-timeout MS] [--deadline MS]
 *                        [--max-line-bytes N] [--progress-every S] [--no-progress]
 *   alliance gdelt aggregate --in DIR|FILE [--out FILE] [--from D --to D] [--allow-partial] [--force]
 *                            [--keywords substring|token|none]
 *   alliance gdelt bigquery --from 2016-01-01 --to 2020-12-31 [--keywords substring|token|none]
 *
 * See docs/gdelt.md for the route, time and disk estimates.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Option, type Command } from "commander";
import { REPO_ROOT } from "../io/dataRoot";
import { fetchGdelt, formatFetchReport, GDELT_V1_BASE_URL } from "../gdelt/fetch";
import { DEFAULT_MAX_LINE_BYTES } from "../gdelt/streamFilter";
import { aggregateInput, writePolicyCsv } from "../gdelt/aggregate";
import { policySql } from "../gdelt/bigquery";
import { formatReport } from "../io/loadReport";
import { refuseStrays } from "./args";
import { KEYWORD_RULES, type KeywordRule } from "../measures/policyScore";

/** Default folder of `fetch` output (git-ignored build/). */
export const DEFAULT_FETCH_OUT = path.join(REPO_ROOT, "build", "gdelt");
/** Default output of `aggregate`: where the panel build looks for it. */
export const DEFAULT_POLICY_CSV = path.join(REPO_ROOT, "data", "policy_gdelt.csv");

const keywordsOption = () =>
  new Option("--keywords <rule>", "keyword rule on SOURCEURL (see lib/measures/policyScore.ts)")
    .choices([...KEYWORD_RULES])
    .default("substring");
const posInt = (s: string) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${s}"`);
  return n;
};

/** The options of `alliance gdelt fetch` as commander parses them (defaults in registerGdelt). */
interface FetchCli {
  from: string;
  to: string;
  out: string;
  baseUrl: string;
  concurrency: number;
  allDyads: boolean;
  keywords: KeywordRule;
  strict: boolean;
  keepZips: boolean;
  attempts: number;
  backoff: number;
  idleTimeout: number;
  deadline: number;
  maxLineBytes: number;
  progressEvery: number;
  progress: boolean;
  dataDir?: string;
}

/** The options of `alliance gdelt aggregate`. */
interface AggregateCli {
  in: string;
  out: string;
  from?: string;
  to?: string;
  allowPartial: boolean;
  force: boolean;
  keywords: KeywordRule;
  dataDir?: string;
}

/** The options of `alliance gdelt bigquery`. */
interface BigqueryCli {
  from: string;
  to: string;
  keywords: KeywordRule;
  dataDir?: string;
}

/** `alliance gdelt fetch`: download, verify and filter the daily files, then print the report. */
async function runFetch(o: FetchCli): Promise<void> {
  const r = await fetchGdelt({
    from: o.from,
    to: o.to,
    out: path.resolve(o.out),
    baseUrl: o.baseUrl,
    concurrency: o.concurrency,
    rule: o.keywords,
    allDyads: o.allDyads,
    strict: o.strict,
    keepZips: o.keepZips,
    progress: o.progress,
    progressEveryMs: o.progressEvery * 1000,
    maxLineBytes: o.maxLineBytes,
    dataDir: o.dataDir,
    retry: {
      attempts: o.attempts,
      backoffMs: o.backoff,
      idleMs: o.idleTimeout,
      deadlineMs: o.deadline,
    },
    log: (m) => process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}${m}\n`),
  });
  console.log(formatFetchReport(r));
  console.log(
    `output: ${path.resolve(o.out)}; next: alliance gdelt aggregate --in ${path.resolve(o.out)}`,
  );
  if (r.failed || r.md5Mismatches.length) process.exitCode = 1;
}

/**
 * `alliance gdelt aggregate`: refuse a folder, or without --force a non-empty
 * file, as output; then write Eq. 1 per ally-year and warn on a partial result.
 */
function runAggregate(o: AggregateCli): void {
  const out = path.resolve(o.out);
  if (fs.existsSync(out)) {
    if (fs.statSync(out).isDirectory())
      throw new Error(`--out ${out} is a folder; give a file name`);
    if (fs.statSync(out).size > 0 && !o.force)
      throw new Error(`${out} exists and is not empty; pass --force to overwrite it`);
  }
  const res = aggregateInput(path.resolve(o.in), {
    rule: o.keywords,
    dataDir: o.dataDir,
    from: o.from,
    to: o.to,
    allowPartial: o.allowPartial,
  });
  const drops = Object.entries(res.report.dropped).map(([why, n]) => `dropped ${n} row(s): ${why}`);
  const written = writePolicyCsv(
    res.rows,
    out,
    res.byYear,
    [...res.report.notes, ...drops],
    `alliance gdelt aggregate --in ${path.resolve(o.in)} (keyword rule "${o.keywords}")`,
  );
  console.log(formatReport(res.report));
  console.log(
    `wrote ${res.rows.length} ally-year rows to ${out} (notes in ${path.basename(written[1])})`,
  );
  if (res.partial) {
    const c = res.coverage;
    const what = c
      ? `${c.missing.length} of ${c.days} days of ${c.from}..${c.to} missing or failed`
      : "days missing in some years";
    process.stderr.write(
      `alliance gdelt aggregate: warning: PARTIAL result (--allow-partial): ${what}; the rows of ${out} say how many days of their year were complete (days_complete of days_in_range)\n`,
    );
  }
}

/** Registers `alliance gdelt fetch` and its options. */
function registerFetch(g: Command): void {
  g.command("fetch")
    .description(
      "download GDELT 1.0 daily event zips, verify MD5, stream-filter ally->China events, with checkpoints and resume",
    )
    .requiredOption("--from <YYYY-MM-DD>", "first day")
    .requiredOption("--to <YYYY-MM-DD>", "last day (inclusive)")
    .option("--out <dir>", "output folder", DEFAULT_FETCH_OUT)
    .option("--concurrency <n>", "files downloaded at once", posInt, 4)
    .option("--base-url <url>", "where the daily zips and md5sums live", GDELT_V1_BASE_URL)
    .option(
      "--all-dyads",
      "keep every ally<->China event (both directions, no keyword rule)",
      false,
    )
    .addOption(keywordsOption())
    .option("--strict", "fail a file on its first malformed row instead of counting it", false)
    .option("--keep-zips", "keep the verified zips in OUT/zips", false)
    .option("--attempts <n>", "download attempts per file", posInt, 5)
    .option(
      "--backoff <ms>",
      "wait before the first retry, doubled after each failure (at most 60 s)",
      posInt,
      2000,
    )
    .option("--idle-timeout <ms>", "abort an attempt after this long without data", posInt, 60_000)
    .option(
      "--deadline <ms>",
      "abort an attempt when one file takes longer than this in all (15 min)",
      posInt,
      900_000,
    )
    .option(
      "--max-line-bytes <n>",
      "longest line accepted in an events file (1 MiB)",
      posInt,
      DEFAULT_MAX_LINE_BYTES,
    )
    .option(
      "--progress-every <s>",
      "seconds between progress lines when stderr is not a terminal",
      posInt,
      10,
    )
    .option("--no-progress", "no progress bar or progress lines")
    .option("--data-dir <dir>", "raw data root (for the country codes)")
    .action(async (o: FetchCli, cmd: Command) => {
      refuseStrays(cmd.args, process.argv);
      await runFetch(o);
    });
}

/** Registers `alliance gdelt aggregate` and its options. */
function registerAggregate(g: Command): void {
  g.command("aggregate")
    .description(
      "Eq. 1 per ally-year -> policy_gdelt.csv, from a fetch folder or a BigQuery-export CSV",
    )
    .requiredOption(
      "--in <path>",
      "fetch output folder, or a CSV with iso3,year,n_events,mean_goldstein,mean_mentions,policy",
    )
    .option("--out <file>", "output CSV", DEFAULT_POLICY_CSV)
    .option(
      "--from <YYYY-MM-DD>",
      "first day (DATEADDED) of the range; default: the span of the fetches into DIR (DIR/fetch.json)",
    )
    .option("--to <YYYY-MM-DD>", "last day of the range (inclusive)")
    .option(
      "--allow-partial",
      "accept missing or failed days; the output says so (days_complete < days_in_range) and a warning is printed",
      false,
    )
    .option("--force", "overwrite a non-empty output file", false)
    .addOption(keywordsOption())
    .option("--data-dir <dir>", "raw data root (for the country codes)")
    .action((o: AggregateCli, cmd: Command) => {
      refuseStrays(cmd.args, process.argv);
      runAggregate(o);
    });
}

/** Registers `alliance gdelt bigquery` and its options. */
function registerBigquery(g: Command): void {
  g.command("bigquery")
    .description(
      "print standard SQL for gdelt-bq.full.events computing the same per ally-year aggregates",
    )
    .requiredOption("--from <YYYY-MM-DD>", "first day")
    .requiredOption("--to <YYYY-MM-DD>", "last day (inclusive)")
    .addOption(keywordsOption())
    .option("--data-dir <dir>", "raw data root (for the country codes)")
    .action((o: BigqueryCli, cmd: Command) => {
      refuseStrays(cmd.args, process.argv);
      process.stdout.write(
        policySql({ from: o.from, to: o.to, rule: o.keywords, dataDir: o.dataDir }),
      );
    });
}

/** Registers `alliance gdelt` and its three subcommands. */
export function registerGdelt(program: Command): void {
  const g = program
    .command("gdelt")
    .description("GDELT 1.0 outcome (Eq. 1): fetch daily files, aggregate, or print BigQuery SQL");
  registerFetch(g);
  registerAggregate(g);
  registerBigquery(g);
}
