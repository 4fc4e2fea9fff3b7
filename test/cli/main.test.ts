/** The `alliance` entry point: top-level help lists both subcommands; unknown input fails loudly. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildProgram } from "../../lib/cli/main";

const ROOT = join(__dirname, "..", "..");
const run = (args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, "bin", "alliance.js"), ...args], {
    encoding: "utf8",
    cwd: ROOT,
    timeout: 60_000,
  });

test("buildProgram registers exactly fe and gdelt", () => {
  const p = buildProgram();
  assert.equal(p.name(), "alliance");
  assert.deepEqual(p.commands.map((c) => c.name()).sort(), ["fe", "gdelt"]);
});

test("--help exits 0 and lists both subcommands", () => {
  const r = run(["--help"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Usage: alliance \[options\] \[command\]/);
  const commands = r.stdout.slice(r.stdout.indexOf("Commands:"));
  assert.match(commands, /^\s+fe\b/m);
  assert.match(commands, /^\s+gdelt\b/m);
  assert.match(r.stdout, /Replication kernel for Li & Gu \(2022\)/);
});

test("an unknown subcommand exits non-zero and names it", () => {
  const r = run(["frobnicate"]);
  assert.equal(r.status, 1); // commander's exit code for a usage error
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /unknown command 'frobnicate'/);
});
