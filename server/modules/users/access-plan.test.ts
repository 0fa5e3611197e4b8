import { describe, expect, it } from 'vitest'
import { planAccess } from './access-plan'

const none = { roles: [], teamIds: [] }

describe('planAccess', () => {
  it('makes every new role wait for a second person, and takes roles away at once', () => {
    const plan = planAccess({ roles: ['intake'], teamIds: [] }, null, { roles: ['worker', 'researcher'] })
    expect(plan).toEqual({
      remove: { roles: ['intake'], teamIds: [] },
      add: none,
      request: { roles: ['worker', 'researcher'], teamIds: [] },
      keepPending: false,
    })
  })

  it('makes a team wait only when the user will read through it as a lead', () => {
    expect(planAccess({ roles: ['worker'], teamIds: [] }, null, { teamIds: ['t1'] })).toMatchObject({
      add: { roles: [], teamIds: ['t1'] },
      request: none,
    })
    expect(planAccess({ roles: ['lead'], teamIds: ['t1'] }, null, { teamIds: ['t1', 't2'] })).toMatchObject({
      add: none,
      request: { roles: [], teamIds: ['t2'] },
    })
    // Asking for lead in the same change, or having it waiting, counts too.
    expect(planAccess({ roles: ['worker'], teamIds: [] }, null, { roles: ['worker', 'lead'], teamIds: ['t1'] }).request).toEqual({
      roles: ['lead'],
      teamIds: ['t1'],
    })
    expect(planAccess({ roles: ['worker'], teamIds: [] }, { roles: ['lead'], teamIds: [] }, { teamIds: ['t1'] }).request).toEqual({
      roles: ['lead'],
      teamIds: ['t1'],
    })
  })

  it('keeps the waiting request when the change asks for the same, and replaces it otherwise', () => {
    const pending = { roles: ['worker' as const], teamIds: [] }
    // The edit form sends what the user holds and what waits: nothing new is asked.
    expect(planAccess({ roles: ['intake'], teamIds: [] }, pending, { roles: ['intake', 'worker'] }).keepPending).toBe(true)
    expect(planAccess({ roles: ['intake'], teamIds: [] }, pending, {}).keepPending).toBe(true)
    const dropped = planAccess({ roles: ['intake'], teamIds: [] }, pending, { roles: ['intake'] })
    expect(dropped).toMatchObject({ request: none, keepPending: false, remove: none })
    const more = planAccess({ roles: ['intake'], teamIds: [] }, pending, { roles: ['intake', 'worker', 'dpo'] })
    expect(more).toMatchObject({ request: { roles: ['worker', 'dpo'], teamIds: [] }, keepPending: false })
  })

  it('lets a former lead keep a waiting team as a plain member once lead is dropped', () => {
    const plan = planAccess({ roles: ['worker'], teamIds: [] }, { roles: ['lead'], teamIds: ['t1'] }, { roles: ['worker'] })
    expect(plan).toMatchObject({ add: { roles: [], teamIds: ['t1'] }, request: none, keepPending: false })
  })
})
