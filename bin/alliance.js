#!/usr/bin/env node
// The `alliance` command. The library is TypeScript; tsx compiles it on the fly.
require("tsx/cjs");
require("../lib/cli/main.ts")
  .main(process.argv)
  .catch((e) => {
    console.error(`alliance: ${e && e.message ? e.message : e}`);
    process.exit(2);
  });
