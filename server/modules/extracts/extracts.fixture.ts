import ExcelJS from 'exceljs'
import { expect } from 'vitest'
import { JobRunner } from '../../jobs/jobs.runner'
import { type Agent, json, type TestApp } from '../../test/harness'
import { studyExtractJob } from './extract.job'

/** Runs every extract job that is due, on this app's database, until none is left. */
export async function runExtractJobs(t: TestApp): Promise<void> {
  const runner = new JobRunner(t.services, [studyExtractJob])
  while (await runner.runOnce());
}

/**
 * Takes an extract as the agent, as a researcher does: the request registers it (queued, empty,
 * its files refused with 409 until ready), its job makes the files, and the register then shows it
 * ready. Returns the ready extract's view.
 */
export async function takeExtract(t: TestApp, agent: Agent, studyId: string, language = 'fr') {
  const res = await agent.post(`/api/studies/${studyId}/extracts`, { language })
  expect(res.statusCode, res.body).toBe(201)
  const queued = json(res)
  expect(queued).toMatchObject({ state: 'queued', records: 0, dropped: 0, readyAt: null, failure: null })
  const early = await agent.get(`/api/studies/${studyId}/extracts/${queued.id}/csv`)
  expect(early.statusCode).toBe(409)
  expect(json(early).code).toBe('study.extract_not_ready')
  await runExtractJobs(t)
  const list = json(await agent.get(`/api/studies/${studyId}/extracts`))
  const ready = list.items.find((e: { id: string }) => e.id === queued.id)
  expect(ready).toMatchObject({ state: 'ready', progress: null, failure: null, readyAt: expect.any(String) })
  return ready
}

/** An extract's file as its researcher downloads it. */
export async function download(agent: Agent, studyId: string, extractId: string, format: string) {
  const res = await agent.get(`/api/studies/${studyId}/extracts/${extractId}/${format}`)
  expect(res.statusCode, res.body).toBe(200)
  return res
}

/** The CSV's rows as arrays of fields (no field of an extract needs quoting). */
export function csvRows(body: Buffer): string[][] {
  const text = body.toString('utf8')
  expect(text.startsWith('\uFEFF')).toBe(true)
  expect(text.endsWith('\r\n')).toBe(true)
  return text
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','))
}

export async function xlsxRows(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(body as unknown as ArrayBuffer)
  const sheet = wb.worksheets[0]!
  // The header row stays in view as the researcher scrolls (frozen, in place of a bold style).
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  const rows: string[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
  return rows
}
