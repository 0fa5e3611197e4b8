import os from 'node:os'
import { defineConfig } from 'vitest/config'

const api = (db: 'sqlite' | 'postgres') => ({
  test: {
    name: `api-${db}`,
    include: ['server/**/*.api.test.ts'],
    env: { PARCOURS_TEST_DB: db },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

/**
 * One runner, four suites: pure unit tests, the HTTP API suite once per database engine, and
 * the browser journeys. scripts/test.mjs picks the suites this machine can run.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores: one worker on a two-core CI machine,
    // which left a core idle while a test waited on PostgreSQL or the browser. Every test file
    // has its own server, database and browser, so files run side by side.
    maxWorkers: Number(process.env.PARCOURS_TEST_WORKERS) || Math.max(2, os.availableParallelism()),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['server/**/*.api.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
        },
      },
      api('sqlite'),
      api('postgres'),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          // Pages load lazily (a chunk, then their data): a poll right after a navigation waits
          // for the page as a person would, not vitest's default second.
          expect: { poll: { timeout: 15_000 } },
          // A journey runs through several roles and an axe pass per step; with two files side by side
          // on two cores the longest ones (instruments, about 175 s under load) came near 180 s.
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
