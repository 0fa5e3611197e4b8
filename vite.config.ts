import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { precompressDir } from './server/modules/web/web.precompress'

const projectRoot = fileURLToPath(new URL('.', import.meta.url))
const webRoot = fileURLToPath(new URL('./web', import.meta.url))
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url))

/**
 * After the build: `.br` and `.gz` beside each text asset (the server picks one by
 * Accept-Encoding), and the list of chunks with the modules in each.
 */
function precompress(): Plugin {
  // The directory this build writes, which `--outDir` may move (scripts/build.mjs --out, a test's
  // own copy): compressing or reporting on dist/web instead would rewrite files that another suite
  // is serving at that moment, and a page then loads a module cut short.
  let webDir = outDir
  return {
    name: 'parcours-precompress',
    apply: 'build',
    configResolved(config) {
      webDir = path.resolve(config.root, config.build.outDir)
    },
    writeBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((c) =>
        c.type === 'chunk'
          ? [
              {
                file: c.fileName,
                entry: c.isEntry,
                imports: c.imports,
                dynamicImports: c.dynamicImports,
                modules: Object.keys(c.modules).map((id) => id.replace(/^.*?\/node_modules\//, 'node_modules/').replace(projectRoot, '')),
              },
            ]
          : [],
      )
      // Which modules each chunk holds, for scripts/web-bundle.ts; beside the web root, so never served.
      fs.writeFileSync(path.join(path.dirname(webDir), 'web-bundle.json'), `${JSON.stringify({ chunks }, null, 1)}\n`)
    },
    closeBundle() {
      precompressDir(webDir)
    },
  }
}

/**
 * The small pieces every signed-in first screen needs (Mantine's core and its most common
 * components, TanStack Query, i18next), which automatic chunking leaves as dozens of chunks of
 * a kilobyte or two, each shared by a different set of pages: one chunk instead. On a phone each
 * request costs a round trip, and My day asked for 62 scripts (Lighthouse mobile 74; 36 and 84
 * with this group). The list is chosen from what the frame and My day use (e2e/web-bundle holds
 * their budgets).
 */
const UI_COMPONENTS = [
  'ActionIcon',
  'Alert',
  'Anchor',
  'Badge',
  'Box',
  'Checkbox',
  'CloseButton',
  'Group',
  'Input',
  'Loader',
  'Paper',
  'SimpleGrid',
  'Stack',
  'Text',
  'Title',
  'Transition',
  'UnstyledButton',
]
const UI_CHUNK = new RegExp(
  `node_modules[\\\\/](@mantine[\\\\/]core[\\\\/]esm[\\\\/](core|components[\\\\/](${UI_COMPONENTS.join('|')}))[\\\\/]|@mantine[\\\\/]hooks|@tanstack|i18next|react-i18next|clsx)`,
)

/**
 * The web app is served by the API process under a strict Content-Security-Policy
 * (`script-src 'self'`; styles only from files or with the per-request nonce), so the build
 * must not emit inline scripts, inline styles or `data:` assets.
 */
export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'ui', test: UI_CHUNK }] } } },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
})
