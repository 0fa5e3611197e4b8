import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Instance, startCluster } from './cluster'
import { type Agent, DB_KIND, json } from './harness'

/**
 * Documents across instances. Each instance of the cluster has its own data directory, as on
 * another machine: on PostgreSQL this passes once documents are stored in the database (the
 * "documents" part of issue 9); on a branch where they are still files on one instance's disk,
 * it fails, which is what it is for. On SQLite it runs on one instance.
 */
const COUNT = DB_KIND === 'postgres' ? 3 : 1
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Rapport cluster\n%%EOF\n')
let cluster: Awaited<ReturnType<typeof startCluster>>
let nodes: Instance[]
beforeAll(async () => {
  cluster = await startCluster(COUNT)
  nodes = cluster.instances
})
afterAll(() => cluster.close())

function via(i: number, agent: Agent): Agent {
  const moved = (nodes[i % nodes.length] as Instance).agent()
  moved.cookie = agent.cookie
  return moved
}

it('a document uploaded through A downloads, byte for byte, through B and C', async () => {
  const team = await cluster.first.team()
  const worker = await cluster.first.as(['worker'], { teamIds: [team] })
  const person = json(await worker.post('/api/persons', { firstName: 'Salma', lastName: 'Cluster' }))
  const caseId = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).id
  const up = await via(0, worker).post(`/api/accompaniments/${caseId}/documents`, PDF, {
    'content-type': 'application/pdf',
    'x-filename': 'rapport.pdf',
  })
  expect(up.statusCode, up.body).toBe(201)
  for (const i of [1, 2]) {
    const down = await via(i, worker).get(`/api/accompaniments/${caseId}/documents/${json(up).id}`)
    expect(down.statusCode, `through instance ${i}`).toBe(200)
    expect(down.rawPayload.equals(PDF)).toBe(true)
  }
})
