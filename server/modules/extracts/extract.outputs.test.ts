import ExcelJS from 'exceljs'
import { expect, it } from 'vitest'
import type { ExtractResult } from './extract.engine'
import { toXlsx, zipInputOf } from './extract.outputs'

it("finds where exceljs hands a sheet's XML to its zip, and sees it fill when nobody waits", async () => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ useStyles: false, useSharedStrings: false })
  const sheet = workbook.addWorksheet('extract')
  sheet.addRow(['pseudonym', 'gender']).commit()
  await new Promise((resolve) => setImmediate(resolve))
  const input = zipInputOf(sheet)
  // An exceljs upgrade that moves this makes toXlsx hold the whole sheet's XML again: look here.
  expect(input?._writableState).toBeDefined()
  for (let i = 0; i < 20_000; i++) sheet.addRow([`p${i}`.padEnd(20, '0'), 'female']).commit()
  expect(input?._writableState?.needDrain).toBe(true)
  expect(input?._writableState?.length ?? 0).toBeGreaterThan(1_000_000)
})

it('writes every record into the workbook while waiting for the zip', async () => {
  const records = Array.from({ length: 25_000 }, (_, i) => ({
    pseudonym: i.toString(16).padStart(20, '0'),
    gender: i % 2 ? 'male' : 'female',
  }))
  const result: ExtractResult = { variables: ['gender'], records, dropped: 0, k: 5 }
  const file = Buffer.concat(await toXlsx(result))
  const read = new ExcelJS.Workbook()
  await read.xlsx.load(file as unknown as ArrayBuffer)
  const rows: string[][] = []
  read.worksheets[0]!.eachRow((row) => rows.push((row.values as string[]).slice(1)))
  expect(rows).toHaveLength(25_001)
  expect(rows[0]).toEqual(['pseudonym', 'gender'])
  expect(rows[25_000]).toEqual([(24_999).toString(16).padStart(20, '0'), 'male'])
})
