/**
 * The formula parser: the forms it accepts (hand-written cases), errors that
 * name the offending token and its position, and property tests (fast-check):
 * random valid formulas survive parse → print → parse unchanged; random
 * invalid strings throw ParseError (never another error, never hang).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  parseFormula,
  printFormula,
  termName,
  ParseError,
  type Formula,
} from "../../lib/estimate/formula";
import { CONTROLS, MACROS } from "../../lib/study";

const v = (name: string) => ({ kind: "var" as const, name });

test("y ~ x1 + x2 | fe1 + fe2", () => {
  assert.deepEqual(parseFormula("y ~ x1 + x2 | iso3 + year"), {
    y: "y",
    terms: [v("x1"), v("x2")],
    fe: ["iso3", "year"],
    intercept: true,
  });
  assert.deepEqual(parseFormula("y~x"), { y: "y", terms: [v("x")], fe: [], intercept: true });
  assert.deepEqual(parseFormula("  log.y ~ x_1\n + `odd name` | f "), {
    y: "log.y",
    terms: [v("x_1"), v("odd name")],
    fe: ["f"],
    intercept: true,
  });
});

test("no intercept: 0 +, + 0, - 1; explicit 1 +", () => {
  for (const s of ["y ~ 0 + x", "y ~ x + 0", "y ~ x - 1", "y ~ x + z - 1 | f"])
    assert.equal(parseFormula(s).intercept, false, s);
  assert.equal(parseFormula("y ~ 1 + x").intercept, true);
  assert.deepEqual(parseFormula("y ~ x + z - 1 | f").fe, ["f"]);
});

test("lags and leads: l(x, k), l(x) = l(x, 1), f(x, k), l(x, -k) = f(x, k)", () => {
  const f = parseFormula("y ~ l(asym, 1) + l(ideal) + f(x, 2) + l(z, -1) | iso3 + year");
  assert.deepEqual(f.terms, [
    { kind: "lag", variable: "asym", k: 1 },
    { kind: "lag", variable: "ideal", k: 1 },
    { kind: "lag", variable: "x", k: -2 },
    { kind: "lag", variable: "z", k: -1 },
  ]);
  assert.deepEqual(f.terms.map(termName), ["l(asym, 1)", "l(ideal, 1)", "f(x, 2)", "f(z, 1)"]);
});

test("macros: ..controls expands to the study's control set", () => {
  const f = parseFormula("y ~ asym + ..controls | iso3 + year", { macros: MACROS });
  assert.deepEqual(f.terms.map(termName), ["asym", ...CONTROLS]);
});

function throwsAt(src: string, token: string, position: number, opts = {}): void {
  assert.throws(
    () => parseFormula(src, opts),
    (e: unknown) => {
      assert.ok(e instanceof ParseError, `${src}: ${String(e)}`);
      assert.equal(e.token, token, `${src}: token`);
      assert.equal(e.position, position, `${src}: position`);
      assert.ok(e.message.includes(`position ${position}`), e.message);
      return true;
    },
  );
}

test("errors name the offending token and its position", () => {
  throwsAt("y x", "x", 2); // missing ~
  throwsAt("y ~ x +", "", 7); // dangling +
  throwsAt("y ~ x + + z", "+", 8);
  throwsAt("y ~ x:z", ":", 5); // interactions unsupported
  throwsAt("y ~ x * z", "*", 6);
  throwsAt("y ~ log(x)", "log", 4); // unknown function
  throwsAt("y ~ x | f(z)", "(", 9);
  throwsAt("y ~ x | f | z ~ w", "|", 10); // IV part
  throwsAt("y ~ 2 + x", "2", 4);
  throwsAt("y ~ x - z", "z", 8);
  throwsAt("y ~ x + x", "x", 8); // duplicate
  throwsAt("y ~ 1x", "1x", 4);
  throwsAt("y ~ ..ctrl", "..ctrl", 4, { macros: MACROS });
  throwsAt("y ~ l(x, 1", "", 10);
  throwsAt("y ~ x | iso3 + iso3", "iso3", 15);
  throwsAt("~ x", "~", 0);
  throwsAt("y ~ `x", "`x", 4);
  throwsAt("y ~ 0", "", 5); // no regressors
  assert.match(String(captured("y ~ x:z")), /interactions/);
});

function captured(src: string): unknown {
  try {
    parseFormula(src);
  } catch (e) {
    return e;
  }
  return undefined;
}

// ---- property tests -------------------------------------------------------

const ident = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.]{0,6}$/);
const anyName = fc.oneof(ident, fc.stringMatching(/^[^`\n]{1,8}$/)); // backticked names too
const term = fc.oneof(
  anyName.map((name) => ({ kind: "var" as const, name })),
  fc
    .tuple(anyName, fc.integer({ min: -3, max: 3 }))
    .map(([variable, k]) => ({ kind: "lag" as const, variable, k })),
);
const formulaArb: fc.Arbitrary<Formula> = fc
  .tuple(
    anyName,
    fc.uniqueArray(term, { minLength: 1, maxLength: 6, selector: termName }),
    fc.uniqueArray(anyName, { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([y, terms, fe, intercept]) => ({ y, terms, fe, intercept }));

test("property: parse(print(f)) = f for random valid formulas", () => {
  fc.assert(
    fc.property(formulaArb, (f) => {
      const text = printFormula(f);
      const back = parseFormula(text);
      assert.deepEqual(back, f, text);
      assert.equal(printFormula(back), text);
    }),
    { numRuns: 2000 },
  );
});

test("property: random strings either parse or throw a ParseError naming a token at a valid position", () => {
  const alphabet = fc.constantFrom(
    "y",
    "x",
    "z",
    "~",
    "+",
    "-",
    "|",
    "(",
    ")",
    ",",
    " ",
    "0",
    "1",
    "2",
    "l",
    "f",
    ":",
    "*",
    "`",
    ".",
    "..c",
    "^",
    "@",
  );
  fc.assert(
    fc.property(
      fc.array(alphabet, { maxLength: 20 }).map((a) => a.join("")),
      (s) => {
        try {
          const f = parseFormula(s, { macros: { "..c": ["c1", "c2"] } });
          assert.equal(typeof f.y, "string");
          assert.ok(f.terms.length >= 1);
        } catch (e) {
          assert.ok(e instanceof ParseError, `${JSON.stringify(s)} threw ${String(e)}`);
          assert.ok(
            e.position >= 0 && e.position <= s.length,
            `position ${e.position} in ${JSON.stringify(s)}`,
          );
          assert.equal(
            s.slice(e.position, e.position + e.token.length),
            e.token,
            `token ${JSON.stringify(e.token)} at ${e.position} in ${JSON.stringify(s)}`,
          );
        }
      },
    ),
    { numRuns: 5000 },
  );
});

test("property: a valid formula with one token replaced by an invalid one throws ParseError", () => {
  fc.assert(
    fc.property(formulaArb, fc.constantFrom(":", "*", "^", "@", "$"), fc.nat(), (f, bad, at) => {
      const text = printFormula(f);
      // Put the bad character at a position outside any backticked name.
      const spaces = Array.from({ length: text.length }, (_, i) => i).filter(
        (i) => text[i] === " " && (text.slice(0, i).match(/`/g) ?? []).length % 2 === 0,
      );
      const i = spaces.length ? spaces[at % spaces.length] : text.length;
      const broken = text.slice(0, i) + " " + bad + text.slice(i);
      assert.throws(
        () => parseFormula(broken),
        (e: unknown) => e instanceof ParseError && e.token === bad && e.position === i + 1,
      );
    }),
    { numRuns: 1000 },
  );
});

test("l(x, 1.5): the lag must be a whole number (not a name error)", () => {
  assert.throws(
    () => parseFormula("y ~ l(x1, 1.5)"),
    /the lag must be a whole number of periods \(got 1\.5\); write e\.g\. l\(x1, 2\)/,
  );
  assert.throws(
    () => parseFormula("y ~ f(x1, 0.5)"),
    /the lead must be a whole number of periods \(got 0\.5\)/,
  );
  assert.throws(() => parseFormula("y ~ 1x"), /a name cannot start with a digit/);
});
