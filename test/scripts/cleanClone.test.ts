/**
 * A clone alone runs (issue 18): the repository's committed HEAD is cloned
 * into an empty temporary folder with nothing beside it (no sibling folder, no
 * deposit outside the repository), and there `npm run data:verify` finds
 * every raw file in the clone's own data/raw/ and `npm run build:data`
 * rebuilds a panel byte-identical to the committed data/panel.csv (and its
 * CSV on the Web sidecar).
 *
 * node_modules: the clone gets a symbolic link to this checkout's
 * node_modules instead of `npm ci`, because a test must not need the
 * network; the packages are the ones package-lock.json pins, so this stands
 * in for the install step of a fresh machine. ALLIANCE_DATA_DIR is removed
 * from the child's environment, so only the repository's defaults are used.
 *
 * Skipped (with a message) when this checkout is not a git repository or git
 * is not installed, e.g. a source archive.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";

const git = (args: string[], cwd = REPO_ROOT) => spawnSync("git", args, { cwd, encoding: "utf8" });
const head = git(["rev-parse", "HEAD"]);
const skip =
  head.status === 0
    ? false
    : `not a git checkout or no git (${(head.stderr || String(head.error)).trim()}): nothing to clone`;

test(
  "a fresh clone with nothing beside it verifies its deposit and rebuilds the committed panel byte for byte",
  { skip },
  () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "clean-clone-"));
    try {
      const clone = path.join(parent, "repo");
      const c = git(["clone", "--quiet", "--no-hardlinks", REPO_ROOT, clone], parent);
      assert.equal(c.status, 0, c.stderr);
      assert.equal(
        git(["rev-parse", "HEAD"], clone).stdout,
        head.stdout,
        "the clone is at this checkout's HEAD",
      );
      assert.deepEqual(fs.readdirSync(parent), ["repo"], "nothing beside the clone");
      fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(clone, "node_modules"), "dir");
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.ALLIANCE_DATA_DIR;
      const npm = (script: string) =>
        spawnSync("npm", ["run", "-s", script], { cwd: clone, env, encoding: "utf8" });

      const v = npm("data:verify");
      assert.equal(v.status, 0, v.stdout + v.stderr);
      assert.match(
        v.stdout,
        new RegExp(
          `^data root: ${escape(path.join(clone, "data", "raw"))} \\(via repository\\)$`,
          "m",
        ),
      );
      const files = (
        JSON.parse(fs.readFileSync(path.join(clone, "data", "sources.json"), "utf8")) as {
          files: unknown[];
        }
      ).files.length;
      assert.match(v.stdout, new RegExp(`^all ${files} files OK; no unknown files$`, "m"));

      const b = npm("build:data");
      assert.equal(b.status, 0, b.stdout + b.stderr);
      assert.match(
        b.stdout,
        new RegExp(
          `^data root: ${escape(path.join(clone, "data", "raw"))} \\(via repository\\)$`,
          "m",
        ),
      );
      for (const f of ["data/panel.csv", "data/panel.csv-metadata.json"]) {
        const committed = git(["show", `HEAD:${f}`]);
        assert.equal(committed.status, 0, committed.stderr);
        assert.ok(
          fs.readFileSync(path.join(clone, f), "utf8") === committed.stdout,
          `${f}: the clone's rebuild differs from the committed file`,
        );
      }
      // the rebuild left the clone's tracked files as committed
      assert.equal(git(["status", "--porcelain", "--untracked-files=no"], clone).stdout, "");
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  },
);

/** A string as a literal inside a RegExp. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
