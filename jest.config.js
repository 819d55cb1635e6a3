/** Unit tests sit beside the code (*.spec.ts); cross-app tests live in test/ (*.e2e-spec.ts). */
// The libs' path aliases (tsconfig.json paths), for jest's module resolution.
const LIBS = [
  'unified-models',
  'providers',
  'bus',
  'config',
  'sandbox',
  'store',
  'http',
  'delivery',
  'syncs',
  'polling',
  'telemetry',
  'client',
].join('|');
const moduleNameMapper = {
  [`^@app/(${LIBS})$`]: '<rootDir>/libs/$1/src',
  [`^@app/(${LIBS})/(.*)$`]: '<rootDir>/libs/$1/src/$2',
};
// content-disposition (a dependency of @fastify/static, used by the Swagger UI) and the OpenAPI
// validator's ref parser ship ESM only;
// jest's CommonJS runtime needs it transpiled.
// openapi-typescript (npm run client) ships CommonJS but requires ESM-only packages.
const ESM_ONLY = [
  'content-disposition',
  '@apidevtools',
  '@jsdevtools',
  'openapi-typescript',
  'change-case',
  'parse-json',
  'index-to-position',
  'supports-color',
];
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  [`node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true }, diagnostics: false },
  ],
};
const common = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      // bench/ holds the benches' verdict logic, unit-tested like the code it measures.
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/bench/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
    },
  ],
};
