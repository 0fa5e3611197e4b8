import type { Trx } from '../../http/context'

/**
 * Deletes the files of the given studies' extracts that still have them: the sealed files and
 * their key go, the register row stays (who, when, which variables, how many records) with the
 * instant. With the key gone, no copy of the files left in a backup or in the database's free
 * space opens either. Returns how many extracts lost their files.
 */
export async function purgeExtractFiles(trx: Trx, studyIds: string[], now: string): Promise<number> {
  if (studyIds.length === 0) return 0
  const held = trx.selectFrom('study_extracts').select('id').where('study_id', 'in', studyIds).where('purged_at', 'is', null)
  await trx.deleteFrom('study_extract_files').where('extract_id', 'in', held).execute()
  const res = await trx
    .updateTable('study_extracts')
    .set({ key_sealed: '', purged_at: now })
    .where('study_id', 'in', studyIds)
    .where('purged_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows)
}
