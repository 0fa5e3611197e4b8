import { api } from '../../api/client'
import { LabelledListPage, type LabelledListKind } from '../../components/labelled-list/labelled-list.page'
import { useThemes } from './use-contacts'

const THEMES: LabelledListKind = {
  words: 'contactThemes',
  testPrefix: 'theme',
  tableTestId: 'contact-themes',
  queryKey: 'contact-themes',
  useItems: useThemes,
  create: (body) => api.post('/api/contact-themes', { body }),
  update: (entry, body) => api.put('/api/contact-themes/{code}', { path: { code: entry.code }, body, ifMatch: entry.version }),
}

/** The admin's list of contact themes. */
export function ContactThemesPage() {
  return <LabelledListPage kind={THEMES} />
}
