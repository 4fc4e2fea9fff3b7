/**
 * The replication's machine-readable results and formatted tables.
 *
 *   Table 1  descriptive statistics of the estimation sample (regressors at
 *            their lagged years 2016-2019, outcome 2017-2020), next to the
 *            published moments;
 *   Table 2  models (1)-(7), Table 3 models (8)-(11), for every outcome the
 *            panel carries (the paper's GDELT Policy only when a GDELT
 *            aggregate exists), next to the published coefficients.
 *
 * Default inference: standard errors clustered by country with Stata's
 * `xtreg, fe vce(cluster)` small-sample factor, t(G − 1) p-values, and
 * Stata's constant (the paper prints one and does not name its SE type; see
 * notebook 09 for the other conventions).
 *
 * `writeReplicationTables(outDir)` writes
 *   <outDir>/results/table{2,3}.csv  columns: model, term, estimate,
 *       std_error, p_value, stars, nobs, outcome, se_type, published_estimate,
 *       published_std_error, published_stars: numbers in number columns, the
 *       significance stars in their own text column;
 *   <outDir>/results/table1.csv  model, term, estimate (the mean), std_error
 *       (the standard deviation), p_value (empty), nobs, outcome, se_type,
 *       published_estimate, published_std_error, min, max, published_min,
 *       published_max, published_row;
 *   each with its notes, column types and descriptions in a W3C CSV on the
 *   Web sidecar `tableN.csv-metadata.json` (lib/io/csvw.ts); the CSV itself is
 *   plain (one header row, data rows), so pandas and R read it with defaults;
 *   <outDir>/tables/table{1,2,3}[_<outcome>].{html,md,tex}: the formatted
 *   tables, where an estimate and its stars share a cell.
 */
import * as path from "node:path";
import { writeFileAtomic } from "../io/csvWrite";
import { writeCsvWithMetadata, type CsvColumnMeta } from "../io/csvw";
import type { FeolsResult } from "../estimate/feols";
import type { SscName, VcovType } from "../estimate/vcov";
import { buildEtable, stars, STAR_LEGEND } from "../report/etable";
import { fmt } from "../report/format";
import { describeColumns } from "../report/descriptives";
import { renderTable, TABLE_FORMATS, type TableFormat } from "../report/render";
import { fitSpecs, availableOutcomes, type FittedModel } from "./hypotheses";
import { readPanel, PANEL_FILE } from "../panel/read";
import { TABLE1, TABLE2, TABLE3 } from "./published";
import type { PrepareOptions } from "./prepare";
import { pairWithPublished, table1Sample } from "./fidelity";
import type { PanelRow } from "../panel/schema";
import {
  ALL_REGRESSORS,
  LABELS,
  OUTCOME_LABEL,
  OUTCOME_YEARS,
  REGRESSOR_YEARS,
  TABLE2_SPECS,
  TABLE3_SPECS,
  type ModelSpec,
  type Outcome,
} from "../study";
import { entry } from "../lookup";

/** "2016-2019" for a run of years. */
const span = (ys: readonly number[]): string => `${ys[0]}-${ys[ys.length - 1]}`;

export interface ReplicationOptions {
  panelFile?: string;
  vcov?: VcovType;
  ssc?: SscName;
  prepare?: Omit<PrepareOptions, "outcome">;
}

export interface ResultRow {
  model: string;
  term: string;
  estimate: number;
  std_error: number;
  p_value: number | null;
  /** "*", "**", "***" (p < 0.1, 0.05, 0.01) or "" (not significant, or no test: SE missing or exactly 0). */
  stars: string;
  nobs: number;
  outcome: string;
  se_type: string;
  published_estimate: number | null;
  published_std_error: number | null;
  /** The stars the paper prints ("" for none); null where no published coefficient sits alongside. */
  published_stars: string | null;
}

export interface Table1Row extends Omit<ResultRow, "stars" | "published_stars"> {
  min: number;
  max: number;
  published_min: number | null;
  published_max: number | null;
  /** The published row this one is set against ("ID_ch" for our ID_us: the label swap). */
  published_row: string | null;
}

export interface ReplicationResults {
  outcomes: Outcome[];
  table1: Table1Row[];
  table2: Record<string, FittedModel[]>;
  table3: Record<string, FittedModel[]>;
}

const EXT: Record<TableFormat, string> = { html: "html", markdown: "md", latex: "tex" };

/** "cluster: iso3 (stata)" style label of a fit's standard errors. */
export function seLabel(fit: FeolsResult): string {
  const v = fit.vcovInfo;
  return v.type === "cluster"
    ? `cluster(${String(fit.cluster)}), ssc=${v.ssc}`
    : `${v.type}, ssc=${v.ssc}`;
}

