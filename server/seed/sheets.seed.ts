import { LANGUAGES } from '../../common/roles'
import type { Services } from '../http/context'
import { createSheet, publishDraft, saveDraft } from '../modules/sheets/sheets.commands'
import { DEMO_SHEETS } from './sheets.data'
import { systemContext } from './system-context'

/** The demo knowledge base, written and published by the demo lead; sheets already there are left alone. */
export async function seedSheets(services: Services): Promise<number> {
  const lead = await services.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('user_roles.role', '=', 'lead')
    .orderBy('users.created_at')
    .executeTakeFirst()
  const ctx = await systemContext(services, lead?.id ?? null, 'seed-demo')
  let added = 0
  for (const sheet of DEMO_SHEETS) {
    const exists = await services.db.selectFrom('sheets').select('id').where('code', '=', sheet.code).executeTakeFirst()
    if (exists) continue
    const languages = LANGUAGES.filter((l) => sheet.texts[l])
    const [first, ...others] = languages
    if (!first) continue
    await ctx.write('sheet.created', async (trx, audit) => {
      const by = { userId: lead?.id ?? null, now: ctx.now() }
      const { id } = await createSheet(trx, { ...sheet, language: first, text: sheet.texts[first] as { title: string; body: string } }, by)
      let version = 1
      for (const l of others) {
        await saveDraft(trx, id, l, version, sheet.texts[l] as { title: string; body: string }, by)
        version += 1
      }
      for (const l of languages) {
        await publishDraft(trx, services.kind, id, l, version, by)
        version += 1
      }
      audit.subject('sheet', id).detail({ code: sheet.code, languages, seeded: true })
    })
    added += 1
  }
  return added
}
