import { afterAll, beforeAll, expect } from 'vitest'
import { type Agent, startTestApp, type TestApp } from '../test/harness'
import { DEMO_DOMAIN, DEMO_PASSWORD } from './demo.data'
import { seedDemo } from './demo.seed'

/**
 * The app under test with the demo seeded, started before the file's tests and closed after them:
 * `app.t` is the app, `app.signIn('responsable')` a demo account signed in on it.
 */
export function demoApp() {
  const app = {
    t: undefined as unknown as TestApp,
    async signIn(local: string): Promise<Agent> {
      const agent = app.t.agent()
      expect((await agent.post('/api/auth/login', { email: `${local}@${DEMO_DOMAIN}`, password: DEMO_PASSWORD })).statusCode).toBe(200)
      return agent
    },
  }
  beforeAll(async () => {
    app.t = await startTestApp()
    await seedDemo(app.t.services)
  })
  afterAll(() => app.t?.close())
  return app
}
