import type { InferResult } from 'kysely'
import { ACCOMPANIMENT_KINDS } from '../../../common/contracts/accompaniments.contracts'
import type {
  ClientKinds,
  InstrumentDefinition,
  InstrumentPurpose,
  InstrumentView,
  InstrumentVersionView,
} from '../../../common/contracts/instruments.contracts'
import { fromJson, type Json } from '../../db/json'
import { asStaff, type StaffTx } from '../../http/staff-fence'
import { BUILT_IN_INSTRUMENTS } from './builtin'

/** Versions never change once written: their parsed definitions are kept by id. */
const parsed = new Map<string, InstrumentDefinition>()

export function definitionOf(versionId: string, json: Json<InstrumentDefinition>): InstrumentDefinition {
  let def = parsed.get(versionId)
  if (!def) {
    def = fromJson(json)
    if (parsed.size > 1000) parsed.clear()
    parsed.set(versionId, def)
  }
  return def
}

function versionQuery(trx: StaffTx) {
  return asStaff(trx)
    .selectFrom('instrument_versions')
    .innerJoin('instruments', 'instruments.id', 'instrument_versions.instrument_id')
    .leftJoin('users', 'users.id', 'instrument_versions.created_by')
    .select([
      'instrument_versions.id',
      'instrument_versions.instrument_id',
      'instrument_versions.version',
      'instrument_versions.definition',
      'instrument_versions.created_at',
      'users.display_name',
      'instruments.built_in',
    ])
}

type VersionRow = InferResult<ReturnType<typeof versionQuery>>[number]

function present(r: VersionRow): InstrumentVersionView {
  return {
    id: r.id,
    instrument: r.instrument_id,
    version: r.version,
    builtIn: r.built_in === 1,
    createdAt: r.created_at,
    createdByName: r.display_name,
    definition: definitionOf(r.id, r.definition),
  }
}

export async function findVersion(trx: StaffTx, code: string, version: number): Promise<InstrumentVersionView | undefined> {
  const row = await versionQuery(trx)
    .where('instrument_versions.instrument_id', '=', code)
    .where('instrument_versions.version', '=', version)
    .executeTakeFirst()
  return row && present(row)
}

export async function latestVersion(trx: StaffTx, code: string): Promise<InstrumentVersionView | undefined> {
  const row = await versionQuery(trx)
    .where('instrument_versions.instrument_id', '=', code)
    .orderBy('instrument_versions.version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row && present(row)
}

/** The newest version number of each instrument, for answer sets that may predate it. */
export async function latestVersionNumbers(trx: StaffTx): Promise<Map<string, number>> {
  const rows = await asStaff(trx)
    .selectFrom('instrument_versions')
    .select(['instrument_id', (eb) => eb.fn.max('version').as('latest')])
    .groupBy('instrument_id')
    .execute()
  return new Map(rows.map((r) => [r.instrument_id, Number(r.latest)]))
}

const BUILT_IN_ORDER = new Map(BUILT_IN_INSTRUMENTS.map((b, i) => [b.code, i]))

/** Every instrument with its latest version; built-ins first, in their usual order. */
export async function listInstruments(trx: StaffTx): Promise<InstrumentView[]> {
  const instruments = await asStaff(trx).selectFrom('instruments').selectAll().execute()
  const rows = await versionQuery(trx).orderBy('instrument_versions.version', 'desc').execute()
  const byInstrument = new Map<string, VersionRow[]>()
  for (const r of rows) byInstrument.set(r.instrument_id, [...(byInstrument.get(r.instrument_id) ?? []), r])
  const rank = (code: string) => BUILT_IN_ORDER.get(code) ?? BUILT_IN_ORDER.size
  return instruments
    .sort((a, b) => rank(a.id) - rank(b.id) || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
    .flatMap((i) => {
      // Newest first: the first is the latest. An instrument without a version is not listed.
      const versions = byInstrument.get(i.id) ?? []
      const [latest] = versions
      if (!latest) return []
      return [
        {
          code: i.id,
          builtIn: i.built_in === 1,
          purpose: i.purpose,
          clientKinds: kindsOf(i.client_kinds),
          version: i.version,
          createdAt: i.created_at,
          latest: present(latest),
          versions: versions.map((v) => ({ id: v.id, version: v.version, createdAt: v.created_at, createdByName: v.display_name })),
        },
      ]
    })
}

/** Null only on a built-in the installer has not reached (one dropped from code): every kind, as before 0038. */
function kindsOf(json: Json<ClientKinds> | null): ClientKinds {
  return json ? fromJson(json) : [...ACCOMPANIMENT_KINDS]
}

/** One instrument as listed, or undefined when there is no such instrument. */
export async function findInstrument(trx: StaffTx, code: string): Promise<InstrumentView | undefined> {
  return (await listInstruments(trx)).find((i) => i.code === code)
}

/**
 * What an instrument is answered for and on which kinds of case, or undefined when there is no
 * such instrument.
 */
export async function usesOf(trx: StaffTx, code: string): Promise<{ purpose: InstrumentPurpose; clientKinds: ClientKinds } | undefined> {
  const row = await asStaff(trx).selectFrom('instruments').select(['purpose', 'client_kinds']).where('id', '=', code).executeTakeFirst()
  return row && { purpose: row.purpose, clientKinds: kindsOf(row.client_kinds) }
}
