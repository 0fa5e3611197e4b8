import { PersonCaseList } from '../../../common/contracts/accompaniments.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { accessOf } from '../../security/case-access'
import { casesOfPerson } from '../../security/person-cases'
import { openPerson } from '../../security/person-access'
import { workersOf } from '../accompaniments/accompaniments.queries'

export const personCaseRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/persons/:id/cases',
    summary:
      "A person's cases that the caller may see (kind, status, workers, dates), and only whether other cases of theirs exist (404 unless the caller may read the person)",
    tags: ['persons'],
    params: IdParams,
    response: PersonCaseList,
    allow: 'person.read',
    async handler({ params, ctx }) {
      return ctx.read('person.cases_viewed', async (trx, audit) => {
        audit.subject('person', params.id)
        // Through the persons door first: a person one may not read has no cases to list.
        await openPerson(trx, ctx.user, params.id)
        const { visible, othersExist } = await casesOfPerson(trx, ctx.user, params.id)
        const ids = visible.map((c) => c.id)
        const [workers, access] = await Promise.all([workersOf(trx, ids), accessOf(trx, ctx.user, visible)])
        // The clients of the cases listed (a relative, on the page of the person concerned) are shown by id.
        audit.shows([params.id, ...visible.map((c) => c.person_id)]).detail({ shown: ids, othersExist })
        return {
          othersExist,
          items: visible.map((c) => ({
            id: c.id,
            code: c.code,
            kind: c.kind,
            status: c.status,
            framework: c.framework,
            role: c.person_id === params.id ? ('client' as const) : ('concerned' as const),
            workers: workers
              .filter((w) => w.accompaniment_id === c.id)
              .sort((a, b) => (a.role === b.role ? a.display_name.localeCompare(b.display_name) : a.role === 'primary' ? -1 : 1))
              .map((w) => ({ userId: w.user_id, name: w.display_name, role: w.role })),
            openedAt: c.created_at,
            updatedAt: c.updated_at,
            access: access.get(c.id) ?? 'emergency',
          })),
        }
      })
    },
  }),
]
