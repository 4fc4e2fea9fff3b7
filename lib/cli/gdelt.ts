/**
 * `alliance gdelt ...`: the paper's outcome (Eq. 1) at full scale.
 *
 *   alliance gdelt fetch --from 2016-01-01 --to 2020-12-31 [--out DIR] [--concurrency N]
 *                        [--base-url URL] [--all-dyads] [--keywords substring|token|none]
 *   alliance gdelt aggregate --in DIR|FILE [--out FILE] [--keywords substring|token|none]
 *   alliance gdelt bigquery --from 2016-01-01 --to 2020-12-31 [--keywords substring|token|none]
 *
 * See docs/gdelt.md for the route, time and disk estimates.
 */
import * as path from "node:path";
import { Option, type Command } from "commander";
import { REPO_ROOT } from "../dataRoot";
import { fetchGdelt, formatFetchReport, GDELT_V1_BASE_URL } from "../gdelt/fetch";
import { aggregateInput, writePolicyCsv } from "../gdelt/aggregate";
import { policySql } from "../gdelt/bigquery";
import { formatReport } from "../io/loadReport";
import { KEYWORD_RULES, type KeywordRule } from "../measures/policyScore";

/** Default folder of `fetch` output (git-ignored build/). */
export const DEFAULT_FETCH_OUT = path.join(REPO_ROOT, "build", "gdelt");
/** Default output of `aggregate`: where the panel build looks for it. */
export const DEFAULT_POLICY_CSV = path.join(REPO_ROOT, "data", "policy_gdelt.csv");

const keywordsOption = () =>
  new Option("--keywords <rule>", "keyword rule on SOURCEURL (see lib/measures/policyScore.ts)").choices([...KEYWORD_RULES]).default("substring");
const posInt = (s: string) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${s}"`);
  return n;
};

/** Registers `alliance gdelt` and its three subcommands. */
export function registerGdelt(program: Command): void {
  const g = program.command("gdelt").description("GDELT 1.0 outcome (Eq. 1): fetch daily files, aggregate, or print BigQuery SQL");

  g.command("fetch")
    .description("download GDELT 1.0 daily event zips, verify MD5, stream-filter ally->China events, with checkpoints and resume")
    .requiredOption("--from <YYYY-MM-DD>", "first day")
    .requiredOption("--to <YYYY-MM-DD>", "last day (inclusive)")
    .option("--out <dir>", "output folder", DEFAULT_FETCH_OUT)
    .option("--concurrency <n>", "files downloaded at once", posInt, 4)
    .option("--base-url <url>", "where the daily zips and md5sums live", GDELT_V1_BASE_URL)
    .option("--all-dyads", "keep every ally<->China event (both directions, no keyword rule)", false)
    .addOption(keywordsOption())
    .option("--strict", "fail a file on its first malformed row instead of counting it", false)
    .option("--keep-zips", "keep the verified zips in OUT/zips", false)
    .option("--attempts <n>", "download attempts per file", posInt, 5)
    .option("--idle-timeout <ms>", "abort an attempt after this long without data", posInt, 60_000)
    .option("--no-progress", "no progress bar")
    .option("--data-dir <dir>", "raw data root (for the country codes)")
    .action(async (o) => {
      const r = await fetchGdelt({
        from: o.from, to: o.to, out: path.resolve(o.out), baseUrl: o.baseUrl, concurrency: o.concurrency,
        rule: o.keywords as KeywordRule, allDyads: o.allDyads, strict: o.strict, keepZips: o.keepZips,
        progress: o.progress && Boolean(process.stderr.isTTY), dataDir: o.dataDir,
        retry: { attempts: o.attempts, idleMs: o.idleTimeout },
        log: (m) => process.stderr.write(`\n${m}\n`),
      });
      console.log(formatFetchReport(r));
      console.log(`output: ${path.resolve(o.out)}; next: alliance gdelt aggregate --in ${path.resolve(o.out)}`);
      if (r.failed) process.exitCode = 1;
    });

  g.command("aggregate")
    .description("Eq. 1 per ally-year -> policy_gdelt.csv, from a fetch folder or a BigQuery-export CSV")
    .requiredOption("--in <path>", "fetch output folder, or a CSV with iso3,year,n_events,mean_goldstein,mean_mentions,policy")
    .option("--out <file>", "output CSV", DEFAULT_POLICY_CSV)
    .addOption(keywordsOption())
    .option("--data-dir <dir>", "raw data root (for the country codes)")
    .action((o) => {
      const res = aggregateInput(path.resolve(o.in), { rule: o.keywords as KeywordRule, dataDir: o.dataDir });
      writePolicyCsv(res.rows, path.resolve(o.out));
      console.log(formatReport(res.report));
      console.log(`wrote ${res.rows.length} ally-year rows to ${path.resolve(o.out)}`);
    });

  g.command("bigquery")
    .description("print standard SQL for gdelt-bq.full.events computing the same per ally-year aggregates")
    .requiredOption("--from <YYYY-MM-DD>", "first day")
    .requiredOption("--to <YYYY-MM-DD>", "last day (inclusive)")
    .addOption(keywordsOption())
    .option("--data-dir <dir>", "raw data root (for the country codes)")
    .action((o) => {
      process.stdout.write(policySql({ from: o.from, to: o.to, rule: o.keywords as KeywordRule, dataDir: o.dataDir }));
    });
}
