import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseMd5List, md5File, md5 } from "../../lib/gdelt/md5";

test("md5sums lines parse into name -> md5 (md5sum(1) format)", () => {
  const m = parseMd5List(
    "D41D8CD98F00B204E9800998ECF8427E  20160101.export.CSV.zip\n900150983cd24fb0d6963f7d28e17f72 *events/20160102.export.CSV.zip\n\n",
  );
  assert.deepEqual(
    [...m],
    [
      ["20160101.export.CSV.zip", "d41d8cd98f00b204e9800998ecf8427e"],
      ["20160102.export.CSV.zip", "900150983cd24fb0d6963f7d28e17f72"],
    ],
  );
  assert.throws(() => parseMd5List("abc  x.zip\n"), /md5sums \(row 1\)/);
  assert.throws(
    () => parseMd5List(`${"a".repeat(32)}  x.zip\n${"b".repeat(32)}  x.zip\n`),
    /two different MD5s for x\.zip/,
  );
});

test("MD5 of known strings, in memory and streamed from disk", async () => {
  assert.equal(md5(""), "d41d8cd98f00b204e9800998ecf8427e");
  assert.equal(md5("abc"), "900150983cd24fb0d6963f7d28e17f72");
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "md5-")), "abc");
  fs.writeFileSync(f, "abc");
  assert.equal(await md5File(f), "900150983cd24fb0d6963f7d28e17f72");
  fs.rmSync(path.dirname(f), { recursive: true });
});
