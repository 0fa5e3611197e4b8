#!/usr/bin/env node
// Builds what `npm start` runs: the web app (vite → dist/web) and the server (esbuild → dist/server
// and dist/common, one JavaScript file per TypeScript file, with source maps), then writes
// dist/build-stamp.json: a hash of the sources it was built from.
//
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when dist/ is missing or its stamp differs from the
//                                      sources (a fresh clone, a pull); otherwise do nothing
//   node scripts/build.mjs --out DIR   build into DIR instead of dist/ (a test's own copy)
//
// The server is transpiled file by file, not bundled: every `new URL('./x', import.meta.url)` then
// points where it did in the sources, and the files read at run time (common-passwords.txt,
// be-postcodes.csv, whatever comes next) are copied beside their module.
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const outAt = process.argv.indexOf('--out')
const dist = outAt > 0 && process.argv[outAt + 1] ? path.resolve(process.argv[outAt + 1]) : path.join(root, 'dist')
const stampFile = path.join(dist, 'build-stamp.json')
const SERVER_DIRS = ['server', 'common']
const INPUTS = ['server', 'common', 'web', 'package-lock.json', 'vite.config.ts', 'scripts/build.mjs']

// Fixtures are test support (they import vitest): left out, so a server file importing one fails to start.
const isTest = (rel) => /\.(test|fixture)\.tsx?$/.test(rel) || rel.startsWith('server/test/')

function walk(rel) {
  const abs = path.join(root, rel)
  if (!fs.existsSync(abs)) return []
  if (fs.statSync(abs).isFile()) return [rel]
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .flatMap((e) => walk(path.posix.join(rel, e.name)))
    .sort()
}

/** A hash of the build's inputs (contents, not mtimes: a checkout or a copy changes mtimes). */
export function sourceStamp() {
  const hash = crypto.createHash('sha256')
  for (const rel of INPUTS.flatMap(walk).filter((f) => !isTest(f))) {
    hash
      .update(rel)
      .update('\0')
      .update(fs.readFileSync(path.join(root, rel)))
      .update('\0')
  }
  return hash.digest('hex')
}

/** Why dist/ must be built again, or null when it matches the sources. */
export function staleReason() {
  if (!fs.existsSync(path.join(dist, 'server/main.js')) || !fs.existsSync(stampFile)) return 'dist/ is missing'
  // A runtime image holds dist/ without the sources: nothing to compare, nothing to build from.
  if (!fs.existsSync(path.join(root, 'server'))) return null
  const built = JSON.parse(fs.readFileSync(stampFile, 'utf8')).stamp
  return built === sourceStamp() ? null : 'the sources changed since dist/ was built'
}

/** Relative imports become the emitted file's name: `./app` → `./app.js`, `./builtin` → `./builtin/index.js`. */
const relativeImportsToJs = {
  name: 'relative-imports-to-js',
  setup(build) {
    build.onResolve({ filter: /^\.\.?(\/|$)/ }, (args) => {
      if (args.kind === 'entry-point') return undefined
      // JSON the server imports (the public page's texts, kept with the web's locales) is bundled
      // into the importing module: dist/ has no copy of web/src beside the server.
      if (args.path.endsWith('.json')) return undefined
      const target = path.resolve(args.resolveDir, args.path)
      for (const [suffix, out] of [
        ['.ts', '.js'],
        ['/index.ts', '/index.js'],
      ]) {
        if (fs.existsSync(target + suffix)) return { path: args.path.replace(/\/$/, '') + out, external: true }
      }
      if (fs.existsSync(target)) return { path: args.path, external: true }
      return { errors: [{ text: `cannot resolve ${args.path} from ${path.relative(root, args.importer)}` }] }
    })
  },
}

async function buildServer() {
  const { build } = await import('esbuild')
  const files = SERVER_DIRS.flatMap(walk).filter((f) => !isTest(f))
  for (const dir of SERVER_DIRS) fs.rmSync(path.join(dist, dir), { recursive: true, force: true })
  await build({
    absWorkingDir: root,
    entryPoints: files.filter((f) => f.endsWith('.ts')),
    outdir: dist,
    outbase: '.',
    bundle: true,
    packages: 'external',
    plugins: [relativeImportsToJs],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  })
  for (const f of files.filter((f) => !f.endsWith('.ts'))) {
    fs.mkdirSync(path.dirname(path.join(dist, f)), { recursive: true })
    fs.copyFileSync(path.join(root, f), path.join(dist, f))
  }
}

function buildWeb() {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js')
  if (!fs.existsSync(vite)) throw Object.assign(new Error('vite is not installed'), { code: 'ERR_MODULE_NOT_FOUND' })
  const args = [vite, 'build', '--logLevel', 'warn', '--outDir', path.join(dist, 'web'), '--emptyOutDir']
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error('the web build failed')
}

export async function buildAll() {
  const stamp = sourceStamp()
  fs.rmSync(stampFile, { force: true })
  buildWeb()
  await buildServer()
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version
  fs.writeFileSync(stampFile, `${JSON.stringify({ stamp, version, builtAt: new Date().toISOString() }, null, 2)}\n`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale')
  const why = ifStale ? staleReason() : 'asked'
  if (why) {
    if (ifStale) process.stderr.write(`building (${why})…\n`)
    const started = Date.now()
    try {
      await buildAll()
    } catch (e) {
      const missing = e?.code === 'ERR_MODULE_NOT_FOUND'
      process.stderr.write(
        missing
          ? 'cannot build: the build tools are not installed (npm ci without --omit=dev, then npm run build)\n'
          : `build failed: ${e?.message ?? e}\n`,
      )
      process.exit(1)
    }
    process.stderr.write(`built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  }
}
