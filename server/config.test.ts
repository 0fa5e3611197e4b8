import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config'

const KEY = Buffer.alloc(32, 7).toString('base64')

/** The error loadConfig throws for this environment; fails the test when it does not throw. */
function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return e as ConfigError
  }
  throw new Error(`accepted ${JSON.stringify(env)}`)
}

describe('configuration', () => {
  it('has working defaults for a developer machine', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 3000,
      dataDir: path.resolve('./data'),
      database: { kind: 'sqlite', file: path.join(path.resolve('./data'), 'parcours.sqlite') },
      masterKey: { generateIn: path.resolve('./data') },
      demo: true,
      publicUrl: undefined,
      secureCookies: false,
      trustProxy: false,
      session: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
      logLevel: 'info',
    })
  })

  it('reads each variable', () => {
    const c = loadConfig({
      NODE_ENV: 'test',
      HOST: '0.0.0.0',
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/parcours',
      PARCOURS_MASTER_KEY: KEY,
      PARCOURS_DEMO: 'no',
      PARCOURS_PUBLIC_URL: 'https://parcours.example',
      PARCOURS_TRUST_PROXY: '1',
      PARCOURS_SESSION_IDLE_MINUTES: '15',
      PARCOURS_SESSION_ABSOLUTE_HOURS: '8',
      LOG_LEVEL: 'warn',
    })
    expect(c).toMatchObject({
      env: 'test',
      host: '0.0.0.0',
      port: 8080,
      database: { kind: 'postgres', url: 'postgres://u:p@db:5432/parcours' },
      masterKey: { base64: KEY },
      demo: false,
      secureCookies: true,
      trustProxy: true,
      session: { idleMs: 15 * 60_000, absoluteMs: 8 * 3_600_000 },
      logLevel: 'warn',
    })
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({ kind: 'sqlite', file: '/tmp/x.sqlite' })
    expect(loadConfig({ DATABASE_URL: 'postgresql://h/db' }).database.kind).toBe('postgres')
    expect(loadConfig({ PARCOURS_PUBLIC_URL: 'http://intranet.local' }).secureCookies).toBe(false)
    expect(loadConfig({ PARCOURS_MASTER_KEY_FILE: '/run/secrets/key' }).masterKey).toEqual({ file: '/run/secrets/key' })
  })

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['PARCOURS_MASTER_KEY', 'short'],
    ['PARCOURS_MASTER_KEY', Buffer.alloc(16).toString('base64')],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['PARCOURS_DEMO', 'maybe'],
    ['PARCOURS_PUBLIC_URL', 'not a url'],
    ['PARCOURS_SESSION_IDLE_MINUTES', '0'],
    ['PARCOURS_TIME_ZONE', 'Europe/Atlantis'],
  ])('stops on an invalid %s (%s), naming it and not echoing it', (name, value) => {
    const e = refusal({ [name]: value })
    expect(e.message).toMatch(new RegExp(`^\\s+${name}: `, 'm'))
    if (value.length > 4) expect(e.message).not.toContain(value)
  })

  it('reads the e-mail settings: off without an SMTP server, the link on the public address', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: null, from: 'parcours@localhost', baseUrl: 'http://127.0.0.1:3000' })
    const c = loadConfig({
      PARCOURS_SMTP_URL: 'smtp://mail.example.org:587',
      PARCOURS_MAIL_FROM: 'Parcours <parcours@example.org>',
      PARCOURS_PUBLIC_URL: 'https://parcours.example.org/',
    })
    expect(c.mail).toEqual({
      smtpUrl: 'smtp://mail.example.org:587',
      from: 'Parcours <parcours@example.org>',
      baseUrl: 'https://parcours.example.org',
    })
    expect(refusal({ PARCOURS_SMTP_URL: 'http://mail.example.org' }).message).toContain('PARCOURS_SMTP_URL')
    expect(refusal({ PARCOURS_MAIL_FROM: 'nobody' }).message).toContain('PARCOURS_MAIL_FROM')
  })

  it("reads the service's time zone: Brussels unless set", () => {
    expect(loadConfig({}).timeZone).toBe('Europe/Brussels')
    expect(loadConfig({ PARCOURS_TIME_ZONE: 'Europe/Luxembourg' }).timeZone).toBe('Europe/Luxembourg')
  })

  it('names every invalid variable at once', () => {
    const e = refusal({ PORT: 'abc', LOG_LEVEL: 'loud' })
    expect(e.message).toContain('PORT')
    expect(e.message).toContain('LOG_LEVEL')
  })

  it('in production, refuses demo data and a missing or doubled master key', () => {
    expect(refusal({ NODE_ENV: 'production', PARCOURS_DEMO: 'true', PARCOURS_MASTER_KEY: KEY }).message).toContain('PARCOURS_DEMO')
    expect(refusal({ NODE_ENV: 'production' }).message).toContain('PARCOURS_MASTER_KEY')
    expect(refusal({ NODE_ENV: 'production', PARCOURS_DEMO: 'false' }).message).toContain('PARCOURS_MASTER_KEY')
    expect(refusal({ PARCOURS_MASTER_KEY: KEY, PARCOURS_MASTER_KEY_FILE: '/k' }).message).toContain('PARCOURS_MASTER_KEY_FILE')
  })

  it('in production, starts with a key and demo off by default', () => {
    const c = loadConfig({ NODE_ENV: 'production', PARCOURS_MASTER_KEY: KEY })
    expect(c).toMatchObject({ env: 'production', demo: false, masterKey: { base64: KEY } })
    expect(loadConfig({ NODE_ENV: 'production', PARCOURS_MASTER_KEY_FILE: '/run/secrets/key' }).demo).toBe(false)
  })
})
