import { test } from "node:test";
import assert from "node:assert/strict";
import { fmt, htmlTable, textTable } from "../../lib/notebook/table";

test("fmt: integers plain, decimals rounded, missing as a dash", () => {
  assert.equal(fmt(26), "26");
  assert.equal(fmt(1.23456), "1.235");
  assert.equal(fmt(1.23456, 1), "1.2");
  assert.equal(fmt(null), "—");
  assert.equal(fmt(NaN), "—");
  assert.equal(fmt("x"), "x");
});

test("htmlTable escapes text and right-aligns numbers", () => {
  const h = htmlTable([{ a: "<b>", b: 1.5 }]);
  assert.ok(h.includes("&lt;b&gt;"));
  assert.ok(h.includes('<td style="text-align:right">1.500</td>'));
});

test("textTable aligns columns", () => {
  assert.equal(textTable([{ k: "ab", v: 1 }, { k: "c", v: 22 }]), "k   v\n--  --\nab  1\nc   22");
});
