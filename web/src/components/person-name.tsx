import './person-name.css'
import { useTranslation } from 'react-i18next'
import type { ClientName } from '../../../common/contracts/names.contracts'
import { initialsOf, usePrivacyScreen } from './person-name.hooks'

/**
 * A client's name where people work (My day, the calendar, the lead's dashboard). Behind the
 * privacy screen it shows initials until hovered or focused: on its own it takes the focus itself
 * (a keyboard user tabs onto it to read it); inside a link (`inLink`) the link's focus reveals it,
 * since nothing focusable may sit inside a link.
 */
export function PersonName({ name, inLink = false }: { name: ClientName | undefined; inLink?: boolean }) {
  const { t } = useTranslation()
  const { masked } = usePrivacyScreen()
  if (!name) return null
  const full = `${name.firstName} ${name.lastName}`
  if (!masked) {
    return (
      <span className="person-name" data-testid="person-name">
        {full}
      </span>
    )
  }
  return (
    <span
      className="person-name person-name--masked"
      data-testid="person-name"
      data-masked="true"
      tabIndex={inLink ? undefined : 0}
      title={inLink ? undefined : t('names.reveal')}
    >
      <span className="person-name__initials">{initialsOf(name)}</span>
      <span className="person-name__full">{full}</span>
    </span>
  )
}
