// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "cdktf.out/",
      "cdktf.out.ci-roles/",
      ".gen/",
      "dist/",
      "coverage/",
      ".local/",
      "export/",
      ".venv/",
      ".venv-*/",
      "jest.config.js",
      "*.mjs",
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // The package root loads ~2,000 modules (seconds and gigabytes per synth and test file).
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@cdktf/provider-aws",
              message: "Import provider classes by deep path, e.g. @cdktf/provider-aws/lib/ecs-service.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value='@cdktf/provider-aws']",
          message: "Import provider classes by deep path, e.g. @cdktf/provider-aws/lib/ecs-service.",
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-new": "off",
    },
  },
  {
    files: ["__tests__/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      // Tests read Terraform JSON, which is untyped.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // The plain-JavaScript tooling (the app runner, the benchmark): CommonJS for Node.js, not type-checked.
    files: ["scripts/**/*.js", "__tests__/setup/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: "commonjs",
      parserOptions: { projectService: false, project: false },
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
      },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, "@typescript-eslint/no-require-imports": "off" },
  },
);
