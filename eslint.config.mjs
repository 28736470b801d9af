// typescript-eslint's recommended rules over every TypeScript and JavaScript file of the project.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'schema/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // type-graphql resolvers, GraphQL results and test bodies are dynamic by nature; `any` is explicit there.
      '@typescript-eslint/no-explicit-any': 'off',
      // type-graphql takes resolver classes as `Function`.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  // The browser side (web/): plain scripts served as they are, with the libraries the pages load.
  {
    files: ['web/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, echarts: 'readonly', GraphiQL: 'readonly', React: 'readonly', ReactDOM: 'readonly' },
    },
  },
);
