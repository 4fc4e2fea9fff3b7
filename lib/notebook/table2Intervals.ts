/**
 * Notebook 08's coefficient plot, by the method the study supports: the
 * wild cluster bootstrap intervals (lib/replication/bootstrapIntervals.ts) of
 * the focal coefficients (asym, ideal, ICTtrade) in the seven models of
 * Table 2 on one outcome.
 *
 * Twelve inverted bootstrap tests of 999 draws take one to four seconds, more
 * than a notebook cell should, so `npm run replicate` computes them once into
 * build/precomputed/table2-intervals-<outcome>.json (lib/notebook/precomputed.ts)
 * and the notebook reads them back:
 *
 *   const boot = lessons.precomputed(lessons.table2IntervalsSpec("huawei_stance"));
 *   coefplot(boot.value, { predictedSign: signs })
 *
 * The inputs hash covers the estimation sample (every value of every column
 * the formulas use), the formulas, B, the level and the seed, so a stored
 * file is never read back for another sample.
 */
import { readPanel } from "../panel/read";
import { bootstrapIntervals } from "../replication/bootstrapIntervals";
import { fitSpecs } from "../replication/hypotheses";
import { TABLE2_SPECS, regressors, table2Formulas, type Outcome } from "../study";
import type { CoefIntervals } from "../viz/coefplot";
import type { PrecomputeSpec } from "./precomputed";

/** Bootstrap draws per interval (the number every bootstrap of notebook 08 uses). */
export const TABLE2_INTERVALS_B = 999;

export interface Table2IntervalsOptions {
  B?: number;
  level?: number;
  seed?: string;
}

/** The precompute spec of Table 2's bootstrap intervals on `outcome` (module doc). */
export function table2IntervalsSpec(
  outcome: Outcome = "huawei_stance",
  o: Table2IntervalsOptions = {},
): PrecomputeSpec<CoefIntervals[]> {
  const B = o.B ?? TABLE2_INTERVALS_B;
  const level = o.level ?? 0.95;
  const seed = o.seed ?? "table2-intervals";
  // the seven fits exactly as the replication makes them (sample, formulas, SEs)
  const { sample, models } = fitSpecs(readPanel(), TABLE2_SPECS, outcome);
  const cols = ["iso3", "year", outcome, ...new Set(TABLE2_SPECS.flatMap(regressors))];
  const column = (c: string): unknown[] => {
    if (!(c in sample.data)) throw new Error(`table2IntervalsSpec: the sample has no column ${c}`);
    const v: ArrayLike<unknown> = sample.data[c];
    return Array.from(v);
  };
  const design = Object.fromEntries(cols.map((c) => [c, column(c)]));
  return {
    name: `table2-intervals-${outcome}`,
    inputs: { version: 1, outcome, forms: table2Formulas(outcome), B, level, seed, design },
    compute: () =>
      models.map(({ spec, fit }) =>
        bootstrapIntervals(fit, spec.focal, spec.name, { B, level, seed: `${seed}|${spec.name}` }),
      ),
  };
}
