import './person-name.css'
import { ActionIcon, Switch, Tooltip } from '@mantine/core'
import { IconEye, IconEyeOff } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClientName } from '../../../common/contracts/names.contracts'
import { initialsOf, usePrivacyScreen, useSetPrivacyScreen } from './person-name.hooks'

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

/**
 * The one-click privacy screen, in the header of every signed-in page for staff who see client
 * names: masks every client name on screen to initials, for this user on any computer. In the
 * desktop header, where room is short, it is an icon button that works as a switch (its name
 * in a tooltip and for screen readers); in the phone menu, a labelled switch. The account page
 * explains it and offers going back to the service's setting.
 */
export function PrivacyScreenToggle({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  const { masked: saved, loaded } = usePrivacyScreen()
  const set = useSetPrivacyScreen()
  // The switch follows the hand in the same render as the click. The cached answer changes only
  // after the mutation's asynchronous start, and meanwhile React would put a controlled checkbox
  // back where it was (CI saw a click that "did not change its state").
  const [wanted, setWanted] = useState<boolean | null>(null)
  const masked = wanted ?? saved
  const choose = (value: boolean) => {
    setWanted(value)
    set.mutate(value, { onSettled: () => setWanted(null) })
  }
  const label = t('names.privacyScreen')
  if (compact) {
    return (
      // Inside the header (not a portal), so that the tooltip belongs to the banner landmark.
      <Tooltip label={label} events={{ hover: true, focus: true, touch: false }} withinPortal={false}>
        <ActionIcon
          role="switch"
          aria-checked={masked}
          aria-label={label}
          variant={masked ? 'filled' : 'default'}
          size="lg"
          disabled={!loaded}
          onClick={() => choose(!masked)}
          data-testid="privacy-screen"
        >
          {masked ? <IconEyeOff size={18} aria-hidden /> : <IconEye size={18} aria-hidden />}
        </ActionIcon>
      </Tooltip>
    )
  }
  return (
    <Switch
      size="sm"
      checked={masked}
      disabled={!loaded}
      onChange={(e) => choose(e.currentTarget.checked)}
      label={label}
      data-testid="privacy-screen"
    />
  )
}
