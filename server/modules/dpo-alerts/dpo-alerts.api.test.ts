import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newMfaSecret } from '../../security/mfa'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The two take-over paths into an account (a new activation link, a second-factor reset) raise a
 * DPO alert in the same transaction when the account holds or waits for a role; the DPO sees it
 * and acknowledges it, never about their own account nor their own act.
 */
let t: TestApp
let admin: Agent & { userId: string; email: string }
let dpo: Agent & { userId: string; email: string }
beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  dpo = await t.as(['dpo'])
})
afterAll(() => t.close())

type Alert = {
  id: string
  version: number
  kind: string
  user: { id: string }
  actor: { id: string }
  roles: string[]
  mayAcknowledge: boolean
}
const openAlerts = async (agent: Agent = dpo): Promise<Alert[]> => json(await agent.get('/api/dpo-alerts?limit=100')).items
const alertsAbout = async (userId: string, agent: Agent = dpo) => (await openAlerts(agent)).filter((a) => a.user.id === userId)
const acknowledge = (agent: Agent, a: Pick<Alert, 'id' | 'version'>) =>
  agent.post(`/api/dpo-alerts/${a.id}/acknowledge`, {}, { 'if-match': `"${a.version}"` })

describe('DPO alerts', () => {
  it('are raised by a second-factor reset, shown to the DPO, and acknowledged once', async () => {
    const target = await t.user(['worker'], { mfaSecret: newMfaSecret() })
    const reset = await admin.post(`/api/users/${target.id}/mfa-reset`)
    expect(reset.statusCode, reset.body).toBe(200)
    const entry = (await auditRows(t.services, 'user.mfa_reset')).find((r) => r.subject_id === target.id)
    const alertId = JSON.parse(entry?.details ?? '{}').dpoAlert
    const [alert] = await alertsAbout(target.id)
    expect(alert).toMatchObject({ id: alertId, kind: 'mfa_reset', actor: { id: admin.userId }, roles: ['worker'], mayAcknowledge: true })

    expect((await dpo.post(`/api/dpo-alerts/${alertId}/acknowledge`, {})).statusCode).toBe(428)
    const done = await acknowledge(dpo, alert as Alert)
    expect(done.statusCode, done.body).toBe(200)
    expect(json(done)).toMatchObject({ acknowledgedBy: { id: dpo.userId }, mayAcknowledge: false, version: 2 })
    expect(await alertsAbout(target.id)).toEqual([])
    const seen = json(await dpo.get('/api/dpo-alerts?state=acknowledged')).items
    expect(seen.find((a: Alert) => a.id === alertId)).toMatchObject({ kind: 'mfa_reset' })
    expect(json(await acknowledge(dpo, { id: alertId, version: 2 })).code).toBe('state.invalid_transition')
    const ack = (await auditRows(t.services, 'dpo_alert.acknowledged')).find((r) => r.subject_id === alertId)
    expect(ack).toMatchObject({ actor_id: dpo.userId, subject_type: 'dpo_alert' })
    expect(JSON.parse(ack?.details ?? '{}')).toMatchObject({ user: target.id, kind: 'mfa_reset' })
    expect((await auditRows(t.services, 'dpo_alert.listed')).some((r) => r.actor_id === dpo.userId)).toBe(true)
  })

  it('are raised by a new activation link for a user whose role only waits', async () => {
    const created = json(
      await admin.post('/api/users', { email: 'waiting.lead@test.parcours.test', displayName: 'En attente', roles: ['lead'] }),
    )
    const res = await admin.post(`/api/users/${created.user.id}/activation`)
    expect(res.statusCode, res.body).toBe(200)
    const [alert] = await alertsAbout(created.user.id)
    expect(alert).toMatchObject({ kind: 'activation_issued', roles: ['lead'], actor: { id: admin.userId } })
    const entry = (await auditRows(t.services, 'user.activation_issued')).find((r) => r.subject_id === created.user.id)
    expect(JSON.parse(entry?.details ?? '{}').dpoAlert).toBe(alert?.id)
  })

  it('are not raised for an account that holds and waits for no role', async () => {
    const bare = await t.user([], { email: 'no.role@test.parcours.test', mfaSecret: newMfaSecret() })
    expect((await admin.post(`/api/users/${bare.id}/activation`)).statusCode).toBe(200)
    expect((await admin.post(`/api/users/${bare.id}/mfa-reset`)).statusCode).toBe(200)
    expect(await alertsAbout(bare.id)).toEqual([])
    const entry = (await auditRows(t.services, 'user.mfa_reset')).find((r) => r.subject_id === bare.id)
    expect(JSON.parse(entry?.details ?? '{}').dpoAlert).toBeNull()
  })

  it('about the DPO’s own account, or caused by them, wait for another DPO', async () => {
    const reset = await admin.post(`/api/users/${dpo.userId}/activation`)
    expect(reset.statusCode).toBe(200)
    // The new link signed the DPO out; another DPO reads and may acknowledge the alert.
    const other = await t.as(['dpo'])
    const [aboutDpo] = await alertsAbout(dpo.userId, other)
    expect(aboutDpo).toMatchObject({ kind: 'activation_issued', roles: ['dpo'], mayAcknowledge: true })
    expect((await acknowledge(other, aboutDpo as Alert)).statusCode).toBe(200)
    const third = await t.as(['dpo'])
    // A DPO who is also an admin resets someone's second factor: another DPO must acknowledge it.
    const both = await t.as(['admin', 'dpo'])
    const target = await t.user(['intake'], { mfaSecret: newMfaSecret() })
    expect((await both.post(`/api/users/${target.id}/mfa-reset`)).statusCode).toBe(200)
    const [theirs] = await alertsAbout(target.id, both)
    expect(theirs?.mayAcknowledge).toBe(false)
    const refused = await acknowledge(both, theirs as Alert)
    expect(refused.statusCode).toBe(403)
    expect(json(refused).code).toBe('access.second_person_required')
    const denied = (await auditRows(t.services, 'access.denied')).filter((r) => r.subject_id === theirs?.id)
    expect(denied).toMatchObject([{ actor_id: both.userId, subject_type: 'dpo_alert', outcome: 'denied' }])
    expect((await acknowledge(third, theirs as Alert)).statusCode).toBe(200)
    // And the DPO whose account was taken over may not wave the alert away once signed in again.
    const again = t.agent()
    const victim = await t.user(['dpo'])
    expect((await admin.post(`/api/users/${victim.id}/mfa-reset`)).statusCode).toBe(200)
    await again.post('/api/auth/login', { email: victim.email, password: victim.password })
    const [aboutVictim] = await alertsAbout(victim.id, again)
    expect(aboutVictim?.mayAcknowledge).toBe(false)
    expect(json(await acknowledge(again, aboutVictim as Alert)).code).toBe('access.self_change')
  })

  it('are for the DPO only', async () => {
    expect((await admin.get('/api/dpo-alerts')).statusCode).toBe(403)
    const reader = await t.as(['dpo'])
    const [any] = await openAlerts(reader)
    expect((await admin.post(`/api/dpo-alerts/${any?.id}/acknowledge`, {}, { 'if-match': '"1"' })).statusCode).toBe(403)
    expect((await acknowledge(reader, { id: crypto.randomUUID(), version: 1 })).statusCode).toBe(404)
  })
})
