import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { fromJson } from '../../db/json'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let colleague: Agent & { userId: string }
let lead: Agent & { userId: string }
let stranger: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  colleague = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  stranger = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

const v = (n: number) => ({ 'if-match': `"${n}"` })
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString()

/** A judicial case whose worker asks to close it while a task is open and a session is planned. */
async function closingCase() {
  const person = json(await worker.post('/api/persons', { firstName: 'Nadia', lastName: 'Belkacem' }))
  const c = json(
    await worker.post('/api/accompaniments', {
      kind: 'concerned',
      personId: person.id,
      teamId: team,
      framework: {
        framework: 'judicial',
        measure: 'probation_condition',
        mandateStart: '2026-01-05',
        mandateEnd: '2027-01-04',
        reportEveryMonths: 3,
      },
    }),
  )
  const held = await worker.post(`/api/accompaniments/${c.id}/sessions`, { status: 'held', startsAt: inDays(-3), modality: 'office' })
  expect(held.statusCode, held.body).toBe(201)
  const task = json(
    await worker.post(`/api/accompaniments/${c.id}/tasks`, { title: 'Rendre le badge du CPAS', dueDate: inDays(-1).slice(0, 10) }),
  )
  const session = json(await worker.post(`/api/accompaniments/${c.id}/sessions`, { startsAt: inDays(5), modality: 'phone' }))
  const asked = await worker.post(
    `/api/accompaniments/${c.id}/closure`,
    { outcome: 'goals_reached', reason: 'Emploi stable depuis six mois' },
    v(c.version),
  )
  expect(asked.statusCode, asked.body).toBe(200)
  return {
    id: c.id as string,
    version: json(asked).version as number,
    taskId: task.id as string,
    sessionId: session.id as string,
    heldId: json(held).id as string,
  }
}

const taskOf = async (caseId: string, taskId: string) =>
  json(await lead.get(`/api/accompaniments/${caseId}/tasks`)).items.find((x: { id: string }) => x.id === taskId)
const sessionOf = async (caseId: string, sessionId: string) =>
  json(await lead.get(`/api/accompaniments/${caseId}/sessions`)).items.find((x: { id: string }) => x.id === sessionId)

describe('what the lead sees before deciding', () => {
  it('shows the outcome and reason, who asked, the last session, what is open, the mandate and the reports', async () => {
    const c = await closingCase()
    const res = await lead.get(`/api/accompaniments/${c.id}/closure`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers.etag).toBe(`"${c.version}"`)
    const ctx = json(res)
    expect(ctx).toMatchObject({
      status: 'closing',
      outcome: 'goals_reached',
      reason: 'Emploi stable depuis six mois',
      requestedBy: { userId: worker.userId },
      lastSession: { id: c.heldId, modality: 'office' },
      openTasks: [{ id: c.taskId, title: 'Rendre le badge du CPAS', assigneeId: worker.userId, overdue: true }],
      plannedSessions: [{ id: c.sessionId, modality: 'phone', workerId: worker.userId }],
      mandate: { framework: 'judicial', measure: 'probation_condition', mandateEnd: '2027-01-04', ended: false },
      reports: { everyMonths: 3, count: 0, lastSentAt: null, nextDue: '2026-04-05' },
      version: c.version,
    })
    expect(ctx.handOverTo.map((w: { userId: string }) => w.userId).sort()).toEqual([worker.userId, colleague.userId, lead.userId].sort())
    // The task's title was opened with the client's key: the read is recorded under the client.
    const entry = (await auditRows(t.services)).filter((r) => r.action === 'accompaniment.closure_viewed' && r.subject_id === c.id)
    expect(entry).toHaveLength(1)
    expect((await stranger.get(`/api/accompaniments/${c.id}/closure`)).statusCode).toBe(404)
  })
})

