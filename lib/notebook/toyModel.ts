/**
 * A toy model of an ally's choice between alliance pressure and cooperation
 * gains with the adversary, for notebook 01 (teaching only: nothing here is
 * estimated, and no number from it enters the replication).
 *
 * Ally B picks how far it aligns with leader A's sanctions, a in [0, 1]
 * (0 = ignores them, 1 = cuts its technology ties with C as asked):
 *
 *   U_B(a) = (1 + h) * P(g) * a  -  T * a^2 / 2,     P(g) = pbar / g
 *
 *   g     power gap between A and B (the paper's asym, > 0): A leans harder on
 *         allies it depends on, i.e. on stronger allies (small g);
 *   h     B's political identification with A (>= 0): felt pressure is
 *         amplified by (1 + h);
 *   T     depth of B's technology cooperation with C (> 0): the cost of cutting
 *         ties is convex and grows with T;
 *   pbar  the scale of A's pressure.
 *
 * First-order condition (1 + h) P(g) - T a = 0 gives the best response
 *
 *   a* = min(1, (1 + h) * pbar / (g * T)),   stance toward C  s* = 1 - a*.
 *
 * So s* rises with g (H1: a weaker ally keeps more room), falls with h (H2:
 * identification means alignment; with the paper's *distance* measure `ideal`
 * the sign is +), and rises with T (H3: deep cooperation buys autonomy).
 * The hypotheses are from Li & Gu (2022); this functional form is ours.
 */
import { sliderFigure, type SliderStep } from "../viz/charts";
import type { Figure } from "../viz/plotly";

export interface ToyParams {
  /** Power gap g > 0 (same scale as asym, roughly 1.8 to 7.7 in the paper). */
  gap: number;
  /** Identification h >= 0. */
  identification: number;
  /** Technology cooperation T > 0. */
  cooperation: number;
  /** Pressure scale pbar > 0 (default 4). */
  pressure?: number;
}

/** Best-response alignment a* in [0, 1]. */
export function bestAlignment(p: ToyParams): number {
  const pbar = p.pressure ?? 4;
  if (!(p.gap > 0) || !(p.cooperation > 0) || !(p.identification >= 0) || !(pbar > 0)) {
    throw new Error(
      `bestAlignment: need gap > 0, cooperation > 0, identification >= 0, pressure > 0 (got ${JSON.stringify(p)})`,
    );
  }
  return Math.min(1, ((1 + p.identification) * pbar) / (p.gap * p.cooperation));
}

/** The ally's stance toward the adversary, s* = 1 - a* (0 = full alignment with A). */
export function stanceTowardAdversary(p: ToyParams): number {
  return 1 - bestAlignment(p);
}

/**
 * How sensitive the stance is to the power gap and to identification:
 *
 *   interior (a* < 1):  ∂s* / ∂g = (1 + h) p̄ / (g² T) > 0,   ∂s* / ∂h = −p̄ / (g T) < 0
 *   corner   (a* = 1):  both 0
 *
 * Both magnitudes FALL as T grows in the interior (∂/∂T of ∂s* / ∂g is
 * −(1 + h) p̄ / (g² T²) < 0): deeper cooperation makes the stance *less*
 * sensitive there. What grows with T is the interior itself: the corner
 * a* = 1 (where the slopes are 0) covers g ≤ g̲ = (1 + h) p̄ / T, which
 * shrinks as T rises. `interior` says which case applies.
 */
export function stanceSlopes(p: ToyParams): {
  dGap: number;
  dIdentification: number;
  interior: boolean;
  cornerGap: number;
} {
  const pbar = p.pressure ?? 4;
  const a = bestAlignment(p);
  const cornerGap = ((1 + p.identification) * pbar) / p.cooperation;
  const interior = a < 1;
  return {
    dGap: interior ? ((1 + p.identification) * pbar) / (p.gap * p.gap * p.cooperation) : 0,
    dIdentification: interior ? -pbar / (p.gap * p.cooperation) : 0,
    interior,
    cornerGap,
  };
}

/** B's utility at alignment a (to check numerically that a* maximises it). */
export function utility(a: number, p: ToyParams): number {
  const pbar = p.pressure ?? 4;
  return (1 + p.identification) * (pbar / p.gap) * a - (p.cooperation * a * a) / 2;
}

/** Evenly spaced values from lo to hi (n points). */
export function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/**
 * The interactive chart of notebook 01: stance s* against the power gap, one
 * line per identification level, and a slider over technology cooperation T.
 */
export function toyModelFigure(
  opts: { cooperation?: number[]; identification?: number[]; pressure?: number } = {},
): Figure {
  const Ts = opts.cooperation ?? [0.5, 1, 1.5, 2, 3, 4, 6];
  const hs = opts.identification ?? [0, 0.5, 1];
  const gaps = grid(1.5, 8, 66);
  const steps: SliderStep[] = Ts.map((T) => ({
    label: String(T),
    traces: hs.map((h) => ({
      type: "scatter",
      mode: "lines",
      name: `identification h = ${h}`,
      x: gaps,
      y: gaps.map((g) =>
        stanceTowardAdversary({
          gap: g,
          identification: h,
          cooperation: T,
          pressure: opts.pressure,
        }),
      ),
    })),
  }));
  return sliderFigure(steps, {
    title:
      "Toy model: the ally's best response (move the slider: cooperation T with the adversary)",
    xTitle: "power gap g to the leader (like asym)",
    yTitle: "stance toward the adversary s* = 1 - a*",
    sliderLabel: "technology cooperation T",
    active: Math.max(0, Ts.indexOf(2)),
    layout: {
      yaxis: { title: { text: "stance toward the adversary s* = 1 - a*" }, range: [-0.05, 1.05] },
      height: 520,
      margin: { l: 70, r: 30, t: 60, b: 150 },
    },
  });
}
