import { test } from "node:test";
import assert from "node:assert/strict";
import { isDecimal, parseDecimal } from "../../lib/io/decimal";

test("standard decimals and exponents are accepted", () => {
  for (const [s, v] of [
    ["12", 12],
    ["-1.5", -1.5],
    ["+3", 3],
    [".5", 0.5],
    ["5.", 5],
    ["1e-7", 1e-7],
    ["2.5E+21", 2.5e21],
    ["007", 7],
    ["-0", -0],
  ] as const) {
    assert.equal(parseDecimal(s), v, s);
  }
});

test("hex, octal, binary, Infinity, NaN, separators, dangling exponents and overflow are refused", () => {
  for (const s of [
    "0x10",
    "0X1f",
    "0o7",
    "0b1",
    "Infinity",
    "-Infinity",
    "NaN",
    "1_000",
    "1,5",
    "1e",
    "e5",
    "1e+",
    "+",
    "-",
    ".",
    "",
    " 1",
    "1 ",
    "1.2.3",
    "--1",
    "1e400",
    "١٢",
  ]) {
    assert.equal(parseDecimal(s), undefined, JSON.stringify(s));
  }
  assert.equal(isDecimal("1e400"), true); // a numeral, but it overflows: parseDecimal refuses it
});
