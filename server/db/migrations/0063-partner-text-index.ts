import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'

/**
 * An index for the free text of "who can help near here" (`search_text like '%…%'`, migration
 * 0028). Without it every listed service's folded text was read to find and count the matches: a
 * common word such as "médiation", found in a third of a 20,000-service directory, took 17.5 ms at
 * p50 (23.6 at p95) on SQLite and 38.8 ms (47.6) on PostgreSQL on the 2-core development machine.
 *
 * - PostgreSQL: a trigram GIN index (`pg_trgm`, a trusted extension since PostgreSQL 13, so the
 *   database's owner may create it). The query is unchanged; the planner uses the index for a
 *   `like` of three characters or more. Where the extension cannot be created the search still
 *   answers, by reading every text as before, and a notice says why.
 * - SQLite: an FTS5 table with the trigram tokenizer (`partner_service_text`), whose `like` reads
 *   the index. FTS5 needs an integer row id and a service's id is text, so
 *   `partner_service_text_docs` numbers the services (an integer primary key, which VACUUM keeps).
 *   Triggers on `partner_services` keep both in step with every writer: the editor, a partner's
 *   update, the HSDS import and the bench's seed. Two indexes serve the other two ways text is
 *   searched: the ranking's order with nulls last spelt out (a common word's first page), and each
 *   service's text by id (checked on the candidates of a place or a need).
 *
 * Free text alone is counted up to PARTNER_COUNT_CAP (partners.search.ts).
 */
export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  if (kind === 'postgres') {
    await sql`do $$ begin
      create extension if not exists pg_trgm;
    exception when others then
      raise notice 'pg_trgm could not be created (%): the free-text partner search reads every text', sqlerrm;
    end $$`.execute(db)
    await sql`do $$ begin
      if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index partner_services_search_text on partner_services using gin (search_text gin_trgm_ops);
      end if;
    end $$`.execute(db)
    return
  }
  // The text of one candidate (a place or a need has narrowed the services) read from the index
  // alone, not from the row with its descriptions and lists. Not on PostgreSQL: a B-tree entry is
  // limited to about 2,700 bytes, which a long description would exceed.
  await sql`create index partner_services_id_text on partner_services (id, search_text)`.execute(db)
  // The ranking's order as SQLite can walk it (nulls last spelt `wait_days is null`): a common word's
  // first 50 services are then the first matches met, with no sort of all of them.
  await sql`create index partner_services_text_rank on partner_services (listed, capacity_rank, wait_days is null, wait_days, organisation_name, id)`.execute(
    db,
  )
  await sql`create table partner_service_text_docs (id integer primary key, service_id text not null unique)`.execute(db)
  await sql`create virtual table partner_service_text using fts5(search_text, tokenize = 'trigram')`.execute(db)
  await sql`insert into partner_service_text_docs (service_id) select id from partner_services order by id`.execute(db)
  await sql`insert into partner_service_text (rowid, search_text)
    select d.id, s.search_text from partner_service_text_docs d join partner_services s on s.id = d.service_id`.execute(db)
  await sql`create trigger partner_services_text_insert after insert on partner_services begin
    insert into partner_service_text_docs (service_id) values (new.id);
    insert into partner_service_text (rowid, search_text)
      select id, new.search_text from partner_service_text_docs where service_id = new.id;
  end`.execute(db)
  await sql`create trigger partner_services_text_update after update of id, search_text on partner_services begin
    update partner_service_text_docs set service_id = new.id where service_id = old.id;
    update partner_service_text set search_text = new.search_text
      where rowid = (select id from partner_service_text_docs where service_id = new.id);
  end`.execute(db)
  await sql`create trigger partner_services_text_delete after delete on partner_services begin
    delete from partner_service_text where rowid = (select id from partner_service_text_docs where service_id = old.id);
    delete from partner_service_text_docs where service_id = old.id;
  end`.execute(db)
}
