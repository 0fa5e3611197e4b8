import { ActionIcon, Indicator } from '@mantine/core'
import { IconBell } from '@tabler/icons-react'
import { Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me } from '../../api/types'
import { lazyNamed } from '../../components/lazy-page'
import { withAllTranslations } from '../../i18n'
import { useNotifications } from './use-notifications'

// A notification names what it is about in the words of its screen: every French area first.
const loadPopover = () => withAllTranslations(import('./notifications-popover'))
const NotificationsPopover = lazyNamed<'NotificationsPopover', { me: Me }>(loadPopover, 'NotificationsPopover')

/**
 * The header's bell, light: the unread count in its accessible name. The list and its popover
 * (floating-ui, focus handling) are another chunk, fetched when the pointer or the focus reaches
 * the bell and shown open when it is pressed, so that no page's first paint waits for them.
 */
export function NotificationsMenu({ me }: { me: Me }) {
  const { t } = useTranslation()
  const list = useNotifications()
  const [wanted, setWanted] = useState(false)
  const unread = list.data?.unread ?? 0
  const prefetch = () => void loadPopover().catch(() => undefined)
  const bell = (
    <Indicator label={unread} size={18} disabled={unread === 0} color="red.8" offset={4}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={t('notifications.menu', { count: unread })}
        aria-haspopup="dialog"
        aria-expanded={false}
        data-testid="notifications-bell"
        onPointerEnter={prefetch}
        onFocus={prefetch}
        onClick={() => setWanted(true)}
      >
        <IconBell size={18} aria-hidden />
      </ActionIcon>
    </Indicator>
  )
  if (!wanted) return bell
  return (
    <Suspense fallback={bell}>
      <NotificationsPopover me={me} />
    </Suspense>
  )
}
