/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    'pptxgenjs/dist/pptxgen\\.cjs\\.js$': '<rootDir>/test/support/node-import-transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!pptxgenjs/)'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/test/support/jsdom-setup.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // Speed is measured by `npm run bench`, never here: on two cores shared with other work, a test that takes
  // half a second alone has taken more than jest's default 5 s. A hung test still fails, after 20 s.
  testTimeout: 20_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
