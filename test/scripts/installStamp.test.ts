import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { installStamp } from "../../scripts/installStamp";

test("the install stamp is the SHA-256 of package-lock.json in the file setup.sh compares, written by npm's prepare", () => {
  const { file, hash } = installStamp(REPO_ROOT);
  assert.equal(
    hash,
    createHash("sha256")
      .update(readFileSync(join(REPO_ROOT, "package-lock.json")))
      .digest("hex"),
  );
  assert.equal(file, join(REPO_ROOT, "node_modules", ".alliance-lock.sha256"));
  const setup = readFileSync(join(REPO_ROOT, "scripts", "setup.sh"), "utf8");
  assert.match(setup, /stamp=node_modules\/\.alliance-lock\.sha256/);
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  assert.match(
    pkg.scripts.prepare,
    /^tsx scripts\/installStamp\.ts && /,
    "npm ci writes the stamp first",
  );
});
