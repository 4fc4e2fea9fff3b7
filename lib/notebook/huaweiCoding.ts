/**
 * The coding rules of the hand-coded Huawei/ZTE 5G stance (notebook 05), read
 * from the deposit's own documentation (huawei_5g/SOURCES.md, section
 * "Coding rules"), and what the `confidence` column says about the codes.
 *
 *   stance 0 = no restriction, 1 = partial / conditional / de facto,
 *          2 = formal exclusion (end-of-year state)
 *   confidence high | medium | low (definitions in the same section)
 *
 * codingRules() returns the section verbatim as Markdown, so the notebook
 * shows the rules the coder used rather than a paraphrase; it throws (naming
 * the file) if the section is missing. confidenceTable() cross-tabulates
 * stance by confidence per year from the CSV, and documentedTotals() reads the
 * "Totals: N high, N medium, N low" line so a test can hold the
 * documentation to the data. maskStanceBelow() sets the panel's stance to
 * missing where the coder's confidence is below a threshold (the robustness
 * check of notebook 05) and names every ally-year it touches.
 */
import * as fs from "node:fs";
import { rawPath, type DataRootOptions } from "../io/dataRoot";
import {
  HUAWEI_FILE,
  parseHuawei5gText,
  type Confidence,
  type HuaweiRow,
} from "../sources/huawei5g";

export const HUAWEI_SOURCES_FILE = "huawei_5g/SOURCES.md";

/** What each code means, in words (for legends and tables). */
export const STANCE_LABEL: Record<0 | 1 | 2, string> = {
  0: "0 no restriction",
  1: "1 partial / conditional",
  2: "2 formal exclusion",
};

/** The "## Coding rules" section of SOURCES.md (heading excluded), as Markdown. */
export function codingRules(opts: DataRootOptions = {}): string {
  const file = rawPath(HUAWEI_SOURCES_FILE, opts);
  return codingRulesFromText(fs.readFileSync(file, "utf8"), file);
}

export function codingRulesFromText(md: string, file = HUAWEI_SOURCES_FILE): string {
  const m = /^## Coding rules\s*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(md);
  if (!m || !m[1].trim()) throw new Error(`${file}: no "## Coding rules" section`);
  return m[1].trim();
}

/** The documented totals line ("Totals: 42 high, 78 medium, 10 low"). */
export function documentedTotals(rules: string): Record<Confidence, number> {
  const m = /Totals:\s*(\d+)\s+high,\s*(\d+)\s+medium,\s*(\d+)\s+low/.exec(rules);
  if (!m) throw new Error('coding rules: no "Totals: N high, N medium, N low" line');
  return { high: Number(m[1]), medium: Number(m[2]), low: Number(m[3]) };
}

/** The stance rows of the deposit. */
export function stanceRows(opts: DataRootOptions = {}): HuaweiRow[] {
  const file = rawPath(HUAWEI_FILE, opts);
  return parseHuawei5gText(fs.readFileSync(file, "utf8"), file);
}

export type ConfidenceRow = { year: number; confidence: Confidence } & Record<
  string,
  number | string
>;

/** Country counts by year × confidence × stance. */
export function confidenceTable(rows: readonly HuaweiRow[]): ConfidenceRow[] {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const out: ConfidenceRow[] = [];
  for (const year of years)
    for (const confidence of ["high", "medium", "low"] as const) {
      const sel = rows.filter((r) => r.year === year && r.confidence === confidence);
      const row: ConfidenceRow = { year, confidence };
      for (const s of [0, 1, 2] as const)
        row[STANCE_LABEL[s]] = sel.filter((r) => r.stance === s).length;
      row.total = sel.length;
      out.push(row);
    }
  return out;
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** Rows whose confidence is at least `min` ("medium" drops the low-confidence codes). */
export function atLeast(rows: readonly HuaweiRow[], min: Confidence): HuaweiRow[] {
  return rows.filter((r) => RANK[r.confidence] >= RANK[min]);
}

/** What the stance mask needs of a panel row (lib/panel PanelRow has these columns). */
export interface StanceCell {
  iso3: string;
  year: number;
  huawei_stance: number | null;
}

const cellKey = (r: { iso3: string; year: number }) => `${r.iso3} ${r.year}`;

/**
 * Ally-years ("GBR 2019") whose panel `huawei_stance` is not the deposit's
 * code: a value where the deposit has none, or another value. Rows with a
 * missing stance are not compared. Empty when the panel carries the codes.
 */
export function stanceMismatches(
  panel: readonly StanceCell[],
  stance: readonly HuaweiRow[],
): string[] {
  const codeOf = new Map(stance.map((r) => [cellKey(r), r.stance]));
  return panel
    .filter((r) => r.huawei_stance !== null && r.huawei_stance !== codeOf.get(cellKey(r)))
    .map(cellKey);
}

export interface MaskedStance<R> {
  /** The panel, row for row, with `huawei_stance` null where the code's confidence is below `min`. */
  panel: R[];
  /** Ally-years ("GRC 2020") whose stance was set to null, in panel order. */
  masked: string[];
  /**
   * Codes below `min` for which the panel has no stance (a year the panel does
   * not cover, e.g. 2021), in deposit order. masked + notInPanel = every code below `min`.
   */
  notInPanel: string[];
}

/**
 * The panel with the Huawei stance of every ally-year coded below confidence
 * `min` set to missing (notebook 05: model (7) refitted on the codes the coder
 * was surer of). `min = "medium"` masks the low-confidence codes; `"low"` masks
 * nothing. Every code below `min` is accounted for: it is either masked (the
 * panel has a stance for that ally-year) or listed in `notInPanel`. Rows are
 * copied, never dropped; the input is not modified.
 *
 * Throws, naming the ally-years, when the panel's stance is not the deposit's
 * code (stanceMismatches): the mask would then hide the wrong values.
 *
 * Stata: `replace huawei_stance = . if confidence == "low"`; R:
 * `panel$huawei_stance[panel$confidence == "low"] <- NA` after a merge on iso3, year.
 */
export function maskStanceBelow<R extends StanceCell>(
  panel: readonly R[],
  stance: readonly HuaweiRow[],
  min: Confidence,
): MaskedStance<R> {
  const bad = stanceMismatches(panel, stance);
  if (bad.length)
    throw new Error(
      `maskStanceBelow: the panel's huawei_stance is not the deposit's code for ${bad.join(", ")}`,
    );
  const below = new Set(stance.filter((r) => RANK[r.confidence] < RANK[min]).map(cellKey));
  const masked: string[] = [];
  const out = panel.map((r) => {
    if (r.huawei_stance === null || !below.has(cellKey(r))) return { ...r };
    masked.push(cellKey(r));
    return { ...r, huawei_stance: null };
  });
  const done = new Set(masked);
  return { panel: out, masked, notInPanel: [...below].filter((k) => !done.has(k)) };
}
