import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Each local service has its own global setup, owned beside the service it starts.
const globalSetup = ['tests/support/ferretdb.global.ts', 'tests/support/dev-tenant.global.ts'].filter((file) =>
  existsSync(file),
);

export default defineConfig({
  test: {
    include: ['{api,bot,infra,tests,tab}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