/**
 * Table 1 the way the paper evidently computed it (lib/replication/fidelity.ts:
 * pooled 1%/99% winsorizing fits the published min/max best): regressors of
 * the estimation sample (lagged, winsorized pooled, not standardized), each
 * outcome in 2017-2020. Each row sits next to the published row it matches
 * (`published_row`; the ID/ED rows pair across labels, the label swap).
 */
export function table1Rows(panel: readonly PanelRow[], outcomes: readonly Outcome[]): Table1Row[] {
  const pick = (years: readonly number[], c: string) =>
    panel
      .filter((r) => years.includes(r.year))
      .map((r) => (r[c as keyof PanelRow] as number | null) ?? NaN);
  const sample = table1Sample(panel, "winsorized pooled 1/99", outcomes[0] ?? "huawei_stance");
  const data: Record<string, ArrayLike<number>> = {};
  for (const c of ALL_REGRESSORS) data[c] = sample.data[c] as ArrayLike<number>;
  for (const o of outcomes) data[o] = pick(OUTCOME_YEARS, o);
  const rows = describeColumns(data, [...outcomes, ...ALL_REGRESSORS]);
  const pairs = pairWithPublished(
    Object.fromEntries(
      rows
        .filter((d) => ALL_REGRESSORS.includes(d.variable))
        .map((d) => [d.variable, { mean: d.mean, sd: d.sd, min: d.min, max: d.max }]),
    ),
  );
  const pubRow = (v: string): string =>
    v === "policy_gdelt" ? "Policy" : (entry(pairs, v)?.published ?? v);
  const pub = (v: string) => entry(TABLE1, pubRow(v));
  return rows.map((d) => ({
    model: "Table 1",
    term: d.variable,
    estimate: d.mean,
    std_error: d.sd,
    p_value: null,
    nobs: d.n,
    outcome: outcomes.includes(d.variable as Outcome) ? d.variable : "",
    se_type: "descriptive (sd, n-1)",
    published_estimate: pub(d.variable)?.mean ?? null,
    published_std_error: pub(d.variable)?.sd ?? null,
    min: d.min,
    max: d.max,
    published_min: pub(d.variable)?.min ?? null,
    published_max: pub(d.variable)?.max ?? null,
    published_row: pub(d.variable) ? pubRow(d.variable) : null,
  }));
}

/** Fit Tables 2-3 for every available outcome. */
export function replicationResults(opts: ReplicationOptions = {}): ReplicationResults {
  const panel = readPanel(opts.panelFile ?? PANEL_FILE);
  const outcomes = availableOutcomes(panel);
  const fit = (specs: ModelSpec[]) =>
    Object.fromEntries(
      outcomes.map((o) => [
        o,
        fitSpecs(panel, specs, o, { vcov: opts.vcov, ssc: opts.ssc, prepare: opts.prepare }).models,
      ]),
    );
  return {
    outcomes,
    table1: table1Rows(panel, outcomes),
    table2: fit(TABLE2_SPECS),
    table3: fit(TABLE3_SPECS),
  };
}

/** Long rows of fitted models, with the published coefficient alongside (Policy only). */
export function resultRows(
  models: Record<string, FittedModel[]>,
  published: Record<string, Record<string, { estimate: number; se: number; stars: number }>>,
): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const [outcome, fits] of Object.entries(models)) {
    for (const m of fits) {
      const coefs = [
        ...m.fit.coefficients,
        ...(m.fit.constant ? [{ ...m.fit.constant, term: "(Intercept)" }] : []),
      ];
      for (const c of coefs) {
        const pm = outcome === "policy_gdelt" ? entry(published, m.spec.name) : undefined;
        const p = pm && entry(pm, c.term);
        const tested =
          Number.isFinite(c.std_error) && c.std_error > 0 && Number.isFinite(c.p_value);
        rows.push({
          model: m.spec.name,
          term: c.term,
          estimate: c.estimate,
          std_error: c.std_error,
          p_value: c.p_value,
          stars: tested ? stars(c.p_value) : "",
          nobs: m.fit.nobs,
          outcome,
          se_type: seLabel(m.fit),
          published_estimate: p?.estimate ?? null,
          published_std_error: p?.se ?? null,
          published_stars: p ? "*".repeat(p.stars) : null,
        });
      }
    }
  }
  return rows;
}

