/**
 * The adversarial cases: hostile inputs for the CLI, both CSV readers,
 * Parquet, the data layer, the GDELT reader and the library, each with the
 * answer it must get (test/adversarial/harness.ts). All data here are
 * synthetic, made up for these cases (a 6-unit × 5-year panel and variants).
 */
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { TMP, cli, type Case } from "./harness";
import { parseCsvBytes, parseCsvText, num, int, readCsv } from "../../lib/io/csv";
import { ingestCsv } from "../../lib/ingest/ingestCsv";
import { readColumns } from "../../lib/ingest/ingest";
import { canonicalKey, checkUniqueKeys } from "../../lib/io/keys";
import { feols as engine } from "../../lib/estimate/feols";
import { feols } from "../../lib/estimate/model";
import { summary } from "../../lib/estimate/summary";
import { parseFormula } from "../../lib/estimate/formula";
import { etable } from "../../lib/report/etable";
import { readPolicyCsv } from "../../lib/gdelt/aggregate";
import { locateRaw } from "../../lib/io/manifest";

const file = (name: string, content: string | Buffer): string => {
  const f = join(TMP, name);
  writeFileSync(f, content);
  return f;
};

// The synthetic panel: 6 units x 5 years, y = 0.5 x1 − 0.25 x2 + unit + year effects + a fixed wiggle.
const units = [1, 2, 3, 4, 5, 6],
  years = [2001, 2002, 2003, 2004, 2005];
const rows: { unit: number; year: number; y: number; x1: number; x2: number }[] = [];
for (const u of units) {
  for (const t of years) {
    const x1 = ((u * 7 + t * 3) % 11) / 4,
      x2 = ((u * 5 + t) % 7) / 2;
    rows.push({
      unit: u,
      year: t,
      x1,
      x2,
      y: 0.5 * x1 - 0.25 * x2 + u * 0.3 + (t - 2000) * 0.1 + (((u * 13 + t * 7) % 5) - 2) * 0.05,
    });
  }
}
const col = <K extends keyof (typeof rows)[0]>(k: K) => rows.map((r) => r[k]);
const DATA = { unit: col("unit"), year: col("year"), y: col("y"), x1: col("x1"), x2: col("x2") };
const csvOf = (rs: readonly (readonly (string | number)[])[], head = "unit,year,y,x1,x2") =>
  [head, ...rs.map((r) => r.join(","))].join("\n") + "\n";
const PANEL = file("panel.csv", csvOf(rows.map((r) => [r.unit, r.year, r.y, r.x1, r.x2])));
const ref = engine({ data: DATA, y: "y", x: ["x1", "x2"], fe: ["unit", "year"], cluster: "unit" });
const refOneX = engine({ data: DATA, y: "y", x: ["x1"], fe: ["unit", "year"], cluster: "unit" });
const near = (a: number, b: number, tol = 1e-9) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const json = (s: unknown) =>
  JSON.parse(String(s)) as {
    nobs: number;
    coefficients: { term: string; estimate: number; std_error: number }[];
    notes: string[];
    dropped: Record<string, number>;
  };
const sameAsRef = (s: unknown, r = ref) => {
  const o = json(s);
  return (
    o.coefficients.length === r.coefficients.length &&
    o.coefficients.every(
      (c, j) =>
        c.term === r.coefficients[j].term &&
        near(c.estimate, r.coefficients[j].estimate) &&
        near(c.std_error, r.coefficients[j].std_error),
    )
  );
};
const fe =
  (...a: string[]) =>
  () =>
    cli(["fe", "--data", PANEL, "--y", "y", "--x", "x1,x2", "--fe", "unit,year", ...a]);
const feArgs =
  (...a: string[]) =>
  () =>
    cli(["fe", ...a]);

