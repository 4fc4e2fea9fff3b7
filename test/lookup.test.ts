import assert from "node:assert/strict";
import { test } from "node:test";
import { defined, entry, mustGet } from "../lib/lookup";

test("mustGet returns the stored value, 0 and null included", () => {
  const m = new Map<string, number | null>([
    ["a", 0],
    ["b", null],
  ]);
  assert.equal(mustGet(m, "a", "weights"), 0);
  assert.equal(mustGet(m, "b", "weights"), null);
});

test("mustGet names what was looked up and the key when it is absent", () => {
  const m = new Map<string, number>([["USA", 2]]);
  assert.throws(() => mustGet(m, "CHN", "country index"), {
    message: "country index: no entry for CHN",
  });
});

test("defined passes 0, '' and false through and refuses null and undefined", () => {
  assert.equal(defined(0, "x"), 0);
  assert.equal(defined("", "x"), "");
  assert.equal(defined(false, "x"), false);
  assert.throws(() => defined(null, "the year column"), { message: "the year column is missing" });
  assert.throws(() => defined(undefined, "rcid"), { message: "rcid is missing" });
});

test("entry: own keys only; a missing or inherited key gives undefined", () => {
  const table: Record<string, number> = { a: 0, b: 2 };
  assert.equal(entry(table, "a"), 0);
  assert.equal(entry(table, "b"), 2);
  assert.equal(entry(table, "c"), undefined);
  assert.equal(entry(table, "constructor"), undefined);
  assert.equal(entry(table, "toString"), undefined);
});
