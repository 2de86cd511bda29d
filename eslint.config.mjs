// Lint rules for `npm run lint` (office-addin-lint picks this file up): the Office add-in rules
// (load before read, sync before read, no navigational loads) and TypeScript's recommended rules,
// for .ts and .tsx alike. Formatting is left to the code's own consistent style: no prettier rules.
import officeAddins from 'eslint-plugin-office-addins';
import tsParser from '@typescript-eslint/parser';
import tsPlugin from '@typescript-eslint/eslint-plugin';

const withoutPrettier = (config) => ({
  ...config,
  ...(config.files ? { files: ['**/*.{js,mjs,cjs,ts,tsx}'] } : {}),
  rules: Object.fromEntries(Object.entries(config.rules ?? {}).filter(([name]) => !name.startsWith('prettier/'))),
  plugins: Object.fromEntries(Object.entries(config.plugins ?? {}).filter(([name]) => name !== 'prettier')),
});

export default [
  { ignores: ['dist/**', 'lib/**', 'node_modules/**', 'coverage/**'] },
  ...officeAddins.configs.react.map(withoutPrettier),
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins, '@typescript-eslint': tsPlugin },
    languageOptions: { parser: tsParser },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // TypeScript already checks names, including the Office and Excel globals from @types/office-js.
      'no-undef': 'off',
      // React 17+ compiles JSX without React in scope.
      'react/react-in-jsx-scope': 'off',
    },
  },
  {
    // The Office.js rules look for load/sync mistakes; exceljs code (file adapter, browser page), the engine and the CLI never touch Office.js.
    files: [
      'src/engine/**',
      'src/portfolio/**',
      'src/io/ooxml/**',
      'src/io/xlsx/**',
      'src/io/node/**',
      'src/apps/cli/**',
      'src/apps/pane/page/**',
      'src/present/**',
      'src/example/**',
    ],
    rules: Object.fromEntries(Object.keys(officeAddins.rules).map((rule) => [`office-addins/${rule}`, 'off'])),
  },
];
