import { spawnSync } from 'node:child_process'
import path from 'node:path'
import type { TestApp } from './harness'
import { REPO, TSX } from './server-process'

/**
 * The operator's command line, run for real (a child process, from the sources) against the
 * database of an app under test, with its master key and data folder.
 */
export function runCli(app: Pick<TestApp, 'databaseUrl' | 'dataDir' | 'config'>, args: string[], options: { timeout?: number } = {}) {
  return spawnSync(process.execPath, [TSX, path.join(REPO, 'server/cli/main.ts'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: app.databaseUrl,
      PARCOURS_MASTER_KEY: (app.config.masterKey as { base64: string }).base64,
      PARCOURS_DATA_DIR: app.dataDir,
    },
  })
}
