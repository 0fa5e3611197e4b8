import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'

/**
 * The contact point's duty and its confidentiality exceptions.
 * - `instruments.purpose`: what an instrument is answered for. Until now every instrument was a
 *   case's ('case'); the triage grid is answered for a contact ('contact') and is not offered on
 *   a case.
 * - `duty_documents`: the line's opening hours and the emergency path, one versioned JSON
 *   document each (service configuration, no person's data).
 * - `duty_rota`: who is on duty which half-day, one row per date and half.
 * - `legal_bases`: the legal bases a disclosure may rest on, kept by the DPO (shipped defaults
 *   marked as such, to be checked).
 * - `confidentiality_exceptions`: the register. Attached to a case or to a contact; sealed with
 *   the key of `key_id` (the case's client, or the contact's own key).
 */
export async function up(db: Kysely<unknown>, _kind: DbKind): Promise<void> {
  await db.schema
    .alterTable('instruments')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('case'))
    .execute()

  await db.schema
    .createTable('duty_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('duty_rota')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('half', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('phone', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('duty_rota_slot', ['on_date', 'half'])
    .execute()

  await db.schema
    .createTable('legal_bases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('shipped_default', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  const now = new Date().toISOString()
  await (db as Kysely<any>)
    .insertInto('legal_bases')
    .values(
      DEFAULT_LEGAL_BASES.map((b) => ({
        id: b.id,
        code: b.code,
        label: JSON.stringify(b.label),
        reference: b.reference,
        active: 1,
        shipped_default: 1,
        updated_by: null,
        updated_at: now,
        version: 1,
      })),
    )
    .execute()

  await db.schema
    .createTable('confidentiality_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.references('accompaniments.id'))
    .addColumn('contact_id', 'text')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('legal_basis_id', 'text', (c) => c.notNull().references('legal_bases.id'))
    .addColumn('situation_sealed', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_name_sealed', 'text', (c) => c.notNull())
    .addColumn('disclosed_sealed', 'text', (c) => c.notNull())
    .addColumn('disclosed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('refusal_reason_sealed', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // Exactly one of a case and a contact.
    .addCheckConstraint('confidentiality_exceptions_attached', sql`(accompaniment_id is null) <> (contact_id is null)`)
    .addCheckConstraint('confidentiality_exceptions_status', sql`status in ('pending', 'validated', 'refused')`)
    .execute()
  await db.schema
    .createIndex('confidentiality_exceptions_status')
    .on('confidentiality_exceptions')
    .columns(['status', 'recorded_at'])
    .execute()
  await db.schema.createIndex('confidentiality_exceptions_acc').on('confidentiality_exceptions').column('accompaniment_id').execute()
  await db.schema.createIndex('confidentiality_exceptions_contact').on('confidentiality_exceptions').column('contact_id').execute()
}

const L = (fr: string, nl: string, de: string, en: string) => ({ fr, nl, de, en })

/**
 * Starting points for the DPO, not legal advice: each is marked `shipped_default` until the DPO
 * edits it, and the screen says so. The references name Belgian texts as they are commonly cited;
 * the service's counsel checks them. Fixed ids, so that demo data and tests can name them.
 */
const DEFAULT_LEGAL_BASES = [
  {
    id: '7f0c1a52-0001-4d2e-9a00-000000000001',
    code: 'necessity',
    label: L(
      'État de nécessité : danger grave et imminent pour la vie ou l’intégrité d’une personne',
      'Noodtoestand: ernstig en dreigend gevaar voor het leven of de integriteit van een persoon',
      'Notstand: ernste und unmittelbare Gefahr für Leben oder Unversehrtheit einer Person',
      'State of necessity: serious and imminent danger to a person’s life or integrity',
    ),
    reference: 'Cause de justification reconnue par la jurisprudence (à vérifier)',
  },
  {
    id: '7f0c1a52-0002-4d2e-9a00-000000000002',
    code: 'art-458bis',
    label: L(
      'Information du procureur du Roi : infraction sur un mineur ou une personne vulnérable, danger grave et imminent',
      'Informeren van de procureur des Konings: misdrijf tegen een minderjarige of kwetsbare persoon, ernstig en dreigend gevaar',
      'Unterrichtung des Prokurators des Königs: Straftat an einer minderjährigen oder schutzbedürftigen Person, ernste und unmittelbare Gefahr',
      'Informing the Crown prosecutor: offence against a minor or vulnerable person, serious and imminent danger',
    ),
    reference: 'Code pénal, art. 458bis (à vérifier)',
  },
  {
    id: '7f0c1a52-0003-4d2e-9a00-000000000003',
    code: 'art-422bis',
    label: L(
      'Assistance à une personne exposée à un péril grave',
      'Hulp aan een persoon in groot gevaar',
      'Hilfe für eine Person in großer Gefahr',
      'Assistance to a person exposed to grave danger',
    ),
    reference: 'Code pénal, art. 422bis (non-assistance à personne en danger) (à vérifier)',
  },
  {
    id: '7f0c1a52-0004-4d2e-9a00-000000000004',
    code: 'case-consultation',
    label: L(
      'Concertation de cas (CSIL-R)',
      'Casusoverleg (LIVC-R)',
      'Fallbesprechung (LIVC-R)',
      'Case consultation (local integral security cell)',
    ),
    reference: 'Code pénal, art. 458ter ; loi du 30 juillet 2018 (CSIL-R) (à vérifier)',
  },
  {
    id: '7f0c1a52-0005-4d2e-9a00-000000000005',
    code: 'legal-duty',
    label: L(
      'Obligation légale de communiquer',
      'Wettelijke verplichting tot mededeling',
      'Gesetzliche Mitteilungspflicht',
      'Legal duty to disclose',
    ),
    reference: 'Préciser la disposition légale',
  },
  {
    id: '7f0c1a52-0006-4d2e-9a00-000000000006',
    code: 'court-order',
    label: L(
      'Décision ou réquisition judiciaire, témoignage en justice',
      'Rechterlijke beslissing of vordering, getuigenis in rechte',
      'Gerichtliche Entscheidung oder Anordnung, Zeugenaussage vor Gericht',
      'Court order or judicial requisition, testimony in court',
    ),
    reference: 'Code pénal, art. 458 (témoignage en justice) ; décision à joindre au dossier (à vérifier)',
  },
]
