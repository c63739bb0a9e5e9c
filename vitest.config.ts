import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The corpus conformance test parses 128 files; give slow CI machines room.
    testTimeout: 60_000,
    pool: 'forks',
  },
});
