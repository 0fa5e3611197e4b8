import type { Kysely } from 'kysely'
import type { DbKind } from '../database'

/**
 * The partner directory (issue 11): organisations the service orients people to, their contacts
 * and services, and the need categories services are filed under. Staff and reference data, not
 * personal data: organisations' public descriptions and their staff contacts; nothing is sealed,
 * every change is audited by the partners module.
 *
 * Ids of organisations and services are HSDS ids (uuid), kept across import and export.
 * `partner_service_coverage`: one row per area a service covers, at one of five levels
 * (national `BE`, region and province ISO 3166-2 codes, municipality slug, postcode); the index on
 * (level, code) is what "who can help near here" looks up, one probe per level of the place.
 */
export async function up(db: Kysely<unknown>, _kind: DbKind): Promise<void> {
  await db.schema
    .createTable('need_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('partner_organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('alternate_name', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('missions', 'text')
    .addColumn('goals', 'text')
    .addColumn('ethics', 'text')
    .addColumn('charter_signed_on', 'text')
    .addColumn('charter_renew_on', 'text')
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('accessibility', 'text')
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .addColumn('referral_email', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('partner_organisations_name').on('partner_organisations').column('name').execute()
  await db.schema.createIndex('partner_organisations_renewal').on('partner_organisations').column('charter_renew_on').execute()
  await db.schema
    .createTable('partner_org_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('partner_organisations.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .execute()
  await db.schema.createIndex('partner_org_contacts_org').on('partner_org_contacts').columns(['organisation_id', 'position']).execute()
  await db.schema
    .createTable('partner_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('partner_organisations.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('eligibility', 'text')
    .addColumn('capacity', 'text', (c) => c.notNull())
    .addColumn('wait_days', 'integer')
    .addColumn('fees_description', 'text')
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('minimum_age', 'integer')
    .addColumn('maximum_age', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('partner_services_org').on('partner_services').columns(['organisation_id', 'position']).execute()
  await db.schema
    .createTable('partner_service_needs')
    .addColumn('service_id', 'text', (c) => c.notNull().references('partner_services.id'))
    .addColumn('need_code', 'text', (c) => c.notNull().references('need_categories.code'))
    .addPrimaryKeyConstraint('partner_service_needs_pk', ['service_id', 'need_code'])
    .execute()
  await db.schema.createIndex('partner_service_needs_need').on('partner_service_needs').columns(['need_code', 'service_id']).execute()
  await db.schema
    .createTable('partner_service_coverage')
    .addColumn('service_id', 'text', (c) => c.notNull().references('partner_services.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_service_coverage_pk', ['service_id', 'level', 'code'])
    .execute()
  await db.schema
    .createIndex('partner_service_coverage_area')
    .on('partner_service_coverage')
    .columns(['level', 'code', 'service_id'])
    .execute()

  const now = new Date().toISOString()
  await db
    .insertInto('need_categories' as never)
    .values(
      NEEDS.map(([code, fr, nl, de, en], position) => ({
        code,
        labels: JSON.stringify({ fr, nl, de, en }),
        active: 1,
        position,
        updated_at: now,
        version: 1,
      })) as never,
    )
    .execute()
}

/** A first taxonomy (issue 11's list and what orientation in Belgium commonly needs); admins edit it. */
const NEEDS: [string, string, string, string, string][] = [
  ['mental_health', 'Santé mentale', 'Geestelijke gezondheid', 'Psychische Gesundheit', 'Mental health'],
  ['housing', 'Logement', 'Huisvesting', 'Wohnen', 'Housing'],
  ['training', 'Formation', 'Opleiding', 'Ausbildung', 'Training'],
  ['employment', 'Emploi', 'Werk', 'Beschäftigung', 'Employment'],
  ['family_support', 'Soutien aux familles', 'Gezinsondersteuning', 'Familienunterstützung', 'Family support'],
  ['youth_work', 'Travail de jeunesse', 'Jeugdwerk', 'Jugendarbeit', 'Youth work'],
  ['religious_guidance', 'Accompagnement religieux', 'Religieuze begeleiding', 'Religiöse Begleitung', 'Religious guidance'],
  ['victim_support', 'Aide aux victimes', 'Slachtofferhulp', 'Opferhilfe', 'Victim support'],
  ['legal_aid', 'Aide juridique', 'Juridische bijstand', 'Rechtshilfe', 'Legal aid'],
  ['addiction', 'Assuétudes', 'Verslaving', 'Sucht', 'Addiction'],
  ['education', 'Scolarité', 'Onderwijs', 'Schulbildung', 'Education'],
  ['social_assistance', 'Aide sociale', 'Maatschappelijke dienstverlening', 'Sozialhilfe', 'Social assistance'],
  ['justice_support', 'Suivi judiciaire', 'Justitiële begeleiding', 'Justizbegleitung', 'Justice support'],
  ['prevention', 'Prévention', 'Preventie', 'Prävention', 'Prevention'],
]
