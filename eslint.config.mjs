// ESLint flat config: @eslint/js recommended + typescript-eslint's strict
// type-checked preset over lib/, scripts/, bench/, test/ and bin/ (npm run
// lint), and lite/ (npm run lint:lite, once npm run lite has installed
// lite/kernel's packages: lite/kernel and lite/worker are type-checked with
// their own tsconfig.json, which the project service finds beside them). Each
// option that departs from the preset carries its reason here;
// docs/linting.md lists them. No rule is switched off in lib/: `!` non-null
// assertions stay errors (the fix is a guard that throws a clear error, or a
// lookup helper); test/ may use them.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      "dist/",
      "dist.tmp-*/",
      ".venv/",
      ".jupyter-local/",
      "shims/",
      "data/",
      "notebooks/",
      "test/fixtures/",
      // lite/kernel's tsc output and own node_modules (installed by npm run lite)
      "lite/kernel/lib/",
    ],
  },
  {
    // a disable comment that no longer suppresses anything is an error, so
    // stale ones (e.g. the old rule name no-var-requires) do not pile up
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and booleans print exactly in messages and labels (`${n} rows`,
      // `${beta}`); nullish, any, regexps and objects still have to be
      // converted on purpose, so "undefined" never ends up in a message.
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        {
          allowNumber: true,
          allowBoolean: true,
          allowNullish: false,
          allowAny: false,
          allowRegExp: false,
        },
      ],
      // `(x) => out.push(x)` and, inside a function that itself returns void,
      // the early `return cb(err);` of Node callback and stream code: the
      // value is void either way, so nothing is confused.
      // `const { V: _v, ...info } = vr` is how an object is copied without
      // some keys; the keys taken out are unused on purpose. Every other
      // unused variable is still reported.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      "@typescript-eslint/no-confusing-void-expression": [
        "error",
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
    },
  },
  {
    // No function in lib/ over 80 lines (from the line of `function` or the
    // method name to the closing brace, comments and blank lines included):
    // a longer one is split into named steps. Nested functions count inside
    // the function that holds them, and on their own.
    files: ["lib/**/*.ts"],
    rules: {
      "max-lines-per-function": [
        "error",
        { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // node:test's test()/describe()/it() return promises that the runner
      // itself awaits; every other promise in a test must still be awaited.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] },
          ],
        },
      ],
      // A `!` in a test fails loudly at the next line (a TypeError on undefined
      // fails the test), which is what a test wants; lib/ keeps the rule.
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // bin/ is plain CommonJS run by node before any TypeScript loader (and its
    // hand-written .d.ts): outside tsconfig, so no type information.
    files: ["bin/**"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["bin/**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { process: "readonly", console: "readonly", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
