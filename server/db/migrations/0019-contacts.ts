import type { Kysely } from 'kysely'

/**
 * The contact point's record of each exchange (call, e-mail, walk-in, letter, web form).
 *
 * Keys: every contact has its own data key, stored in `person_keys` under the contact's id (ids
 * are UUIDs, and `person_keys` has no foreign key), whether or not it is later linked to a
 * person: erasure then works per contact (delete the key), and linking a contact to a person or
 * a case never needs re-sealing. The caller's phone and e-mail are also kept as keyed hashes
 * (`phone_index`, `email_index`) so that a repeat caller is found without reading identities.
 *
 * `queue_rank` is derived on every write: null when the contact waits for nothing, else the rank
 * of its urgency (0 immediate … 3 none) while it waits for an orientation or a call-back, so that
 * the intake queue is one index range read in order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_themes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('caller_kind', 'text', (c) => c.notNull())
    .addColumn('caller_sector', 'text')
    .addColumn('caller_sealed', 'text')
    .addColumn('phone_index', 'text')
    .addColumn('email_index', 'text')
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('description_sealed', 'text')
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('summary_sealed', 'text')
    .addColumn('orientation', 'text')
    .addColumn('referred_to_sealed', 'text')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('callback_on', 'text')
    .addColumn('callback_assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('queue_rank', 'integer')
    .addColumn('accompaniment_id', 'text', (c) => c.references('accompaniments.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finalised_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('contacts_occurred').on('contacts').columns(['occurred_at']).execute()
  await db.schema.createIndex('contacts_queue').on('contacts').columns(['queue_rank', 'occurred_at']).execute()
  await db.schema.createIndex('contacts_phone').on('contacts').columns(['phone_index', 'occurred_at']).execute()
  await db.schema.createIndex('contacts_email').on('contacts').columns(['email_index', 'occurred_at']).execute()
  await db.schema.createIndex('contacts_acc').on('contacts').columns(['accompaniment_id', 'occurred_at']).execute()
  await db.schema.createIndex('contacts_person').on('contacts').column('person_id').execute()
  await db.schema.createIndex('contacts_creator').on('contacts').columns(['created_by', 'occurred_at']).execute()
  await db.schema
    .createTable('contact_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // Field names and their old and new values, as one sealed document under the contact's key.
    .addColumn('changes_sealed', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('contact_history_contact').on('contact_history').columns(['contact_id', 'at']).execute()

  const now = new Date().toISOString()
  await db
    .insertInto('contact_themes' as never)
    .values(
      DEFAULT_THEMES.map(([code, fr, nl, de, en], position) => ({
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

/** A first list for a new service; admins rename, reorder, add or retire themes. */
const DEFAULT_THEMES: [string, string, string, string, string][] = [
  [
    'worry_relative',
    'Inquiétude pour un proche',
    'Bezorgdheid om een naaste',
    'Sorge um eine nahestehende Person',
    'Worry about a relative',
  ],
  ['online_exposure', 'Exposition en ligne', 'Online blootstelling', 'Online-Exposition', 'Online exposure'],
  [
    'conflict_zone',
    'Départ ou retour d’une zone de conflit',
    'Vertrek naar of terugkeer uit een conflictgebied',
    'Ausreise in ein oder Rückkehr aus einem Konfliktgebiet',
    'Departure to or return from a conflict zone',
  ],
  ['threat', 'Menace', 'Dreiging', 'Bedrohung', 'Threat'],
  ['school_situation', 'Situation à l’école', 'Situatie op school', 'Situation in der Schule', 'Situation at school'],
  ['detention', 'Détention, sortie de prison', 'Detentie, vrijlating', 'Haft, Entlassung', 'Detention, release from prison'],
  ['information_request', 'Demande d’information', 'Informatievraag', 'Informationsanfrage', 'Information request'],
  ['training_request', 'Demande de formation', 'Vraag naar vorming', 'Schulungsanfrage', 'Training request'],
  ['media', 'Médias', 'Media', 'Medien', 'Media'],
  ['other', 'Autre', 'Andere', 'Sonstiges', 'Other'],
]
