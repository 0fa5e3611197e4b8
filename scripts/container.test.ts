import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from '../server/test/server-process'

const dockerfile = fs.readFileSync(path.join(REPO, 'Dockerfile'), 'utf8')
const compose = fs.readFileSync(path.join(REPO, 'compose.yaml'), 'utf8')
/** Instructions of the last stage: what the running image is made of. */
const finalStage = dockerfile.split(/^FROM /m).at(-1)!
const stageNamed = (name: string) => dockerfile.split(/^FROM /m).find((s) => new RegExp(`\\bAS ${name}\\b`).test(s.split('\n')[0]!)) ?? ''

describe('the container image, as written', () => {
  it('runs the built server as an unprivileged user, with a health check, writing only to /data', () => {
    const user = /^USER (\S+)/m.exec(finalStage)?.[1]
    expect(user).toBeDefined()
    expect(['root', '0', '0:0']).not.toContain(user)
    expect(finalStage).toMatch(/^HEALTHCHECK [\s\S]*\/api\/health/m)
    expect(finalStage).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/server\/main\.js"\]/m)
    expect(finalStage).toMatch(/PARCOURS_DATA_DIR=\/data/)
    expect(finalStage).toMatch(/^VOLUME \["\/data"\]/m)
    expect(finalStage).not.toMatch(/\btsx\b|npm (start|run)/)
  })

  it('ships no development dependency: node_modules comes from an npm ci --omit=dev stage', () => {
    const copies = [...finalStage.matchAll(/^COPY --from=(\S+) (\S+)/gm)].map((m) => ({ stage: m[1]!, what: m[2]! }))
    const modules = copies.filter((c) => c.what.includes('node_modules'))
    expect(modules.length).toBe(1)
    expect(stageNamed(modules[0]!.stage)).toMatch(/npm ci --omit=dev/)
    // From the build stage (which has every dependency) only dist/ is taken.
    for (const c of copies.filter((c) => c.stage === 'build')) expect(c.what).toMatch(/^\/src\/dist$/)
    expect(finalStage).not.toMatch(/^RUN npm (ci|install)/m)
  })

  it('composes it with PostgreSQL 15 and volumes, read-only, its secrets in files', () => {
    expect(compose).toMatch(/image: postgres:15\b/)
    expect(compose).toMatch(/- pgdata:\/var\/lib\/postgresql\/data/)
    expect(compose).toMatch(/- parcours-data:\/data/)
    expect(compose).toMatch(/read_only: true/)
    expect(compose).toMatch(/PARCOURS_MASTER_KEY_FILE: \/run\/secrets\/master_key/)
    expect(compose).not.toMatch(/PARCOURS_MASTER_KEY: /)
  })
})