/** What each results column holds (the sidecar's column descriptions). */
export const RESULT_COLUMNS: Readonly<Record<string, CsvColumnMeta>> = {
  model: { description: 'the paper\'s model number, e.g. (7); "Table 1" for the descriptive rows' },
  term: {
    description:
      "regressor (the panel's column name); (Intercept) is the constant as Stata's xtreg, fe reports it",
  },
  estimate: { datatype: "number", description: "coefficient estimate (Table 1: the mean)" },
  std_error: {
    datatype: "number",
    description:
      "standard error, of the type in se_type (Table 1: the standard deviation, n - 1); empty where none exists (zero residual degrees of freedom)",
  },
  p_value: {
    datatype: "number",
    description:
      "two-sided p-value of the t statistic (cluster-robust SEs: t with G - 1 degrees of freedom); empty where there is no test",
  },
  stars: {
    datatype: "string",
    description: `significance stars of p_value, ${STAR_LEGEND}; empty when not significant or when the SE is missing or exactly 0`,
  },
  nobs: {
    datatype: "integer",
    description: "observations in the estimation sample (Table 1: non-missing values)",
  },
  outcome: {
    datatype: "string",
    description:
      "the outcome variable of the model (Table 1: the variable when it is an outcome, else empty)",
  },
  se_type: { datatype: "string", description: "standard-error type and small-sample convention" },
  published_estimate: {
    datatype: "number",
    description:
      "the paper's coefficient (Table 1: mean); only next to the paper's own outcome, policy_gdelt",
  },
  published_std_error: {
    datatype: "number",
    description: "the paper's standard error (Table 1: sd)",
  },
  published_stars: {
    datatype: "string",
    description: `the stars the paper prints (${STAR_LEGEND}); empty: none printed`,
  },
  min: { datatype: "number", description: "minimum" },
  max: { datatype: "number", description: "maximum" },
  published_min: { datatype: "number", description: "the paper's minimum" },
  published_max: { datatype: "number", description: "the paper's maximum" },
  published_row: {
    datatype: "string",
    description:
      "the published Table 1 row this one is set against (ID/ED rows pair across labels: the label swap)",
  },
};

/**
 * Write one results CSV and its CSVW sidecar (lib/io/csvw.ts): 12
 * significant digits, a non-finite statistic (no SE at zero residual degrees
 * of freedom) an empty cell; the column order is the row type's.
 */
function writeResults(
  file: string,
  rows: readonly object[],
  title: string,
  notes: readonly string[],
): string[] {
  if (rows.length === 0) throw new Error(`${file}: no rows to write`);
  const columns = Object.keys(rows[0]);
  const meta = Object.fromEntries(columns.map((c) => [c, RESULT_COLUMNS[c] ?? {}]));
  const w = writeCsvWithMetadata(file, rows, columns, {
    digits: 12,
    nonFinite: "empty",
    title,
    notes,
    columns: meta,
    source: "npm run replicate (lib/replication/tables.ts) on data/panel.csv",
  });
  return [w.csv, w.metadata];
}

/** Notes of the results CSVs of Tables 2-3 (the formatted tables carry the same, per outcome). */
const RESULT_NOTES = [
  "One row per model, term and outcome. Two-way fixed effects (country, year); regressors lagged one year, winsorized 1/99 and standardized.",
  "ICTtrade, ICTtrade_gdp, ICTtrade_us: IMF DOTS total-trade substitutes for UNCTAD ICT-goods trade.",
  "Outcomes other than policy_gdelt are alternatives: the paper's GDELT outcome is not available offline; published_* columns are filled only next to policy_gdelt.",
];

/** Write results CSVs and formatted tables under outDir; returns the files written. */
export function writeReplicationTables(outDir: string, opts: ReplicationOptions = {}): string[] {
  return writeReplicationOutputs(outDir, replicationResults(opts));
}

/** {@link writeReplicationTables} for results already fitted. */
export function writeReplicationOutputs(outDir: string, res: ReplicationResults): string[] {
  const files: string[] = [];
  const put = (rel: string, text: string) => {
    const f = path.join(outDir, rel);
    writeFileAtomic(f, text); // temporary file + rename: an interrupted run never leaves half a table
    files.push(f);
  };
  const results = path.join(outDir, "results");
  files.push(
    ...writeResults(
      path.join(results, "table1.csv"),
      res.table1,
      "Table 1 — descriptive statistics: this replication vs. the published table",
      TABLE1_NOTES,
    ),
  );
  files.push(
    ...writeResults(
      path.join(results, "table2.csv"),
      resultRows(res.table2, TABLE2),
      "Table 2 — models (1)-(7)",
      RESULT_NOTES,
    ),
  );
  files.push(
    ...writeResults(
      path.join(results, "table3.csv"),
      resultRows(res.table3, TABLE3),
      "Table 3 — models (8)-(11)",
      RESULT_NOTES,
    ),
  );
  for (const format of TABLE_FORMATS) {
    put(`tables/table1.${EXT[format]}`, table1Text(res.table1, format));
    for (const [name, models] of [
      ["table2", res.table2],
      ["table3", res.table3],
    ] as const) {
      for (const o of res.outcomes)
        put(
          `tables/${name}_${o}.${EXT[format]}`,
          replicationTable(models[o], name === "table2" ? "Table 2" : "Table 3", o, format),
        );
    }
  }
  return files;
}

