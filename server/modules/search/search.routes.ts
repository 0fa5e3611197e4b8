import { GlobalSearchBody, GlobalSearchResult, type SearchHit, type SearchKind } from '../../../common/contracts/search.contracts'
import { parseCaseCode } from '../../../common/person-search'
import { rolesGrant } from '../../../common/permissions'
import { defineRoute } from '../../http/define-route'
import { caseHits, partnerHits, personHits, personsFound } from './search.queries'

export const searchRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/search',
    summary:
      'The header search: cases, persons and partner organisations the caller may open, by name, beginning of a name, person or case code; each kind through its own door, skipped for roles that may not read it',
    tags: ['search'],
    // POST, so that a name typed never appears in a URL or an access log.
    body: GlobalSearchBody,
    response: GlobalSearchResult,
    allow: 'person.search',
    async handler({ body, ctx }) {
      const roles = ctx.user.roles
      const searched: SearchKind[] = [
        ...(rolesGrant(roles, 'accompaniment.read') ? (['case'] as const) : []),
        'person',
        ...(rolesGrant(roles, 'partner_directory.read') ? (['partner'] as const) : []),
      ]
      return ctx.read('search.performed', async (trx, audit) => {
        const persons = await personsFound(ctx, trx, body.q)
        // A case code finds that case (when the caller sees it); anything else, the cases of the persons found.
        const caseCode = persons.form === 'case_code' ? parseCaseCode(body.q) : null
        const cases = searched.includes('case')
          ? await caseHits(ctx, trx, caseCode ? { code: caseCode } : { personIds: persons.ids })
          : { hits: [], clients: [] }
        const people = await personHits(ctx, trx, persons.ids)
        // Codes are not names: an organisation is looked for by the words of a name only.
        const partners = searched.includes('partner') && persons.form === 'name' ? await partnerHits(trx, body.q) : []
        const items: SearchHit[] = [...cases.hits, ...people, ...partners]
        audit.shows([...cases.clients, ...people.map((p) => p.id)])
        // How the query was read and how much was shown, never what was typed.
        audit.detail({
          by: persons.form,
          compared: persons.compared,
          shown: { case: cases.hits.length, person: people.length, partner: partners.length },
        })
        return { items, searched }
      })
    },
  }),
]
