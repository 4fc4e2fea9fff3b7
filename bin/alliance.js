#!/usr/bin/env node
// The `alliance` command. The library is TypeScript: this runs the prebuilt
// bundle dist/alliance.cjs (`npm run build`, done by `npm ci`) while it is
// fresh, else compiles the sources on the fly with tsx (after an edit under
// lib/, or with ALLIANCE_NO_BUNDLE=1). Both run the same code.
const path = require("node:path");
const root = path.join(__dirname, "..");
const { bundle, why } =
  process.env.ALLIANCE_NO_BUNDLE === "1"
    ? { bundle: null, why: "ALLIANCE_NO_BUNDLE=1" }
    : require("./bundle.js").freshBundle(root);
let cli;
if (bundle) cli = require(bundle);
else {
  require("tsx/cjs");
  cli = require("../lib/cli/main.ts");
}
// ALLIANCE_TIMING=1 also says which of the two ran.
if (process.env.ALLIANCE_TIMING === "1")
  process.stderr.write(`runtime: ${bundle ? "bundle dist/alliance.cjs" : `tsx (${why})`}\n`);
cli.main(process.argv).catch((e) => {
  console.error(`alliance: ${e && e.message ? e.message : e}`);
  process.exit(2);
});
