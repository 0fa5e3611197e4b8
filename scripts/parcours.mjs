#!/usr/bin/env node
// `npm run parcours -- <command>`: the operator's command line. With the development tools
// installed it runs the sources (tsx), so that it always matches the code being worked on; in a
// production install (npm ci --omit=dev) it runs the built tree, dist/server/cli/main.js.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs')
const source = path.join(root, 'server/cli/main.ts')
const built = path.join(root, 'dist/server/cli/main.js')
const args = process.argv.slice(2)

let command
if (fs.existsSync(tsx) && fs.existsSync(source)) command = [tsx, source, ...args]
else if (fs.existsSync(built)) command = ['--enable-source-maps', built, ...args]
else {
  process.stderr.write('dist/ is missing and the development tools are not installed: build first (npm ci, then npm run build)\n')
  process.exit(1)
}
const r = spawnSync(process.execPath, command, { stdio: 'inherit', cwd: process.cwd() })
process.exit(r.status ?? 1)
