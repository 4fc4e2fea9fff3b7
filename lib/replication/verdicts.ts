/**
 * One set of verdicts on H1-H3: every focal coefficient of Tables 2 and 3
 * (models (1)-(11)) on every available outcome, judged by the rule of
 * lib/replication/hypotheses.ts (predicted sign and p < 0.10) under two
 * inference methods, side by side:
 *
 *   wild bootstrap   restricted wild cluster bootstrap, Webb weights, B draws
 *                    (lib/estimate/wildBootstrap.ts): the method the SYNTHETIC
 *                    size study of notebook 07 supports on this design (it
 *                    over-rejects least; lib/notebook/sizeStudy.ts);
 *   clustered t      the clustered t with Stata's small-sample factor and
 *                    t(G − 1), which the same study shows over-rejecting
 *                    (8.5% at a nominal 5% with equal variances, more with
 *                    unequal ones); shown for comparison, labelled so.
 *
 * Notebooks 08 and 09 both print `verdictSummary` of the same rows, so they
 * cannot disagree. Seeded: the same seed gives the same bootstrap p-values.
 */
import type { FeolsResult } from "../estimate/feols";
import { wildClusterBootstrap } from "../estimate/wildBootstrap";
import type { PanelRow } from "../panel/schema";
import { availableOutcomes, fitSpecs, verdict, type Verdict } from "./hypotheses";
import {
  OUTCOME_DIRECTION,
  PREDICTED_SIGN,
  TABLE2_SPECS,
  TABLE3_SPECS,
  type Outcome,
} from "../study";
import { entry } from "../lookup";

export interface MethodVerdictRow {
  table: "Table 2" | "Table 3";
  model: string;
  outcome: Outcome;
  hypothesis: "H1" | "H2" | "H3";
  variable: string;
  predicted: "+" | "−";
  estimate: number;
  /** Wild cluster bootstrap (the supported method). */
  p_wild: number;
  verdict_wild: Verdict;
  /** Clustered t (over-rejects on this design; for comparison). */
  p_cluster: number;
  verdict_cluster: Verdict;
  B: number;
}

export interface VerdictOptions {
  /** Bootstrap draws per test (default 999). */
  B?: number;
  seed?: string;
  outcomes?: readonly Outcome[];
  alpha?: number;
}

/** Every focal coefficient of Tables 2 and 3 on every outcome, under both methods (module doc). */
export function verdictsByMethod(
  panel: readonly PanelRow[],
  o: VerdictOptions = {},
): MethodVerdictRow[] {
  const B = o.B ?? 999;
  const alpha = o.alpha ?? 0.1;
  const out: MethodVerdictRow[] = [];
  for (const outcome of o.outcomes ?? availableOutcomes(panel)) {
    for (const [table, specs] of [
      ["Table 2", TABLE2_SPECS],
      ["Table 3", TABLE3_SPECS],
    ] as const) {
      for (const m of fitSpecs(panel, specs, outcome).models) {
        for (const variable of m.spec.focal) {
          const pred = entry(PREDICTED_SIGN, variable);
          const c = m.fit.coefficients.find((r) => r.term === variable);
          if (!pred || !c) continue;
          const s = (pred.sign * OUTCOME_DIRECTION[outcome]) as 1 | -1;
          const boot = wildClusterBootstrap(m.fit, {
            term: variable,
            B,
            weights: "webb",
            seed: `${o.seed ?? "verdicts"}|${outcome}|${m.spec.name}|${variable}`,
            ci: false,
          });
          out.push({
            table,
            model: m.spec.name,
            outcome,
            hypothesis: pred.hypothesis,
            variable,
            predicted: s > 0 ? "+" : "−",
            estimate: c.estimate,
            p_wild: boot.p_value,
            verdict_wild: verdict(c.estimate, boot.p_value, s, alpha),
            p_cluster: c.p_value,
            verdict_cluster: verdict(c.estimate, c.p_value, s, alpha),
            B,
          });
        }
      }
    }
  }
  return out;
}

/** Count of "supported" / "contradicted" among `rows` under one method, as "s supported, c contradicted of n". */
export function tally(
  rows: readonly MethodVerdictRow[],
  method: "wild" | "cluster",
): { supported: number; contradicted: number; n: number; text: string } {
  const v = rows.map((r) => (method === "wild" ? r.verdict_wild : r.verdict_cluster));
  const supported = v.filter((x) => x === "supported").length;
  const contradicted = v.filter((x) => x === "contradicted").length;
  const n = v.length;
  return {
    supported,
    contradicted,
    n,
    text: `${supported} supported, ${contradicted} contradicted of ${n}`,
  };
}

/**
 * The one verdict table: a row per hypothesis and outcome (Tables 2 and 3
 * together), a column per method.
 */
export function verdictSummary(rows: readonly MethodVerdictRow[]): Record<string, string>[] {
  const outcomes = [...new Set(rows.map((r) => r.outcome))];
  return (["H1", "H2", "H3"] as const).flatMap((h) =>
    outcomes.map((outcome) => {
      const sel = rows.filter((r) => r.hypothesis === h && r.outcome === outcome);
      return {
        hypothesis: h,
        outcome,
        "wild cluster bootstrap (supported by the size study)": tally(sel, "wild").text,
        "clustered t (over-rejects on this design)": tally(sel, "cluster").text,
      };
    }),
  );
}

/**
 * A copy of `fit` whose p-values (and so the stars `etable` prints) are the
 * restricted wild cluster bootstrap's (Webb weights, B draws) for every slope,
 * with a warning line saying so; estimates and (clustered) standard errors are
 * unchanged. For etables whose stars should follow the method the size study
 * supports. The constant keeps its clustered-t p-value (the bootstrap tests
 * slopes).
 */
export function withBootstrapStars<F extends FeolsResult>(
  fit: F,
  o: { B?: number; seed?: string } = {},
): F {
  const B = o.B ?? 999;
  const coefficients = fit.coefficients.map((c) => ({
    ...c,
    p_value: wildClusterBootstrap(fit, {
      term: c.term,
      B,
      weights: "webb",
      seed: `${o.seed ?? "stars"}|${c.term}`,
      ci: false,
    }).p_value,
  }));
  const note = `stars: wild cluster bootstrap p (restricted, Webb weights, B = ${B}); standard errors in parentheses: ${fit.vcovInfo.label}`;
  const copy = Object.create(Object.getPrototypeOf(fit) as object | null) as F;
  for (const key of Object.getOwnPropertyNames(fit)) {
    const d = Object.getOwnPropertyDescriptor(fit, key);
    if (d) Object.defineProperty(copy, key, d);
  }
  Object.defineProperty(copy, "coefficients", {
    value: coefficients,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  Object.defineProperty(copy, "warnings", {
    value: [...fit.warnings, note],
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}
