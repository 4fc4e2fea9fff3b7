// ESLint flat config: typescript-eslint's strict type-checked rules, with the
// few options that fit numeric code (numbers and booleans in template strings,
// void-returning arrow shorthands). Every deviation from the preset is listed
// with its reason in docs/linting.md.
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
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
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
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
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
