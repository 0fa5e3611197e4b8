import type { StudyView } from '../../../common/contracts/studies.contracts'
import { fromJson } from '../../db/json'
import type { Actor, Row, Trx } from '../../http/context'
import { fail } from '../../http/errors'

type StudyRow = Row<'studies'>
/** Who asks: the parts of the signed-in user the rules read. */
export type StudyReader = Pick<Actor, 'userId' | 'roles' | 'teamIds'>

/**
 * The studies a user may read: the DPO all of them, a lead their teams', a researcher those they
 * are named on. A user with several roles sees the union; anyone else sees none.
 */
export function visibleStudies(trx: Trx, user: StudyReader) {
  return trx.selectFrom('studies').where((eb) => {
    if (user.roles.includes('dpo')) return eb.lit(true)
    const ors = []
    if (user.roles.includes('lead') && user.teamIds.length > 0) ors.push(eb('studies.team_id', 'in', user.teamIds))
    if (user.roles.includes('researcher'))
      ors.push(
        eb.exists(
          eb
            .selectFrom('study_researchers')
            .select('study_researchers.study_id')
            .whereRef('study_researchers.study_id', '=', 'studies.id')
            .where('study_researchers.user_id', '=', user.userId),
        ),
      )
    return ors.length > 0 ? eb.or(ors) : eb.lit(false)
  })
}

export async function presentStudies(trx: Trx, rows: StudyRow[]): Promise<StudyView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const researchers = await trx
    .selectFrom('study_researchers')
    .innerJoin('users', 'users.id', 'study_researchers.user_id')
    .select(['study_researchers.study_id', 'users.id', 'users.display_name'])
    .where('study_researchers.study_id', 'in', ids)
    .orderBy('users.display_name')
    .execute()
  const userIds = [...new Set(rows.flatMap((r) => [r.created_by, r.decided_by, r.closed_by].filter((u): u is string => u !== null)))]
  const users = await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()
  const names = new Map(users.map((u) => [u.id, u.display_name]))
  const teams = await trx
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(rows.map((r) => r.team_id))])
    .execute()
  const teamNames = new Map(teams.map((t) => [t.id, t.name]))
  const person = (id: string) => ({ id, displayName: names.get(id) ?? '' })
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    teamId: r.team_id,
    teamName: teamNames.get(r.team_id) ?? '',
    title: r.title,
    question: r.question,
    protocol: r.protocol,
    approvingBody: r.approving_body,
    approvalReference: r.approval_reference,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    variables: fromJson(r.variables),
    researchers: researchers.filter((x) => x.study_id === r.id).map((x) => ({ id: x.id, displayName: x.display_name })),
    status: r.status,
    createdBy: person(r.created_by),
    createdAt: r.created_at,
    decidedBy: r.decided_by ? person(r.decided_by) : null,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    k: Number(r.k),
    closedBy: r.closed_by ? person(r.closed_by) : null,
    closedAt: r.closed_at,
  }))
}

/** One study the user may read; not found otherwise (whether it exists is not told). */
export async function loadStudy(trx: Trx, user: StudyReader, id: string): Promise<StudyView> {
  const row = await visibleStudies(trx, user).selectAll('studies').where('studies.id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const [view] = await presentStudies(trx, [row])
  if (!view) throw fail('resource.not_found')
  return view
}

/**
 * The study an extract may be taken for, or null: it must be approved, `today` (a service day,
 * YYYY-MM-DD) must lie within its dates, both included, and the user must be one of its
 * researchers or the DPO. Nothing is extractable before approval, nor after the study's end.
 */
export async function extractableStudy(
  trx: Trx,
  user: Pick<Actor, 'userId' | 'roles'>,
  studyId: string,
  today: string,
): Promise<StudyView | null> {
  const row = await trx
    .selectFrom('studies')
    .selectAll()
    .where('id', '=', studyId)
    .where('status', '=', 'approved')
    .where('starts_on', '<=', today)
    .where('ends_on', '>=', today)
    .executeTakeFirst()
  if (!row) return null
  if (!user.roles.includes('dpo')) {
    if (!user.roles.includes('researcher')) return null
    const named = await trx
      .selectFrom('study_researchers')
      .select('user_id')
      .where('study_id', '=', studyId)
      .where('user_id', '=', user.userId)
      .executeTakeFirst()
    if (!named) return null
  }
  const [view] = await presentStudies(trx, [row])
  return view ?? null
}
