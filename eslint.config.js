import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "web/dist/**",
      "server/dist*/**",
      "data/**",
      ".tmp/**",
      "**/*.mjs",
      "**/*.js",
      "scripts/*.d.mts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      eqeqeq: ["error", "always"],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // A hook called after an early return renders fewer hooks next time, and React throws: the screen goes blank.
    files: ["web/src/**/*.tsx", "web/src/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error" },
  },
  {
    // Modules meet through interfaces: another module's repository or internals are out of reach.
    files: ["server/src/modules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^\\.\\./[a-z-]+/(?!index\\.js$)",
              message: "Import another module only through its public interface, ../<module>/index.js.",
            },
          ],
        },
      ],
    },
  },
  {
    // One way to change state: a use case runs in one Work (db/work.ts), which alone opens transactions.
    files: ["server/src/**/*.ts"],
    ignores: ["server/src/db/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: "Run the change in one Work: inTransaction(ctx, (work) => …) from db/work.ts.",
        },
      ],
    },
  },
  {
    // Tests read loosely typed JSON responses; `any` there is the honest type.
    files: ["**/test/**/*.ts", "**/*.test.ts", "e2e/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
