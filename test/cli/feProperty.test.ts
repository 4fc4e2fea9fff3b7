/**
 * Property tests (fast-check) of `alliance fe`'s input path (lib/cli/fe.ts on
 * the fast ingest layer): random valid small CSVs — random number spellings,
 * padding, quoting, missing tokens, unicode labels, unbalanced panels — give
 * the same estimates, SEs and drop counts as feols on the in-memory columns;
 * random corruptions of them are refused with a DataError naming the file
 * (and the line where there is one), never a crash or a hang.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { runFe } from "../../lib/cli/fe";
import { parseFeJson } from "../helpers/json";
import { feols } from "../../lib/estimate/feols";

const dir = mkdtempSync(join(tmpdir(), "fe-prop-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
let k = 0;

interface Panel {
  units: string[];
  rows: { u: number; t: number; y: number | null; x1: number | null; x2: number | null }[];
}

const label = fc
  .string({
    unit: fc.constantFrom("a", "B", "é", "漢", ",", '"', " ", "-", "=", "1"),
    minLength: 1,
    maxLength: 4,
  })
  .filter((s) => s.trim() !== "" && !["NA", "."].includes(s.trim()));
const value = fc.option(
  fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
  { freq: 12 },
);
const panel: fc.Arbitrary<Panel> = fc
  .record({
    units: fc.uniqueArray(label, { minLength: 2, maxLength: 5, selector: (s) => s.trim() }),
    periods: fc.integer({ min: 2, max: 4 }),
    cells: fc.array(
      fc.record({ keep: fc.integer({ min: 0, max: 5 }), y: value, x1: value, x2: value }),
      { minLength: 20, maxLength: 20 },
    ),
  })
  .map(({ units, periods, cells }) => {
    const rows: Panel["rows"] = [];
    let c = 0;
    for (let u = 0; u < units.length; u++)
      for (let t = 0; t < periods; t++) {
        const cell = cells[c++ % cells.length];
        if (cell.keep > 0) rows.push({ u, t: 2000 + t, y: cell.y, x1: cell.x1, x2: cell.x2 });
      }
    return { units, rows };
  });

/** A spelling of a number that must read back to it exactly, or a missing token. */
const spell = (v: number | null, style: number): string => {
  if (v === null) return ["", "NA", ".", " NA "][style % 4];
  const s = [String(v), v.toExponential(), ` ${v} `, v >= 0 ? `+${v}` : String(v), `"${v}"`][
    style % 5
  ];
  return s;
};
const quote = (s: string): string =>
  /[",\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;

function toCsv(p: Panel, styles: number[]): string {
  const lines = ["unit,year,y,x1,x2"];
  p.rows.forEach((r, i) => {
    const st = styles[i % styles.length];
    lines.push(
      [
        quote(p.units[r.u]),
        String(r.t),
        spell(r.y, st),
        spell(r.x1, st + 1),
        spell(r.x2, st + 2),
      ].join(","),
    );
  });
  return lines.join(styles[0] % 2 ? "\r\n" : "\n") + "\n";
}

const write = (text: string | Buffer): string => {
  const f = join(dir, `p${k++}.csv`);
  writeFileSync(f, text);
  return f;
};
const args = (f: string) => ({
  data: f,
  y: "y",
  x: "x1,x2",
  fe: "unit,year",
  cluster: "unit",
  json: true,
});

test("valid random CSVs: the fast path gives feols' estimates on the in-memory columns", async () => {
  await fc.assert(
    fc.asyncProperty(
      panel,
      fc.array(fc.nat(20), { minLength: 1, maxLength: 5 }),
      async (p, styles) => {
        const f = write(toCsv(p, styles));
        let expected: ReturnType<typeof feols> | Error;
        try {
          const col = <K extends "y" | "x1" | "x2">(c: K) => p.rows.map((r) => r[c]);
          expected = feols({
            data: {
              unit: p.rows.map((r) => p.units[r.u].trim()),
              year: p.rows.map((r) => r.t),
              y: col("y"),
              x1: col("x1"),
              x2: col("x2"),
            },
            y: "y",
            x: ["x1", "x2"],
            fe: ["unit", "year"],
            cluster: "unit",
          });
        } catch (e) {
          expected = e as Error;
        }
        let got:
          | {
              coefficients: { term: string; estimate: number; std_error: number }[];
              nobs: number;
              dropped: Record<string, number>;
            }
          | Error;
        try {
          got = parseFeJson(await runFe(args(f)));
        } catch (e) {
          got = e as Error;
        }
        if (expected instanceof Error) {
          assert.ok(got instanceof Error, `feols failed (${expected.message}) but the CLI did not`);
          assert.ok(
            got.message.includes(expected.message) || /no observations left/.test(got.message),
            `${got.message} vs ${expected.message}`,
          );
          return;
        }
        assert.ok(!(got instanceof Error), got instanceof Error ? got.message : "");
        if (got instanceof Error) return;
        assert.equal(got.nobs, expected.nobs);
        assert.deepEqual(got.dropped, expected.dropped);
        assert.equal(got.coefficients.length, expected.coefficients.length);
        const e = expected;
        got.coefficients.forEach((c, j) => {
          assert.equal(c.term, e.coefficients[j].term);
          // JSON writes NaN and ±Infinity (a degenerate fit) as null.
          const close = (a: number | null, b: number) =>
            (a === null && !Number.isFinite(b)) ||
            (a !== null && (Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))));
          assert.ok(
            close(c.estimate, e.coefficients[j].estimate),
            `${c.estimate} vs ${e.coefficients[j].estimate}`,
          );
          assert.ok(
            close(c.std_error, e.coefficients[j].std_error),
            `${c.std_error} vs ${e.coefficients[j].std_error}`,
          );
        });
      },
    ),
    { numRuns: 60 },
  );
});

