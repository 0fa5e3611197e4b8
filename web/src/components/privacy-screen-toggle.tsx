import { ActionIcon } from '@mantine/core'
import { IconEye, IconEyeOff } from '@tabler/icons-react'
import { Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Hint } from './hint'
import { lazyNamed } from './lazy-page'
import { usePrivacyScreen, useSetPrivacyScreen } from './person-name.hooks'

// The phone menu's labelled switch (Mantine's Switch and Input) is fetched when the menu shows it.
const PrivacyScreenSwitch = lazyNamed(() => import('./privacy-screen-switch'), 'PrivacyScreenSwitch')

/**
 * Whether names are masked, and the way to change it. The switch follows the hand in the same
 * render as the click: the cached answer changes only after the mutation's asynchronous start,
 * and meanwhile React would put a controlled checkbox back where it was (CI saw a click that
 * "did not change its state").
 */
export function usePrivacyChoice() {
  const { masked: saved, loaded } = usePrivacyScreen()
  const set = useSetPrivacyScreen()
  const [wanted, setWanted] = useState<boolean | null>(null)
  const choose = (value: boolean) => {
    setWanted(value)
    set.mutate(value, { onSettled: () => setWanted(null) })
  }
  return { masked: wanted ?? saved, loaded, choose }
}

/**
 * The one-click privacy screen, in the header of every signed-in page for staff who see client
 * names: masks every client name on screen to initials, for this user on any computer. In the
 * desktop header, where room is short, it is an icon button that works as a switch (its name
 * in a hint and for screen readers); in the phone menu, a labelled switch. The account page
 * explains it and offers going back to the service's setting.
 */
export function PrivacyScreenToggle({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  const { masked, loaded, choose } = usePrivacyChoice()
  if (!compact)
    return (
      <Suspense fallback={null}>
        <PrivacyScreenSwitch />
      </Suspense>
    )
  const label = t('names.privacyScreen')
  return (
    <Hint label={label}>
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
    </Hint>
  )
}