describe('deciding with open tasks and planned sessions', () => {
  it('keeps them as they are when the lead chooses nothing, and counts them on the timeline', async () => {
    const c = await closingCase()
    const noOne = await lead.post(
      `/api/accompaniments/${c.id}/closure/decision`,
      { approve: true, openTasks: 'hand_over', plannedSessions: 'cancel' },
      v(c.version),
    )
    expect(noOne.statusCode).toBe(400)
    expect(json(noOne).errors[0]).toMatchObject({ field: 'handOverTo', code: 'required_for_hand_over' })
    expect((await sessionOf(c.id, c.sessionId)).status).toBe('planned')
    const res = await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(c.version))
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res).status).toBe('closed')
    expect(await taskOf(c.id, c.taskId)).toMatchObject({ status: 'open', assigneeId: worker.userId })
    expect(await sessionOf(c.id, c.sessionId)).toMatchObject({ status: 'planned', workerId: worker.userId })
    const approved = json(await lead.get(`/api/accompaniments/${c.id}/timeline`)).items.find(
      (e: { type: string }) => e.type === 'approve_closure',
    )
    expect(approved.data).toMatchObject({ tasksKept: 1, sessionsKept: 1, tasksCancelled: 0, sessionsCancelled: 0 })
    // The kept task stays on its assignee's own list.
    expect(json(await worker.get('/api/my-day')).overdueTasks.map((x: { id: string }) => x.id)).toContain(c.taskId)
  })

  it('cancels them with the closure, and the timeline says so', async () => {
    const c = await closingCase()
    const res = await lead.post(
      `/api/accompaniments/${c.id}/closure/decision`,
      { approve: true, openTasks: 'cancel', plannedSessions: 'cancel' },
      v(c.version),
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ status: 'closed', version: c.version + 1 })
    expect((await taskOf(c.id, c.taskId)).status).toBe('cancelled')
    expect((await sessionOf(c.id, c.sessionId)).status).toBe('cancelled')
    const items = json(await lead.get(`/api/accompaniments/${c.id}/timeline`)).items
    const approved = items.find((e: { type: string }) => e.type === 'approve_closure')
    expect(approved).toMatchObject({
      kind: 'status',
      data: { tasksCancelled: 1, sessionsCancelled: 1, tasksHandedOver: 0, sessionsHandedOver: 0 },
    })
    expect(items.find((e: { type: string }) => e.type === 'task_cancelled')).toMatchObject({ kind: 'tasks', data: { taskId: c.taskId } })
    const audit = (await auditRows(t.services)).find((r) => r.action === 'accompaniment.approve_closure' && r.subject_id === c.id)
    expect(audit?.details ? fromJson(audit.details) : null).toMatchObject({ tasksCancelled: 1, sessionsCancelled: 1 })
    // Cancelled tasks are off everyone's My day.
    expect(JSON.stringify(json(await worker.get('/api/my-day')))).not.toContain(c.taskId)
  })

  it('hands them over to a worker of the team, who keeps them on a closed case', async () => {
    const c = await closingCase()
    const res = await lead.post(
      `/api/accompaniments/${c.id}/closure/decision`,
      {
        approve: true,
        openTasks: 'hand_over',
        plannedSessions: 'hand_over',
        handOverTo: colleague.userId,
        note: 'Colette assure le suivi',
      },
      v(c.version),
    )
    expect(res.statusCode, res.body).toBe(200)
    const view = json(res)
    expect(view.status).toBe('closed')
    expect(view.workers).toEqual(expect.arrayContaining([expect.objectContaining({ userId: colleague.userId, role: 'co' })]))
    expect(await taskOf(c.id, c.taskId)).toMatchObject({ status: 'open', assigneeId: colleague.userId })
    expect(await sessionOf(c.id, c.sessionId)).toMatchObject({ status: 'planned', workerId: colleague.userId })
    // The task stays visible on the new assignee's own list (overdue: it was due yesterday).
    const day = json(await colleague.get('/api/my-day'))
    expect(day.overdueTasks.map((x: { id: string }) => x.id)).toContain(c.taskId)
    const approved = json(await lead.get(`/api/accompaniments/${c.id}/timeline`)).items.find(
      (e: { type: string }) => e.type === 'approve_closure',
    )
    expect(approved).toMatchObject({
      note: 'Colette assure le suivi',
      data: { tasksHandedOver: 1, sessionsHandedOver: 1, handOverTo: colleague.userId },
    })
  })

  it('refuses a hand-over to someone outside the team', async () => {
    const c = await closingCase()
    const res = await lead.post(
      `/api/accompaniments/${c.id}/closure/decision`,
      { approve: true, openTasks: 'hand_over', plannedSessions: 'cancel', handOverTo: stranger.userId },
      v(c.version),
    )
    expect(res.statusCode).toBe(400)
    expect(json(res).errors[0]).toMatchObject({ field: 'handOverTo', code: 'not_a_team_worker' })
    expect(await taskOf(c.id, c.taskId)).toMatchObject({ status: 'open', assigneeId: worker.userId })
  })

  it('refuses the closure: tasks and sessions stay as they were', async () => {
    const c = await closingCase()
    const res = await lead.post(
      `/api/accompaniments/${c.id}/closure/decision`,
      { approve: false, note: 'Terminer la tâche d’abord' },
      v(c.version),
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ status: 'active', closureOutcome: null })
    expect(await taskOf(c.id, c.taskId)).toMatchObject({ status: 'open', assigneeId: worker.userId })
    expect(await sessionOf(c.id, c.sessionId)).toMatchObject({ status: 'planned', workerId: worker.userId })
  })

  it('answers 412 on a stale If-Match and undoes the settling', async () => {
    const c = await closingCase()
    const res = await lead.post(
      `/api/accompaniments/${c.id}/closure/decision`,
      { approve: true, openTasks: 'cancel', plannedSessions: 'cancel' },
      v(c.version - 1),
    )
    expect(res.statusCode).toBe(412)
    expect(json(res).code).toBe('version.mismatch')
    expect((await taskOf(c.id, c.taskId)).status).toBe('open')
    expect((await sessionOf(c.id, c.sessionId)).status).toBe('planned')
    expect(
      (await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true, openTasks: 'cancel', plannedSessions: 'cancel' }))
        .statusCode,
    ).toBe(428)
  })

  it('lets the worker see the context but not decide', async () => {
    const c = await closingCase()
    expect((await worker.get(`/api/accompaniments/${c.id}/closure`)).statusCode).toBe(200)
    const res = await worker.post(
      `/api/accompaniments/${c.id}/closure/decision`,
      { approve: true, openTasks: 'cancel', plannedSessions: 'cancel' },
      v(c.version),
    )
    expect(res.statusCode).toBe(403)
    expect((await taskOf(c.id, c.taskId)).status).toBe('open')
  })
})
