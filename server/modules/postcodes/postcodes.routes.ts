import { PostcodeList, PostcodeQuery } from '../../../common/contracts/persons.contracts'
import { defineRoute } from '../../http/define-route'
import { searchPostcodes } from './postcodes.data'

export const postcodeRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/postcodes',
    summary: 'Belgian postcodes and localities, by number or name prefix',
    tags: ['reference'],
    query: PostcodeQuery,
    response: PostcodeList,
    allow: 'authenticated',
    async handler({ query }) {
      return { items: searchPostcodes(query.q) }
    },
  }),
]
