import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/sandbox/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