/**
 * One of the paper's regression tables (2 or 3) for one outcome, in the
 * paper's row order, with the notes every reader needs: the FE and
 * transformations, the trade substitute, the outcome's status, and how the
 * constant is reported.
 */
export function replicationTable(
  models: readonly FittedModel[],
  table: "Table 2" | "Table 3",
  outcome: Outcome,
  format: TableFormat,
): string {
  const m0 = models.at(0)?.fit;
  const t = buildEtable(
    models.map((m) => ({ fit: m.fit, title: m.spec.name })),
    {
      dict: LABELS,
      order: ALL_REGRESSORS,
      caption: `${table} — outcome: ${OUTCOME_LABEL[outcome]}`,
      notes: [
        "Two-way fixed effects (country, year); regressors lagged one year, winsorized 1/99 and standardized.",
        ...(m0?.constant && m0.constant.std_error > 0
          ? [
              "Constant as Stata's xtreg, fe (mean of y minus mean of x times b); regressors standardized with the mean and sd of the panel's levels 2015-2020, so x̄ ≠ 0 in the sample and the constant has a nonzero SE, as in the paper (lib/replication/fidelity.ts).",
            ]
          : []),
        ...(outcome === "policy_gdelt"
          ? []
          : ["Alternative outcome: the paper's GDELT outcome is not available offline."]),
        "ICTtrade, ICTtrade_gdp, ICTtrade_us: IMF DOTS total-trade substitutes for UNCTAD ICT-goods trade.",
        ...(m0?.constant && m0.constant.std_error === 0
          ? [
              "Constant as Stata's xtreg, fe (mean of y minus mean of x times b); with regressors standardized on this sample and SEs clustered by country its SE is exactly 0, so it carries no test.",
            ]
          : []),
      ],
    },
  );
  return renderTable(t, format);
}

/**
 * One published model next to ours: a row per published term with the
 * published "b (se)" and stars, and ours for each outcome, formatted alike.
 */
export function compareWithPublished(
  fits: readonly { outcome: Outcome; models: readonly FittedModel[] }[],
  model: string,
): Record<string, string>[] {
  const published = entry(TABLE2, model) ?? entry(TABLE3, model);
  if (!published) throw new Error(`compareWithPublished: no published model ${model}`);
  const cell = (est: number, se: number, p: number) => `${fmt(est, 3)} (${fmt(se, 3)})${stars(p)}`;
  return Object.entries(published).map(([term, pub]) => {
    const row: Record<string, string> = {
      term,
      [`published ${model}`]: `${fmt(pub.estimate, 3)} (${fmt(pub.se, 3)})${"*".repeat(pub.stars)}`,
    };
    for (const f of fits) {
      const m = f.models.find((x) => x.spec.name === model)?.fit;
      const c = !m
        ? undefined
        : term === "(Intercept)"
          ? m.constant
          : m.coefficients.find((r) => r.term === term);
      row[f.outcome] = c ? cell(c.estimate, c.std_error, c.p_value) : "";
    }
    return row;
  });
}

const TABLE1_NOTES = [
  `Regressors of the estimation sample at their lagged years (${span(REGRESSOR_YEARS)}), winsorized pooled at 1%/99% (the treatment that fits the published min/max best), not standardized; outcomes ${span(OUTCOME_YEARS)}; sd uses n - 1.`,
  "Published row: the published ID/ED rows match our distances to the other partner (label swap), so each of ours sits next to the row it matches.",
];

/** Table 1 as text: our moments next to the published ones. */
export function table1Text(rows: readonly Table1Row[], format: TableFormat): string {
  // an empty cell: no published row to set against (fmt prints a missing number as "—")
  const f = (x: number | null) => (x === null ? "" : fmt(x, 3));
  const plain = {
    caption: "Table 1 — descriptive statistics: this replication vs. the published table",
    header: [
      "Variable",
      "N",
      "Mean",
      "SD",
      "Min",
      "Max",
      "Published row",
      "Published mean",
      "Published SD",
      "Published min",
      "Published max",
    ],
    rows: rows.map((r) => [
      r.term,
      String(r.nobs),
      f(r.estimate),
      f(r.std_error),
      f(r.min),
      f(r.max),
      r.published_row === null
        ? ""
        : r.published_row === r.term
          ? r.term
          : `${r.published_row} (label swap)`,
      f(r.published_estimate),
      f(r.published_std_error),
      f(r.published_min),
      f(r.published_max),
    ]),
    notes: TABLE1_NOTES,
  };
  return renderTable(plain, format);
}