// ---------------------------------------------------------------- CLI
const cliCases: Case[] = [
  {
    area: "CLI",
    input: "`--x x1, x2` (space after the comma)",
    run: feArgs("--data", PANEL, "--y", "y", "--x", "x1,", "x2", "--fe", "unit,year"),
    expect: {
      error:
        /unexpected word "x2" after "--x x1,": write a list without spaces after the commas \(--x x1,x2\)/,
    },
  },
  {
    area: "CLI",
    input: "`--fe unit, year` (space after the comma)",
    run: feArgs("--data", PANEL, "--y", "y", "--x", "x1", "--fe", "unit,", "year"),
    expect: { error: /unexpected word "year" after "--fe unit,".*\(--fe unit,year\)/ },
  },
  {
    area: "CLI",
    input: "`--x x1, x2, x3` (two stray words)",
    run: feArgs("--data", PANEL, "--y", "y", "--x", "x1,", "x2,", "x3", "--fe", "unit,year"),
    expect: { error: /unexpected word "x2," .*\(--x x1,x2,x3\)/ },
  },
  {
    area: "CLI",
    input: "a stray word at the end",
    run: feArgs("--data", PANEL, "--y", "y", "--x", "x1", "extra"),
    expect: { error: /unexpected word "extra" after "--x x1": every value belongs to an option/ },
  },
  {
    area: "CLI",
    input: "`--fe unit,unit`",
    run: feArgs("--data", PANEL, "--y", "y", "--x", "x1", "--fe", "unit,unit"),
    expect: { error: /--fe "unit,unit" names "unit" twice; give each column once \(--fe unit\)/ },
  },
  {
    area: "CLI",
    input: "`--x x1,x1,x2`",
    run: feArgs("--data", PANEL, "--y", "y", "--x", "x1,x1,x2", "--fe", "unit,year"),
    expect: { error: /--x "x1,x1,x2" names "x1" twice; give each column once \(--x x1,x2\)/ },
  },
  {
    area: "CLI",
    input: "`--x x1,,x2` (empty item)",
    run: feArgs("--data", PANEL, "--y", "y", "--x", "x1,,x2", "--fe", "unit,year"),
    expect: { error: /--x "x1,,x2": item 2 is empty.*\(--x x1,x2\)/ },
  },
  {
    area: "CLI",
    input: "`--x x1,` (trailing comma)",
    run: feArgs("--data", PANEL, "--y", "y", "--x", "x1,", "--fe", "unit,year"),
    expect: { error: /--x "x1,": item 2 is empty/ },
  },
  {
    area: "CLI",
    input: "`--x ,` only commas",
    run: feArgs("--data", PANEL, "--y", "y", "--x", ",", "--fe", "unit,year"),
    expect: { error: /--x ",": item 1 is empty/ },
  },
  {
    area: "CLI",
    input: "`--json --format csv`",
    run: fe("--json", "--format", "csv"),
    expect: { error: /--json and --format csv conflict: --json prints JSON; give one of them/ },
  },
  {
    area: "CLI",
    input: "`--json --out results.csv`",
    run: fe("--json", "--out", join(TMP, "r.csv")),
    expect: { error: /--json and --out .*r\.csv conflict/ },
  },
  {
    area: "CLI",
    input: "`--vcov iid --cluster unit`",
    run: fe("--vcov", "iid", "--cluster", "unit"),
    expect: {
      error: /--vcov iid and --cluster unit conflict.*drop --cluster, or use --vcov cluster/,
    },
  },
  {
    area: "CLI",
    input: "`--vcov hc1 --cluster unit`",
    run: fe("--vcov", "hc1", "--cluster", "unit"),
    expect: { error: /--vcov hc1 and --cluster unit conflict/ },
  },
  {
    area: "CLI",
    input: "`--vcov cluster` without --cluster",
    run: fe("--vcov", "cluster"),
    expect: { error: /--vcov cluster needs --cluster COL/ },
  },
  {
    area: "CLI",
    input: "`--vcov bogus`",
    run: fe("--vcov", "bogus"),
    expect: { error: /--vcov must be iid, hc1 or cluster \(got "bogus"\)/ },
  },
  {
    area: "CLI",
    input: "`--ssc bogus`",
    run: fe("--ssc", "bogus"),
    expect: {
      error: /--ssc must be one of plm, plm-hc1, plm-sss, stata, fixest, full \(got "bogus"\)/,
    },
  },
  {
    area: "CLI",
    input: "`--format docx`",
    run: fe("--format", "docx"),
    expect: { error: /--format must be one of text, html, markdown, latex, csv \(got "docx"\)/ },
  },
  {
    area: "CLI",
    input: "`--keys unit` (one column)",
    run: fe("--keys", "unit"),
    expect: { error: /--keys needs two columns, unit and time \(got "unit"\)/ },
  },
  {
    area: "CLI",
    input: "`--cluster unit,year` (a list)",
    run: fe("--cluster", "unit,year"),
    expect: { error: /--cluster "unit,year" takes one column, not a list/ },
  },
  {
    area: "CLI",
    input: "`--y y,x1` (a list)",
    run: feArgs("--data", PANEL, "--y", "y,x1", "--x", "x2"),
    expect: { error: /--y "y,x1" takes one column, not a list/ },
  },
  {
    area: "CLI",
    input: "an unknown option `--clutser unit`",
    run: fe("--clutser", "unit"),
    expect: { error: /unknown option '--clutser'/ },
  },
  {
    area: "CLI",
    input: "`--data` missing",
    run: feArgs("--y", "y", "--x", "x1"),
    expect: { error: /required option '--data <file>' not specified/ },
  },
  {
    area: "CLI",
    input: "`--data` a file that does not exist",
    run: feArgs("--data", join(TMP, "nope.csv"), "--y", "y", "--x", "x1"),
    expect: { error: /cannot read --data <tmp>\/nope\.csv: ENOENT|nope\.csv/ },
  },
  {
    area: "CLI",
    input: "`--data` a folder",
    run: feArgs("--data", TMP, "--y", "y", "--x", "x1"),
    expect: { error: /cannot read --data .*EISDIR|is a directory|EISDIR/ },
  },
  {
    area: "CLI",
    input: "`--y` a column that does not exist",
    run: feArgs("--data", PANEL, "--y", "yy", "--x", "x1"),
    expect: {
      error:
        /panel\.csv \(row 1, column "yy"\): missing required column "yy" \(header has: unit, year, y, x1, x2\)/,
    },
  },
  {
    area: "CLI",
    input: "the outcome among the regressors",
    run: feArgs("--data", PANEL, "--y", "y", "--x", "y,x1", "--fe", "unit,year"),
    expect: { error: /the outcome "y" is also listed among the regressors/ },
  },
  {
    area: "CLI",
    input: "`--out` equal to `--data`",
    run: fe("--out", PANEL),
    expect: {
      error:
        /--out .*panel\.csv is the input file .*: writing would replace the data with the results/,
    },
  },
  {
    area: "CLI",
    input: "`--out` a read-only file",
    run: () => {
      const f = file("ro.txt", "keep");
      chmodSync(f, 0o444);
      return fe("--out", f)();
    },
    expect: { error: /--out .*ro\.txt is read-only; make it writable/ },
  },
  {
    area: "CLI",
    input: "`--out` a symbolic link",
    run: () => {
      const t = file("target.txt", "t");
      const l = join(TMP, "link.txt");
      try {
        symlinkSync(t, l);
      } catch {
        /* exists */
      }
      return fe("--out", l)();
    },
    expect: { error: /--out .*link\.txt is a symbolic link: writing would replace the link/ },
  },
  {
    area: "CLI",
    input: "`--out a/x.csv` where a is a file",
    run: () => {
      const a = file("afile", "");
      return fe("--out", join(a, "x.csv"))();
    },
    expect: { error: /--out .*afile\/x\.csv: .*afile is a file, not a folder/ },
  },
  {
    area: "CLI",
    input: "`--out` a folder",
    run: () => {
      mkdirSync(join(TMP, "outdir"), { recursive: true });
      return fe("--out", join(TMP, "outdir"))();
    },
    expect: { error: /--out .*outdir is a folder; give a file name/ },
  },
  {
    area: "CLI",
    input: "`--out` a symlink to the input",
    run: () => {
      const l = join(TMP, "panel-link.csv");
      try {
        symlinkSync(PANEL, l);
      } catch {
        /* exists */
      }
      return fe("--out", l)();
    },
    expect: { error: /is the input file/ },
  },
  {
    area: "CLI",
    input: "a clean two-way fit, --json",
    run: fe("--cluster", "unit", "--json"),
    expect: { result: (s) => sameAsRef(s), says: "the library's estimates and SEs (to 1e-9)" },
  },
  {
    area: "CLI",
    input: "`--x x1` on the same file (one regressor)",
    run: () =>
      cli([
        "fe",
        "--data",
        PANEL,
        "--y",
        "y",
        "--x",
        "x1",
        "--fe",
        "unit,year",
        "--cluster",
        "unit",
        "--json",
      ]),
    expect: { result: (s) => sameAsRef(s, refOneX), says: "the one-regressor fit (to 1e-9)" },
  },
  {
    area: "CLI",
    input: "a duplicated (unit, year) row",
    run: () =>
      cli([
        "fe",
        "--data",
        file("dup.csv", csvOf([...rows, rows[3]].map((r) => [r.unit, r.year, r.y, r.x1, r.x2]))),
        "--y",
        "y",
        "--x",
        "x1",
        "--fe",
        "unit,year",
      ]),
    expect: {
      error:
        /dup\.csv: duplicate keys: 1 row repeats an earlier \(unit, year\) key: \(1, 2004\) on lines 5 and 32\. Remove them, or pass --allow-duplicate-keys/,
    },
  },
  {
    area: "CLI",
    input: "a duplicate key spelled `1.0` / `2004.0`",
    run: () =>
      cli([
        "fe",
        "--data",
        file(
          "dup2.csv",
          csvOf([
            ...rows.map((r) => [r.unit, r.year, r.y, r.x1, r.x2]),
            ["1.0", "2004.0", 1, 1, 1],
          ]),
        ),
        "--y",
        "y",
        "--x",
        "x1",
        "--fe",
        "unit,year",
      ]),
    expect: {
      error:
        /dup2\.csv: duplicate keys: 1 row repeats an earlier \(unit, year\) key: \(1, 2004\) on lines 5 and 32/,
    },
  },
  {
    area: "CLI",
    input: "`--allow-duplicate-keys` with a duplicate",
    run: () =>
      cli([
        "fe",
        "--data",
        file("dup3.csv", csvOf([...rows, rows[3]].map((r) => [r.unit, r.year, r.y, r.x1, r.x2]))),
        "--y",
        "y",
        "--x",
        "x1",
        "--fe",
        "unit,year",
        "--allow-duplicate-keys",
        "--json",
      ]),
    expect: {
      result: (s) =>
        json(s).nobs === 31 && json(s).notes.some((n) => /Duplicate keys \(accepted/.test(n)),
      says: "31 observations and a note counting the duplicate",
    },
  },
  {
    area: "CLI",
    input: "units written `1` and `1.0`",
    run: () =>
      cli([
        "fe",
        "--data",
        file(
          "mixed.csv",
          csvOf(rows.map((r, i) => [i % 2 ? `${r.unit}.0` : r.unit, r.year, r.y, r.x1, r.x2])),
        ),
        "--y",
        "y",
        "--x",
        "x1,x2",
        "--fe",
        "unit,year",
        "--cluster",
        "unit",
        "--json",
      ]),
    expect: {
      result: (s) => sameAsRef(s) && json(s).notes.some((n) => /spelled two ways/.test(n)),
      says: "the clean fit (6 units, not 12) and a note on the merged spellings",
    },
  },
  {
    area: "CLI",
    input: "missing cells (NA, empty, .)",
    run: () =>
      cli([
        "fe",
        "--data",
        file(
          "na.csv",
          csvOf(
            rows.map((r, i) => [
              r.unit,
              r.year,
              i === 0 ? "NA" : i === 1 ? "" : r.y,
              i === 2 ? "." : r.x1,
              r.x2,
            ]),
          ),
        ),
        "--y",
        "y",
        "--x",
        "x1,x2",
        "--fe",
        "unit,year",
        "--json",
      ]),
    expect: {
      result: (s) =>
        json(s).nobs === 27 &&
        json(s).dropped["missing y"] === 2 &&
        json(s).dropped["missing x1"] === 1,
      says: "27 observations; dropped: missing y 2, missing x1 1",
    },
  },
  {
    area: "CLI",
    input: "all rows missing y",
    run: () =>
      cli([
        "fe",
        "--data",
        file("allna.csv", csvOf(rows.map((r) => [r.unit, r.year, "NA", r.x1, r.x2]))),
        "--y",
        "y",
        "--x",
        "x1",
      ]),
    expect: {
      error: /allna\.csv: no observations left after removing missing values \(30 missing y\)/,
    },
  },
  {
    area: "CLI",
    input: "a constant outcome",
    run: () =>
      cli([
        "fe",
        "--data",
        file("const.csv", csvOf(rows.map((r) => [r.unit, r.year, 1, r.x1, r.x2]))),
        "--y",
        "y",
        "--x",
        "x1",
      ]),
    expect: { error: /const\.csv: the outcome "y" is constant/ },
  },
  {
    area: "CLI",
    input: "a regressor absorbed by the unit effects",
    run: () =>
      cli([
        "fe",
        "--data",
        file("abs.csv", csvOf(rows.map((r) => [r.unit, r.year, r.y, r.unit * 2, r.x2]))),
        "--y",
        "y",
        "--x",
        "x1",
        "--fe",
        "unit,year",
      ]),
    expect: {
      error: /abs\.csv: no variation left in x1 after absorbing the fixed effects unit, year/,
    },
  },
  {
    area: "CLI",
    input: "two units, unit + year effects, clustered by unit (zero cluster variance)",
    run: () =>
      cli([
        "fe",
        "--data",
        file(
          "two.csv",
          csvOf(
            [
              [1, 1, 1, 0.1],
              [1, 2, 2, 0.5],
              [1, 3, 1.5, 0.2],
              [2, 1, 3, 0.7],
              [2, 2, 2.2, 0.3],
              [2, 3, 4, 0.9],
            ],
            "unit,year,y,x1",
          ),
        ),
        "--y",
        "y",
        "--x",
        "x1",
        "--fe",
        "unit,year",
        "--cluster",
        "unit",
      ]),
    expect: {
      result: (s) =>
        /^x1 +2\.438$/m.test(String(s)) &&
        /\(—\)/.test(String(s)) &&
        !/\*/.test(
          String(s)
            .split("\n")
            .find((l) => l.startsWith("x1")) ?? "*",
        ),
      says: "x1 2.438 with (—): no SE, no star, and the warning",
    },
  },
  {
    area: "CLI",
    input: "header only",
    run: () => cli(["fe", "--data", file("head.csv", "unit,year,y,x1\n"), "--y", "y", "--x", "x1"]),
    expect: { error: /head\.csv: no data rows in .*head\.csv \(only a header\)/ },
  },
  {
    area: "CLI",
    input: "a `.csv.gz` file",
    run: () =>
      cli([
        "fe",
        "--data",
        file("p.csv.gz", gzipSync(readFileBuf(PANEL))),
        "--y",
        "y",
        "--x",
        "x1",
      ]),
    expect: { error: /p\.csv\.gz \(row 1\): the file is gzip-compressed .*gunzip/ },
  },
  {
    area: "CLI",
    input: "a no-break space before a number",
    run: () =>
      cli([
        "fe",
        "--data",
        file("nbsp.csv", "unit,year,y,x1\n1,2001,\u00a00.25,1\n"),
        "--y",
        "y",
        "--x",
        "x1",
      ]),
    expect: {
      error:
        /nbsp\.csv \(row 2, column "y"\): not a number: "\u00a00\.25" \(contains U\+00A0 NO-BREAK SPACE at character 1; delete it/,
    },
  },
  {
    area: "CLI",
    input: "a Unicode minus sign (U+2212)",
    run: () =>
      cli([
        "fe",
        "--data",
        file("minus.csv", "unit,year,y,x1\n1,2001,\u22120.5,1\n"),
        "--y",
        "y",
        "--x",
        "x1",
      ]),
    expect: {
      error:
        /minus\.csv \(row 2, column "y"\): not a number: "\u22120\.5" \(contains U\+2212 MINUS SIGN at character 1; replace it with an ASCII hyphen-minus/,
    },
  },
  {
    area: "CLI",
    input: "`gdelt aggregate --in x extra`",
    run: () => cli(["gdelt", "aggregate", "--in", TMP, "extra"]),
    expect: {
      error: /unexpected word "extra" after "--in \/.*": every value belongs to an option/,
    },
  },
  {
    area: "CLI",
    input: "`gdelt bigquery --from 2020-02-30`",
    run: () => cli(["gdelt", "bigquery", "--from", "2020-02-30", "--to", "2020-03-01"]),
    expect: { error: /2020-02-30/ },
  },
];

function readFileBuf(f: string): Buffer {
  return readFileSync(f);
}

// ------------------------------------------------------ numeric cells, both readers
const BAD_NUMBERS: [string, RegExp][] = [
  ["0x10", /not a number: "0x10"/],
  ["Infinity", /not a number: "Infinity"/],
  ["-inf", /not a number: "-inf"/],
  ["NaN", /not a number: "NaN"/],
  ["1_000", /not a number: "1_000"/],
  ["1e400", /(not a finite number|not a number): "1e400"/],
  ["1e", /not a number: "1e"/],
  ["e5", /not a number: "e5"/],
  ["--1", /not a number: "--1"/],
  ["+", /not a number: "\+"/],
  ["1 000", /not a number: "1 000"/],
  ["$5", /not a number: "\$5"/],
  ["5%", /not a number: "5%"/],
  ["TRUE", /not a number: "TRUE"/],
  ["１", /not a number: "１" \(contains U\+FF11/],
  ["1\u200b", /not a number: "1\u200b" \(contains U\+200B ZERO WIDTH SPACE at character 2/],
  [
    "\u00a01",
    /not a number: "\u00a01" \(contains U\+00A0 NO-BREAK SPACE at character 1; delete it/,
  ],
  ["0o7", /not a number: "0o7"/],
];
const numberCases: Case[] = BAD_NUMBERS.flatMap(([cell, re]): Case[] => [
  {
    area: "CSV reader",
    input: `numeric cell \`${JSON.stringify(cell).slice(1, -1)}\``,
    run: () => {
      const t = parseCsvText(`u,y\nA,"${cell}"\n`, "n.csv");
      return num(t, 0, "y");
    },
    expect: { error: new RegExp(`n\\.csv \\(row 2, column "y"\\): ${re.source}`) },
  },
  {
    area: "typed CSV reader",
    input: `numeric cell \`${JSON.stringify(cell).slice(1, -1)}\``,
    run: () =>
      ingestCsv(file("n.csv", `u,y\nA,${cell}\n`), { numeric: ["y"] }, "n.csv").numeric.y[0],
    expect: { error: new RegExp(`n\\.csv \\(row 2, column "y"\\): ${re.source}`) },
  },
]);

// ------------------------------------------------------ structure, both readers
type Reader = "CSV reader" | "typed CSV reader";
const both = (
  input: string,
  content: string | Buffer,
  expect: Case["expect"] | ((r: Reader) => Case["expect"]),
  spec = { numeric: ["y"], categorical: ["u"] },
): Case[] =>
  (["CSV reader", "typed CSV reader"] as Reader[]).map((area) => ({
    area,
    input,
    run:
      area === "CSV reader"
        ? () => {
            const t = parseCsvBytes(
              Buffer.isBuffer(content) ? content : Buffer.from(content),
              "s.csv",
              { required: ["u", "y"] },
            );
            return t.rows.map((_, i) => [
              t.rows[i][t.col("u")].trim(),
              num(t, i, "y", { na: ["", "NA", "."] }),
            ]);
          }
        : () => {
            const t = ingestCsv(file("s.csv", content), spec, "s.csv");
            return Array.from(t.categorical.u.codes, (c, i) => [
              c < 0 ? null : t.categorical.u.levels[c],
              Number.isNaN(t.numeric.y[i]) ? null : t.numeric.y[i],
            ]);
          },
    expect: typeof expect === "function" ? expect(area) : expect,
  }));
const eq = (want: unknown) => (r: unknown) => JSON.stringify(r) === JSON.stringify(want);
const structureCases: Case[] = [
  ...both("a ragged row (3 fields, header has 2)", "u,y\nA,1\nB,2,3\n", {
    error: /s\.csv \(row 3\): expected 2 fields, found 3/,
  }),
  ...both("a truncated last row", "u,y\nA,1\nB\n", {
    error: /s\.csv \(row 3\): expected 2 fields, found 1/,
  }),
  ...both("a duplicate header name", "u,y,y\nA,1,2\n", {
    error: /s\.csv \(row 1, column "y"\): duplicate column name "y"/,
  }),
  ...both("a required column missing", "u,z\nA,1\n", {
    error: /s\.csv \(row 1, column "y"\): missing required column "y" \(header has: u, z\)/,
  }),
  ...both("an empty file", "", { error: /s\.csv: file is empty \(no header row\)/ }),
  ...both("CR-only line ends", "u,y\rA,1\rB,2\r", {
    error: /s\.csv \(row 1\): lines end with CR alone/,
  }),
  ...both("gzip bytes in a .csv", gzipSync(Buffer.from("u,y\nA,1\n")), {
    error: /s\.csv \(row 1\): the file is gzip-compressed/,
  }),
  ...both(
    "invalid UTF-8 (a Latin-1 é)",
    Buffer.concat([Buffer.from("u,y\nA,1\nB"), Buffer.from([0xe9]), Buffer.from(",2\n")]),
    {
      error: /s\.csv \(row 3\): invalid UTF-8 \(bytes 0xE9 0x2C 0x32 0x0A\); the file is not UTF-8/,
    },
  ),
  ...both("an unclosed quote", 'u,y\nA,1\n"B,2\n', {
    error: /s\.csv \(row 3\): unclosed quoted field at the end of the file$/,
  }),
  ...both("a quote inside an unquoted field", 'u,y\nA"x,1\n', {
    error: /s\.csv \(row 2\): a quote inside unquoted field 1 \(quote the whole field/,
  }),
  ...both("CRLF line ends", "u,y\r\nA,1\r\nB,2\r\n", {
    result: eq([
      ["A", 1],
      ["B", 2],
    ]),
    says: "read as LF: A 1, B 2",
  }),
  ...both("a UTF-8 BOM", "\ufeffu,y\nA,1\n", {
    result: eq([["A", 1]]),
    says: "BOM dropped: header u, y",
  }),
  ...both("empty lines between rows", "u,y\n\nA,1\n\n\nB,2\n", {
    result: eq([
      ["A", 1],
      ["B", 2],
    ]),
    says: "empty lines skipped",
  }),
  ...both("a quoted field with a line break", 'u,y\n"A\nB",1\n', {
    result: eq([["A\nB", 1]]),
    says: "one row, the label holds the line break",
  }),
  ...both("quoted and unquoted NA / empty", 'u,y\nA,NA\nB,"NA"\nC,\nD,""\nE,.\n', {
    result: eq([
      ["A", null],
      ["B", null],
      ["C", null],
      ["D", null],
      ["E", null],
    ]),
    says: "all five missing",
  }),
  ...both("padded numbers ` 1.5 `", "u,y\nA, 1.5 \nB,\t2\t\n", {
    result: eq([
      ["A", 1.5],
      ["B", 2],
    ]),
    says: "spaces and tabs trimmed: 1.5, 2",
  }),
  ...both("17 significant digits", "u,y\nA,0.30000000000000004\nB,9007199254740993\n", {
    result: eq([
      ["A", 0.30000000000000004],
      ["B", 9007199254740992],
    ]),
    says: "Number(text) bit for bit",
  }),
  ...both("a header with spaces around names", " u , y \nA,1\n", {
    result: eq([["A", 1]]),
    says: "names trimmed",
  }),
];
const naCases: Case[] = [
  {
    area: "typed CSV reader",
    input: '`na: ["-99"]`, quoted and unquoted',
    run: () =>
      Array.from(
        ingestCsv(
          file("na99.csv", 'u,y\nA,-99\nB,"-99"\nC, -99\nD,5\n'),
          { numeric: ["y"], na: ["-99"] },
          "na99.csv",
        ).numeric.y,
      ),
    expect: {
      result: (r) => JSON.stringify(r) === JSON.stringify([null, null, null, 5]),
      says: "three missing, 5 kept",
    },
  },
  {
    area: "CSV reader",
    input: '`na: ["-99"]`, quoted and unquoted',
    run: () => {
      const t = parseCsvText('u,y\nA,-99\nB,"-99"\nC, -99\nD,5\n', "na99.csv");
      return t.rows.map((_, i) => num(t, i, "y", { na: ["-99"] }));
    },
    expect: { result: eq([null, null, null, 5]), says: "three missing, 5 kept" },
  },
  {
    area: "typed CSV reader",
    input: '`na: ["-99"]` does not match -99.0',
    run: () =>
      Array.from(
        ingestCsv(file("na99b.csv", "u,y\nA,-99.0\n"), { numeric: ["y"], na: ["-99"] }, "na99b.csv")
          .numeric.y,
      ),
    expect: { result: eq([-99]), says: "-99.0 is a value (tokens are text, as in the CSV reader)" },
  },
  {
    area: "CSV reader",
    input: "an integer column with 2.5",
    run: () => {
      const t = parseCsvText("u,y\nA,2.5\n", "i.csv");
      return int(t, 0, "y");
    },
    expect: { error: /i\.csv \(row 2, column "y"\): not an integer: "2\.5"/ },
  },
];

// ---------------------------------------------------------------- Parquet
let parquetReady: Promise<void> | undefined;
const PQ = (n: string) => join(TMP, n);
async function makeParquet(): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  const run = (sql: string) => con.run(sql);
  await run(
    `COPY (SELECT {'a': i, 'b': 'x'} AS s, [i, i + 1] AS l, 9007199254740992::BIGINT + 1 + (i % 10) AS id, (i % 4)::INTEGER AS t, i::DOUBLE AS y, (i * 0.5)::DOUBLE AS x, '1_000' AS txt FROM range(40) r(i)) TO '${PQ("nested.parquet")}' (FORMAT parquet)`,
  );
  await run(
    `COPY (SELECT 'A' AS u, 'nan'::DOUBLE AS y UNION ALL SELECT 'B', 1) TO '${PQ("nan.parquet")}' (FORMAT parquet)`,
  );
  await run(
    `COPY (SELECT 'A' AS u, 'inf'::DOUBLE AS y) TO '${PQ("inf.parquet")}' (FORMAT parquet)`,
  );
  await run(
    `COPY (SELECT 'A' AS u, NULL::DOUBLE AS y UNION ALL SELECT 'B', 2) TO '${PQ("null.parquet")}' (FORMAT parquet)`,
  );
  await run(
    `COPY (SELECT 'A' AS u, 1.0::DOUBLE AS y LIMIT 0) TO '${PQ("empty.parquet")}' (FORMAT parquet)`,
  );
  await run(
    `COPY (SELECT 1.5::DECIMAL(4,2) AS y, '2003' AS k UNION ALL SELECT 2.25, '2003.0') TO '${PQ("dec.parquet")}' (FORMAT parquet)`,
  );
  await run(
    `COPY (SELECT DATE '2020-01-01' AS d, true AS b, 1.0::DOUBLE AS y) TO '${PQ("date.parquet")}' (FORMAT parquet)`,
  );
  con.closeSync();
  inst.closeSync();
}
const pq = (input: string, run: () => Promise<unknown>, expect: Case["expect"]): Case => ({
  area: "Parquet",
  input,
  run: async () => {
    parquetReady ??= makeParquet();
    await parquetReady;
    return run();
  },
  expect,
});
const parquetCases: Case[] = [
  pq(
    "int64 ids above 2^53 as categories",
    async () =>
      (await readColumns(PQ("nested.parquet"), { categorical: ["id"] })).categorical.id.levels
        .length,
    { result: (r) => r === 10, says: "10 distinct ids (as doubles they would be 6)" },
  ),
  pq(
    "STRUCT and LIST columns before the used ones",
    async () =>
      Array.from(
        (await readColumns(PQ("nested.parquet"), { numeric: ["x"] })).numeric.x.slice(0, 3),
      ),
    { result: eq([0, 0.5, 1]), says: "x read by name: 0, 0.5, 1" },
  ),
  pq(
    "a text column `1_000` asked as a number",
    () => readColumns(PQ("nested.parquet"), { numeric: ["txt"] }, "nested.parquet"),
    {
      error:
        /nested\.parquet \(column "txt"\): column "txt" has type VARCHAR; a numeric column is needed/,
    },
  ),
  pq(
    "a STRUCT column asked as a number",
    () => readColumns(PQ("nested.parquet"), { numeric: ["s"] }, "nested.parquet"),
    { error: /column "s" has type STRUCT\(a BIGINT, b VARCHAR\); a numeric column is needed/ },
  ),
  pq(
    "a LIST column asked as a category",
    () => readColumns(PQ("nested.parquet"), { categorical: ["l"] }, "nested.parquet"),
    { error: /column "l" has type BIGINT\[\]; categories must be text or integers/ },
  ),
  pq(
    "NaN in a numeric column",
    () => readColumns(PQ("nan.parquet"), { numeric: ["y"] }, "nan.parquet"),
    { error: /nan\.parquet \(row 1, column "y"\): not a finite number: NaN/ },
  ),
  pq(
    "Infinity in a numeric column",
    () => readColumns(PQ("inf.parquet"), { numeric: ["y"] }, "inf.parquet"),
    { error: /inf\.parquet \(row 1, column "y"\): not a finite number: Infinity/ },
  ),
  pq(
    "NULL in a numeric column",
    async () => {
      const t = await readColumns(PQ("null.parquet"), { numeric: ["y"] });
      return [t.missing.y, t.numeric.y[1]];
    },
    { result: eq([1, 2]), says: "one missing, counted" },
  ),
  pq("zero rows", () => readColumns(PQ("empty.parquet"), { numeric: ["y"] }, "empty.parquet"), {
    error: /empty\.parquet: no data rows in empty\.parquet/,
  }),
  pq(
    "DECIMAL values and keys `2003` / `2003.0`",
    async () => {
      const t = await readColumns(PQ("dec.parquet"), { numeric: ["y"], categorical: ["k"] });
      return [Array.from(t.numeric.y), t.categorical.k.levels];
    },
    { result: eq([[1.5, 2.25], ["2003"]]), says: "1.5, 2.25; one level 2003" },
  ),
  pq(
    "DATE and BOOLEAN as categories",
    async () => {
      const t = await readColumns(PQ("date.parquet"), { categorical: ["d", "b"] });
      return [t.categorical.d.levels, t.categorical.b.levels];
    },
    { result: eq([["2020-01-01"], ["true"]]), says: "read as text" },
  ),
  pq(
    "not a Parquet file (.parquet extension)",
    () => readColumns(file("fake.parquet", "not parquet"), { numeric: ["y"] }, "fake.parquet"),
    { error: /fake\.parquet: not a readable Parquet file/ },
  ),
  pq(
    "a column that does not exist",
    () => readColumns(PQ("null.parquet"), { numeric: ["zz"] }, "null.parquet"),
    { error: /null\.parquet \(column "zz"\): missing required column "zz" \(header has: u, y\)/ },
  ),
  pq(
    "a truncated Parquet file",
    async () => {
      const b = readFileBuf(PQ("nested.parquet"));
      return readColumns(
        file("trunc.parquet", b.subarray(0, b.length - 20)),
        { numeric: ["y"] },
        "trunc.parquet",
      );
    },
    { error: /trunc\.parquet: not a readable Parquet file/ },
  ),
];

// ---------------------------------------------------------------- data layer
const dataCases: Case[] = [
  {
    area: "data layer",
    input: "readCsv on a missing absolute path",
    run: () => readCsv(join(TMP, "missing.csv")),
    expect: {
      error: /missing\.csv: file not found: \/.*\/missing\.csv \(an absolute path is read as given/,
    },
  },
  {
    area: "data layer",
    input: "readCsv on a folder",
    run: () => readCsv(TMP),
    expect: { error: /is a directory \(or not a regular file\) where a data file should be/ },
  },
  {
    area: "data layer",
    input: "a raw file not in the manifest",
    run: () => locateRaw("wdi/not-listed.csv", { dataDir: TMP }),
    expect: {
      error:
        /wdi\/not-listed\.csv: raw file not found; looked in \/.* \(data root chosen via option\)/,
    },
  },
  {
    area: "data layer",
    input: "a data root that does not exist",
    run: () => locateRaw("wdi/gdp.csv", { dataDir: join(TMP, "no-such-root") }),
    expect: {
      error:
        /wdi\/gdp\.csv: raw file not found; looked in \/.*no-such-root \(data root chosen via option\)/,
    },
  },
  {
    area: "data layer",
    input: "keys `1` / `1.0` in checkUniqueKeys",
    run: () =>
      checkUniqueKeys({ u: ["1", "1.0"], t: ["2003", "2003"] }, ["u", "t"], { file: "k.csv" }),
    expect: {
      error:
        /k\.csv \(row 3\): 1 row\(s\) repeat an earlier \(u, t\) key; first: \(1, 2003\) on rows 2 and 3/,
    },
  },
  {
    area: "data layer",
    input: "canonicalKey of ids above 2^53",
    run: () => [canonicalKey("9007199254740993"), canonicalKey("9007199254740993.0")],
    expect: {
      result: eq(["9007199254740993", "9007199254740993"]),
      says: "exact, not rounded to …992",
    },
  },
  {
    area: "data layer",
    input: "canonicalKey of text keys",
    run: () => ["USA", "NA", "0x10", "1,5"].map(canonicalKey),
    expect: { result: eq(["USA", "NA", "0x10", "1,5"]), says: "text left as it is" },
  },
  {
    area: "data layer",
    input: "comment lines before the data (`# note` then rows)",
    run: () => parseCsvText("u,y\n# note\nA,1\n", "c.csv", { comments: true }),
    expect: { error: /c\.csv \(row 2\): 1 "#" comment line\(s\) before the last data row/ },
  },
];

// ---------------------------------------------------------------- GDELT
const H = "iso3,year,n_events,mean_goldstein,mean_mentions,policy\n";
const bq = (name: string, body: string | Buffer) => () =>
  readPolicyCsv(
    file(name, Buffer.isBuffer(body) ? Buffer.concat([Buffer.from(H), body]) : H + body),
  );
const rowOf = (
  iso3: string,
  year: number | string,
  n: number | string,
  g: number,
  m: number,
  p?: number,
) => `${iso3},${year},${n},${g},${m},${p ?? (g + 0.1) * Math.log2(m + 1)}\n`;
const gdeltCases: Case[] = [
  {
    area: "GDELT",
    input: "mean NumMentions −0.5",
    run: bq("bq1.csv", rowOf("JPN", 2018, 4, 1, -0.5)),
    expect: { error: /bq1\.csv \(row 2, column "mean_mentions"\): mean_mentions -0\.5 is below 1/ },
  },
  {
    area: "GDELT",
    input: "mean NumMentions 1e308",
    run: bq("bq2.csv", rowOf("JPN", 2018, 4, 1, 1e308)),
    expect: {
      error: /bq2\.csv \(row 2, column "mean_mentions"\): mean_mentions 1e\+308 is absurd/,
    },
  },
  {
    area: "GDELT",
    input: "mean Goldstein 50",
    run: bq("bq3.csv", rowOf("JPN", 2018, 4, 50, 3)),
    expect: {
      error:
        /bq3\.csv \(row 2, column "mean_goldstein"\): mean_goldstein 50 is outside \[-10, 10\]/,
    },
  },
  {
    area: "GDELT",
    input: "mean Goldstein −10.5",
    run: bq("bq4.csv", rowOf("JPN", 2018, 4, -10.5, 3)),
    expect: { error: /mean_goldstein -10\.5 is outside \[-10, 10\]/ },
  },
  {
    area: "GDELT",
    input: "invalid UTF-8 in a note line",
    run: bq(
      "bq5.csv",
      Buffer.concat([
        Buffer.from(rowOf("JPN", 2018, 4, 1, 3) + "# note "),
        Buffer.from([0xff, 0x0a]),
      ]),
    ),
    expect: { error: /bq5\.csv \(row 3\): invalid UTF-8 \(bytes 0xFF 0x0A\)/ },
  },
  {
    area: "GDELT",
    input: "policy not equal to Eq. 1",
    run: bq("bq6.csv", rowOf("JPN", 2018, 4, 1, 3, 2.3)),
    expect: {
      error:
        /bq6\.csv \(row 2, column "policy"\): policy 2\.3 is not \(mean_goldstein \+ 0\.1\) \* log2\(mean_mentions \+ 1\)/,
    },
  },
  {
    area: "GDELT",
    input: "a country that is not an ally",
    run: bq("bq7.csv", rowOf("USA", 2018, 4, 1, 3)),
    expect: { error: /bq7\.csv \(row 2, column "iso3"\): "USA" is not one of the 26 allies/ },
  },
  {
    area: "GDELT",
    input: "n_events 0",
    run: bq("bq8.csv", rowOf("JPN", 2018, 0, 1, 3)),
    expect: { error: /bq8\.csv \(row 2\): year and n_events >= 1 are required/ },
  },
  {
    area: "GDELT",
    input: "a duplicated ally-year",
    run: bq("bq9.csv", rowOf("JPN", 2018, 4, 1, 3) + rowOf("JPN", 2018, 4, 1, 3)),
    expect: { error: /bq9\.csv \(row 3\): duplicate key \(JPN 2018\) also on row 2/ },
  },
  {
    area: "GDELT",
    input: "year 2012 (before GDELT 1.0 daily files)",
    run: bq("bq10.csv", rowOf("JPN", 2012, 4, 1, 3)),
    expect: { error: /bq10\.csv \(row 2, column "year"\): .*2012/ },
  },
  {
    area: "GDELT",
    input: "year 2018.5",
    run: bq("bq11.csv", rowOf("JPN", "2018.5", 4, 1, 3)),
    expect: { error: /bq11\.csv \(row 2, column "year"\): not an integer: "2018\.5"/ },
  },
  {
    area: "GDELT",
    input: "a valid export row",
    run: () =>
      readPolicyCsv(file("bq12.csv", H + rowOf("JPN", 2018, 4, 1, 3))).rows.map((r) => [
        r.iso3,
        r.year,
        r.policy,
      ]),
    expect: {
      result: eq([["JPN", 2018, 1.1 * 2]]),
      says: "JPN 2018, policy (1 + 0.1) · log2(4) = 2.2",
    },
  },
  {
    area: "GDELT",
    input: "mean Goldstein exactly −10 and mentions exactly 1",
    run: () => readPolicyCsv(file("bq13.csv", H + rowOf("JPN", 2018, 1, -10, 1))).rows.length,
    expect: { result: (r) => r === 1, says: "accepted: the ends of the ranges" },
  },
];

// ---------------------------------------------------------------- library
const L = DATA;
const withDup = {
  unit: [...L.unit, 1],
  year: [...L.year, 2004],
  y: [...L.y, 1],
  x1: [...L.x1, 1],
  x2: [...L.x2, 1],
};
const libraryCases: Case[] = [
  {
    area: "library",
    input: "feols() with a duplicated (unit, year) row",
    run: () => feols("y ~ x1 | unit + year", withDup),
    expect: {
      error:
        /1 row\(s\) repeat an earlier \(unit, year\) key; first: \(1, 2004\) on rows 4 and 31.*duplicateKeys: "warn"/,
    },
  },
  {
    area: "library",
    input: 'feols() with a duplicate, duplicateKeys: "warn"',
    run: () =>
      feols("y ~ x1 | unit + year", withDup, { duplicateKeys: "warn" }).warnings.filter((w) =>
        /duplicate keys/.test(w),
      ).length,
    expect: { result: (r) => r === 1, says: "fitted, with one warning counting the duplicate" },
  },
  {
    area: "library",
    input: 'feols() with year `2004` and `"2004.0"`',
    run: () =>
      feols("y ~ x1 | unit + year", { ...L, year: L.year.map((t, i) => (i % 3 ? t : `${t}.0`)) })
        .groups.year,
    expect: { result: (r) => r === 5, says: "5 years, not 10" },
  },
  {
    area: "library",
    input: '`vcov: "bogus"`',
    run: () => feols("y ~ x1 | unit + year", L, { vcov: "bogus" as never }),
    expect: { error: /vcov must be one of "iid", "hc1", "cluster" \(got "bogus"\)/ },
  },
  {
    area: "library",
    input: '`ssc: "bogus"`',
    run: () => feols("y ~ x1 | unit + year", L, { ssc: "bogus" as never }),
    expect: { error: /ssc must be one of "plm", .*\(got "bogus"\)/ },
  },
  {
    area: "library",
    input: 'summary(m, { vcov: "bogus" })',
    run: () => summary(feols("y ~ x1 | unit + year", L), { vcov: "bogus" as never }),
    expect: {
      error: /summary: vcov must be "iid", "hc1" \(or "hetero"\) or "cluster" \(got "bogus"\)/,
    },
  },
  {
    area: "library",
    input: "`l(x1, 1.5)`",
    run: () => parseFormula("y ~ l(x1, 1.5)"),
    expect: { error: /the lag must be a whole number of periods \(got 1\.5\)/ },
  },
  {
    area: "library",
    input: "`f(x1, 0.5)`",
    run: () => parseFormula("y ~ f(x1, 0.5)"),
    expect: { error: /the lead must be a whole number of periods \(got 0\.5\)/ },
  },
  {
    area: "library",
    input: "`y ~ x1 * x2` (interaction)",
    run: () => parseFormula("y ~ x1 * x2"),
    expect: { error: /operator "\*" \(interactions\) is not supported/ },
  },
  {
    area: "library",
    input: "`y ~ x1 + x1`",
    run: () => parseFormula("y ~ x1 + x1"),
    expect: { error: /term x1 appears twice/ },
  },
  {
    area: "library",
    input: "`y ~ log(x1)`",
    run: () => parseFormula("y ~ log(x1)"),
    expect: { error: /function log\(\) is not supported \(only l\(\) and f\(\)\)/ },
  },
  {
    area: "library",
    input: "`y ~ x1 |` (no FE after the bar)",
    run: () => parseFormula("y ~ x1 |"),
    expect: { error: /.+/ },
  },
  {
    area: "library",
    input: "a column that does not exist",
    run: () => feols("y ~ zz | unit + year", L),
    expect: { error: /zz/ },
  },
  {
    area: "library",
    input: "a string in a regressor",
    run: () =>
      engine({ data: { ...L, x1: L.x1.map((v, i) => (i === 4 ? "1.5" : v)) }, y: "y", x: ["x1"] }),
    expect: { error: /column "x1", row 5: not a number: "1\.5"/ },
  },
  {
    area: "library",
    input: "Infinity in a regressor",
    run: () =>
      engine({
        data: { ...L, x1: L.x1.map((v, i) => (i === 2 ? Infinity : v)) },
        y: "y",
        x: ["x1"],
      }),
    expect: { error: /column "x1", row 3: not a finite number: Infinity/ },
  },
  {
    area: "library",
    input: "columns of different lengths",
    run: () => engine({ data: { ...L, x1: L.x1.slice(1) }, y: "y", x: ["x1"] }),
    expect: { error: /column "x1" has 29 rows, "y" has 30/ },
  },
  {
    area: "library",
    input: "zero rows",
    run: () => engine({ data: { y: [], x1: [] }, y: "y", x: ["x1"] }),
    expect: { error: /no observations: the data have 0 rows/ },
  },
  {
    area: "library",
    input: "no regressors",
    run: () => engine({ data: L, y: "y", x: [] }),
    expect: { error: /no regressors given/ },
  },
  {
    area: "library",
    input: "cluster2 without cluster",
    run: () => engine({ data: L, y: "y", x: ["x1"], cluster2: "year" }),
    expect: { error: /cluster2 needs cluster/ },
  },
  {
    area: "library",
    input: 'two-way clustering with ssc "stata"',
    run: () =>
      engine({
        data: L,
        y: "y",
        x: ["x1"],
        fe: ["unit"],
        cluster: "unit",
        cluster2: "year",
        ssc: "stata",
      }),
    expect: { error: /two-way clustering is defined for ssc "fixest" or "full"/ },
  },
  {
    area: "library",
    input: "one cluster",
    run: () =>
      engine({
        data: { ...L, c: L.unit.map(() => 1) },
        y: "y",
        x: ["x1"],
        cluster: "c",
        vcov: "cluster",
      }),
    expect: { error: /cluster-robust vcov needs at least 2 clusters \(found 1\)/ },
  },
  {
    area: "library",
    input: "two units, unit + year effects, clustered by unit",
    run: () =>
      engine({
        data: {
          unit: [1, 1, 1, 2, 2, 2],
          year: [1, 2, 3, 1, 2, 3],
          x: [0.1, 0.5, 0.2, 0.7, 0.3, 0.9],
          y: [1, 2, 1.5, 3, 2.2, 4],
        },
        y: "y",
        x: ["x"],
        fe: ["unit", "year"],
        cluster: "unit",
      }),
    expect: {
      result: (r) => {
        const m = r as typeof ref;
        return (
          Number.isNaN(m.coefficients[0].std_error) &&
          m.warnings.some((w) => /zero up to rounding/.test(w))
        );
      },
      says: "no SE (NaN), a warning: the cluster variance is zero",
    },
  },
  {
    area: "library",
    input: "an exact fit (y = 2x)",
    run: () =>
      engine({
        data: { x: [1, 2, 3, 4, 5], y: [2, 4, 6, 8, 10.000000000000002] },
        y: "y",
        x: ["x"],
      }),
    expect: {
      result: (r) => {
        const m = r as typeof ref;
        return (
          Number.isNaN(m.coefficients[0].std_error) &&
          !/\*/.test(
            etable([m], { format: "text" })
              .split("\n")
              .find((l) => l.startsWith("x")) ?? "*",
          )
        );
      },
      says: "no SE, no star, a warning",
    },
  },
  {
    area: "library",
    input: "zero residual df (saturated)",
    run: () =>
      engine({
        data: { g: [1, 1, 2, 2], x: [1, 2, 3, 5], y: [1, 3, 2, 7] },
        y: "y",
        x: ["x"],
        fe: ["g"],
      }),
    expect: {
      result: (r) => {
        const m = r as typeof ref;
        return m.dfResid === 1
          ? Number.isFinite(m.coefficients[0].std_error)
          : Number.isNaN(m.coefficients[0].std_error);
      },
      says: "SE only if residual df > 0",
    },
  },
  {
    area: "library",
    input: "x1 + 1e12 (SE invariance)",
    run: () => [
      engine({ data: L, y: "y", x: ["x1", "x2"], fe: ["unit", "year"] }),
      engine({
        data: { ...L, x1: L.x1.map((v) => v + 1e12) },
        y: "y",
        x: ["x1", "x2"],
        fe: ["unit", "year"],
      }),
    ],
    expect: {
      result: (r) => {
        const [a, b] = r as [typeof ref, typeof ref];
        return a.coefficients.every(
          (c, j) => Math.abs(b.coefficients[j].std_error / c.std_error - 1) < 1e-10,
        );
      },
      says: "SEs equal to 1e-10 relative",
    },
  },
  {
    area: "library",
    input: "x1 × 1e200 (units)",
    run: () =>
      engine({
        data: { ...L, x1: L.x1.map((v) => v * 1e200) },
        y: "y",
        x: ["x1", "x2"],
        fe: ["unit", "year"],
      }),
    expect: {
      result: (r) =>
        near(
          (r as typeof ref).coefficients[0].estimate * 1e200,
          engine({ data: L, y: "y", x: ["x1", "x2"], fe: ["unit", "year"] }).coefficients[0]
            .estimate,
          1e-9,
        ),
      says: "estimate × 1e200 = the unscaled one",
    },
  },
  {
    area: "library",
    input: "a regressor repeated under another name",
    run: () =>
      engine({ data: { ...L, x3: L.x1 }, y: "y", x: ["x1", "x3"], fe: ["unit", "year"] }).collinear,
    expect: {
      result: eq([{ term: "x3", reason: "collinear" }]),
      says: "x3 dropped as collinear, said so",
    },
  },
  {
    area: "library",
    input: "a missing FE value (null)",
    run: () =>
      engine({
        data: { ...L, unit: L.unit.map((u, i) => (i === 0 ? null : u)) },
        y: "y",
        x: ["x1"],
        fe: ["unit", "year"],
      }).dropped,
    expect: { result: eq({ "missing unit": 1 }), says: "one row dropped, counted as missing unit" },
  },
  {
    area: "library",
    input: "the outcome among the regressors",
    run: () => engine({ data: L, y: "y", x: ["y"] }),
    expect: { error: /the outcome "y" is also listed among the regressors/ },
  },
];

/** Every case of the suite, in the order of the table. */
export const CASES: Case[] = [
  ...cliCases,
  ...numberCases,
  ...structureCases,
  ...naCases,
  ...parquetCases,
  ...dataCases,
  ...gdeltCases,
  ...libraryCases,
];
