import { test } from "node:test";
import assert from "node:assert/strict";
import {
  bestAlignment,
  grid,
  stanceTowardAdversary,
  toyModelFigure,
  utility,
} from "../../lib/notebook/toyModel";

test("best response: hand-computed interior and corner cases", () => {
  // a* = (1 + h) pbar / (g T) = (1 + 0.5) * 4 / (3 * 2) = 1
  assert.equal(bestAlignment({ gap: 3, identification: 0.5, cooperation: 2 }), 1);
  // (1 + 0) * 4 / (4 * 2) = 0.5
  assert.equal(bestAlignment({ gap: 4, identification: 0, cooperation: 2 }), 0.5);
  // capped at 1: (1 + 1) * 4 / (2 * 1) = 4 -> 1
  assert.equal(bestAlignment({ gap: 2, identification: 1, cooperation: 1 }), 1);
  assert.equal(stanceTowardAdversary({ gap: 4, identification: 0, cooperation: 2 }), 0.5);
  assert.throws(() => bestAlignment({ gap: 0, identification: 0, cooperation: 1 }));
});

test("a* maximises U on a fine grid (interior case)", () => {
  const p = { gap: 5, identification: 0.2, cooperation: 3 };
  const a = bestAlignment(p);
  const best = grid(0, 1, 10001).reduce((m, x) => (utility(x, p) > utility(m, p) ? x : m), 0);
  assert.ok(Math.abs(best - a) < 1e-4, `grid max ${best} vs a* ${a}`);
});

test("comparative statics carry the hypotheses' signs", () => {
  const s = (gap: number, identification: number, cooperation: number) =>
    stanceTowardAdversary({ gap, identification, cooperation });
  assert.ok(s(6, 0.5, 2) > s(4, 0.5, 2)); // H1: larger gap, more room for the adversary
  assert.ok(s(6, 1, 2) < s(6, 0, 2)); // H2: identification pulls toward the leader
  assert.ok(s(6, 0.5, 4) > s(6, 0.5, 2)); // H3: cooperation buys autonomy
});

test("the figure has one step per cooperation level and one line per identification level", () => {
  const f = toyModelFigure({ cooperation: [1, 2], identification: [0, 1] });
  assert.equal(f.data.length, 4);
  const steps = (f.layout.sliders as { steps: unknown[] }[])[0].steps;
  assert.equal(steps.length, 2);
});

test("stanceSlopes: analytic slopes equal finite differences; in the interior they shrink as T grows", async () => {
  const { stanceSlopes, stanceTowardAdversary } = await import("../../lib/notebook/toyModel");
  const p = { gap: 5, identification: 0.5, cooperation: 2 };
  const s = stanceSlopes(p);
  assert.equal(s.interior, true);
  const e = 1e-6;
  const fdGap =
    (stanceTowardAdversary({ ...p, gap: 5 + e }) - stanceTowardAdversary({ ...p, gap: 5 - e })) /
    (2 * e);
  const fdH =
    (stanceTowardAdversary({ ...p, identification: 0.5 + e }) -
      stanceTowardAdversary({ ...p, identification: 0.5 - e })) /
    (2 * e);
  assert.ok(Math.abs(s.dGap - fdGap) < 1e-8 && Math.abs(s.dIdentification - fdH) < 1e-8);
  // (1 + h) p̄ / (g² T) = 1.5 · 4 / (25 · 2) = 0.12; −p̄ / (g T) = −0.4
  assert.ok(Math.abs(s.dGap - 0.12) < 1e-15 && Math.abs(s.dIdentification + 0.4) < 1e-15);
  const deeper = stanceSlopes({ ...p, cooperation: 4 });
  assert.ok(deeper.dGap < s.dGap && Math.abs(deeper.dIdentification) < Math.abs(s.dIdentification));
  // the corner g ≤ (1 + h) p̄ / T = 3 at T = 2: slopes 0 there
  assert.equal(s.cornerGap, 3);
  assert.deepEqual(stanceSlopes({ ...p, gap: 2 }).dGap, 0);
});
