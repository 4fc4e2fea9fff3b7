/**
 * A hand-made panel for the table tests (test/report/etable.test.ts,
 * test/report/regTable.test.ts): 3 units x 4 periods, one outcome y and two
 * regressors x, z. The numbers are illustrative, not data; the snapshots under
 * test/report/snapshots/ are tables of fits on exactly these values.
 */
export const HAND_PANEL = {
  unit: ["A", "A", "A", "A", "B", "B", "B", "B", "C", "C", "C", "C"],
  year: [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4],
  x: [0.2, 0.9, 1.4, 2.1, 0.5, 0.4, 1.8, 1.1, 1.2, 0.3, 0.8, 2.0],
  z: [1.0, 0.1, 0.7, 0.3, 0.9, 0.4, 0.2, 0.6, 0.5, 0.8, 0.1, 0.3],
  y: [1.1, 2.0, 3.2, 4.4, 1.0, 1.3, 3.9, 2.2, 2.9, 0.8, 1.9, 4.6],
};
