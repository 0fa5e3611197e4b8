import { api } from '../../api/client'
import { LabelledListPage, type LabelledListKind } from '../../components/labelled-list/labelled-list.page'
import { useNeedCategories } from './use-partners'

const NEEDS: LabelledListKind = {
  words: 'partners.needCategories',
  testPrefix: 'need',
  tableTestId: 'need-categories',
  queryKey: 'need-categories',
  useItems: useNeedCategories,
  create: (body) => api.post('/api/need-categories', { body }),
  update: (entry, body) => api.put('/api/need-categories/{code}', { path: { code: entry.code }, body, ifMatch: entry.version }),
}

/** The admin's list of need categories of the partner directory. */
export function NeedCategoriesPage() {
  return <LabelledListPage kind={NEEDS} />
}
