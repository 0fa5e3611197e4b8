import type { Kysely } from 'kysely'

/**
 * Orientation to partners (issue 11): consents, referrals with their sealed copies, feedback, the
 * partner staff's organisation, and the notifications shown in the app and mailed.
 *
 * `users.organisation_id`: a `partner` user belongs to one partner organisation; it is what scopes
 * the partner portal to the referrals addressed to that organisation.
 *
 * `consents`: the registry. A consent (or another recorded legal basis from the DPO's list) is for
 * one purpose and one recipient organisation, given by whom, when, how, for which fields (scope,
 * JSON list) and until when. Withdrawal is a timestamp, never a deletion: the register must show
 * what was agreed and when it ended. Its note is sealed with the key of `key_id` (the case
 * client's, or a contact's own).
 *
 * `referrals`: from a case or a contact to a partner's service. The worker's own fields (reason,
 * what is asked) are sealed with the key of `key_id`. What the partner sees is `copy_sealed`: one
 * document sealed with the referral's *own* key (person_keys under the referral id): a copy taken
 * when the referral is sent, so later edits to the case do not leak into it, and destroying that
 * key (withdrawal, expiry, end) shreds the copy even where a backup still holds the row.
 * `code` is the pseudonymous reference that e-mails carry; it names no one.
 *
 * `referral_feedback`: notes either side writes, sealed with the key of `key_id` (the case's side
 * keeps them after the partner's copy is shredded). `referral_events`: the lifecycle, no content.
 *
 * `notifications`: an event for a user or for an organisation's partner staff, shown in the app.
 * `mail_outbox`: the same event as an e-mail without personal data (event, reference code, link),
 * queued in the database and sent by a background job with retries; `dedupe_key` makes a
 * scheduled event (a charter renewal, a call-back due) enqueue once.
 *
 * No foreign keys to cases or contacts (erasure deletes in one step, as in 0025).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('organisation_id', 'text', (c) => c.references('partner_organisations.id'))
    .execute()
  await db.schema.createIndex('users_organisation').on('users').column('organisation_id').execute()

  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('partner_organisations.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('legal_basis_id', 'text', (c) => c.references('legal_bases.id'))
    .addColumn('given_by', 'text', (c) => c.notNull())
    .addColumn('given_on', 'text', (c) => c.notNull())
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('note_sealed', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('consents_case').on('consents').columns(['accompaniment_id', 'recorded_at']).execute()
  await db.schema.createIndex('consents_contact').on('consents').columns(['contact_id', 'recorded_at']).execute()
  await db.schema.createIndex('consents_expiry').on('consents').columns(['expires_on', 'withdrawn_at']).execute()

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('accompaniment_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('partner_organisations.id'))
    .addColumn('service_id', 'text', (c) => c.references('partner_services.id'))
    .addColumn('consent_id', 'text', (c) => c.references('consents.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('shared', 'text', (c) => c.notNull())
    .addColumn('reason_sealed', 'text', (c) => c.notNull())
    .addColumn('request_sealed', 'text')
    .addColumn('summary_sealed', 'text')
    .addColumn('copy_sealed', 'text')
    .addColumn('decline_reason_sealed', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('shredded_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('referrals_case').on('referrals').columns(['accompaniment_id', 'created_at']).execute()
  await db.schema.createIndex('referrals_contact').on('referrals').columns(['contact_id', 'created_at']).execute()
  await db.schema.createIndex('referrals_inbox').on('referrals').columns(['organisation_id', 'status', 'sent_at']).execute()
  await db.schema.createIndex('referrals_consent').on('referrals').column('consent_id').execute()

  await db.schema
    .createTable('referral_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('note_sealed', 'text', (c) => c.notNull())
    .addColumn('written_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('referral_feedback_referral').on('referral_feedback').columns(['referral_id', 'written_at']).execute()

  await db.schema
    .createTable('referral_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .execute()
  await db.schema.createIndex('referral_events_referral').on('referral_events').columns(['referral_id', 'at']).execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('organisation_id', 'text', (c) => c.references('partner_organisations.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at']).execute()
  await db.schema.createIndex('notifications_organisation').on('notifications').columns(['organisation_id', 'created_at']).execute()

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute()
}
