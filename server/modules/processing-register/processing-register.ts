import {
  DATA_CATEGORIES,
  type DataCategory,
  PURPOSES,
  type ProcessingRegister,
  RegisterSettings,
  SECURITY_MEASURES,
  SUBJECT_CATEGORIES,
} from '../../../common/contracts/registers.contracts'
import { ROLES } from '../../../common/roles'
import { fromJson, toJson } from '../../db/json'
import type { Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { SENSITIVE } from '../../security/codec'
import { legalBases } from '../exceptions/legal-bases'
import { CATEGORY_OF_FIELD, PLAIN_SOURCES, PURPOSE_SCOPE, SPECIAL } from './processing-register.categories'

const ROW_ID = 'register'
const EMPTY = { controller: {}, dpo: {}, purposes: {} }

/** Data categories with the stored fields each covers, from the codec's declaration. */
function dataCategories(): ProcessingRegister['dataCategories'] {
  const sources = new Map<DataCategory, string[]>()
  for (const [table, fields] of Object.entries(SENSITIVE)) {
    const categories: Record<string, DataCategory> = CATEGORY_OF_FIELD[table as keyof typeof SENSITIVE]
    for (const field of Object.keys(fields)) {
      const code = categories[field]
      if (code) sources.set(code, [...(sources.get(code) ?? []), `${table}.${field}`])
    }
  }
  return DATA_CATEGORIES.map((code) => {
    const sealed = sources.get(code) ?? []
    return { code, special: SPECIAL[code] ?? null, sealed: sealed.length > 0, sources: [...sealed, ...(PLAIN_SOURCES[code] ?? [])] }
  })
}

/**
 * The records of processing as of now: what Parcours knows (categories from the codec, staff by
 * role, the partner directory, the legal bases, its own security measures) and what the DPO wrote.
 */
export async function processingRegister(trx: Trx, now: string): Promise<ProcessingRegister> {
  const [row, roles, partners, bases] = await Promise.all([
    trx.selectFrom('processing_register').selectAll().where('id', '=', ROW_ID).executeTakeFirstOrThrow(),
    trx
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .where('users.disabled', '=', 0)
      .select(['user_roles.role', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('user_roles.role')
      .execute(),
    trx.selectFrom('partner_organisations').select(['id', 'name', 'active', 'charter_signed_on']).orderBy('name').orderBy('id').execute(),
    legalBases(trx),
  ])
  const updatedBy = row.updated_by
    ? ((await trx.selectFrom('users').select('display_name').where('id', '=', row.updated_by).executeTakeFirst())?.display_name ?? null)
    : null
  const staffRoles = ROLES.map((role) => ({ role, accounts: Number(roles.find((r) => r.role === role)?.n ?? 0) }))
  return {
    generatedAt: now,
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy,
    settings: RegisterSettings.parse({ ...EMPTY, ...fromJson(row.settings) }),
    purposes: PURPOSES.map((code) => ({
      code,
      dataCategories: PURPOSE_SCOPE[code].data,
      subjectCategories: PURPOSE_SCOPE[code].subjects,
    })),
    dataCategories: dataCategories(),
    subjectCategories: SUBJECT_CATEGORIES.map((code) => ({
      code,
      roles:
        code === 'staff'
          ? staffRoles.filter((r) => r.role !== 'partner')
          : code === 'partner_staff'
            ? staffRoles.filter((r) => r.role === 'partner')
            : [],
    })),
    recipients: {
      partners: partners.map((p) => ({ id: p.id, name: p.name, active: p.active === 1, charterSignedOn: p.charter_signed_on })),
      builtIn: ['judicial_authorities', 'partner_organisations'],
    },
    legalBases: bases.map((b) => ({ code: b.code, label: b.label, reference: b.reference, active: b.active })),
    retention: { schedules: [], toBeSet: true },
    securityMeasures: [...SECURITY_MEASURES],
  }
}

export async function updateRegisterSettings(trx: Trx, expected: number, settings: RegisterSettings, userId: string, now: string) {
  const res = await trx
    .updateTable('processing_register')
    .set({ settings: toJson(settings), updated_by: userId, updated_at: now, version: expected + 1 })
    .where('id', '=', ROW_ID)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
}