const corruptions: [string, (csv: string) => string | Buffer][] = [
  ["hex number", (s) => s.replace(/(\n(?:[^\n]*,){2})[^,\n]*/, "$10x1F")],
  ["Infinity", (s) => s.replace(/(\n(?:[^\n]*,){3})[^,\n]*/, "$1Infinity")],
  ["digit separator", (s) => s.replace(/(\n(?:[^\n]*,){4})[^,\n]*/, "$11_000")],
  ["text in a number", (s) => s.replace(/(\n(?:[^\n]*,){2})[^,\n]*/, "$1abc")],
  ["duplicate header", (s) => s.replace("x2", "x1")],
  ["short line", (s) => s.replace(/\n([^\n]*),[^,\n]*(\r?\n)/, "\n$1$2")],
  [
    "extra field",
    (s) =>
      s
        .split("\n")
        .map((l, i) => (i === 1 ? `${l},9` : l))
        .join("\n"),
  ],
  ["stray quote", (s) => s.replace(/(\n(?:[^\n]*,){3})[^,\n]*/, '$11"2')],
  [
    "invalid UTF-8",
    (s) =>
      Buffer.concat([
        Buffer.from(s.slice(0, s.indexOf("\n") + 1)),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(s.slice(s.indexOf("\n") + 1)),
      ]),
  ],
  ["duplicate row", (s) => s + s.split("\n")[1] + "\n"],
  ["header only", (s) => s.slice(0, s.indexOf("\n") + 1)],
  ["unclosed quote", (s) => s.replace(/\n/, '\n"')],
];

test("invalid random CSVs: refused with a DataError naming the file, never a crash or a hang", async () => {
  await fc.assert(
    fc.asyncProperty(
      panel.filter((p) => p.rows.length >= 2),
      fc.constantFrom(...corruptions),
      async (p, [kind, corrupt]) => {
        const f = write(
          corrupt(
            toCsv(
              {
                ...p,
                rows: p.rows.map((r) => ({ ...r, y: r.y ?? 1, x1: r.x1 ?? 2, x2: r.x2 ?? 3 })),
              },
              [0],
            ),
          ),
        );
        const name = f.slice(dir.length + 1);
        try {
          await runFe(args(f));
        } catch (e) {
          const err = e as Error;
          assert.equal(err.name, "DataError", `${kind}: ${err.name}: ${err.message}`);
          assert.match(
            err.message,
            new RegExp(`${name.replace(".", "\\.")}( \\(row \\d+(, column "[^"]*")?\\))?: \\S`),
            kind,
          );
          if (kind !== "header only" && kind !== "duplicate row")
            assert.match(err.message, /\(row \d+/, kind);
          return;
        }
        assert.fail(`${kind}: accepted`);
      },
    ),
    { numRuns: 120 },
  );
});
