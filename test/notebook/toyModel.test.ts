import { test } from "node:test";
import assert from "node:assert/strict";
import { bestAlignment, grid, stanceTowardAdversary, toyModelFigure, utility } from "../../lib/notebook/toyModel";

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
  const s = (gap: number, identification: number, cooperation: number) => stanceTowardAdversary({ gap, identification, cooperation });
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
