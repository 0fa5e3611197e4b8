import { ActionIcon, Indicator, Popover, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { IconBell } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { NotificationView } from '../../../../common/contracts/notifications.contracts'
import { api } from '../../api/client'
import type { Me } from '../../api/types'
import { can } from '../../auth/use-me'
import { useFormat } from '../../i18n/format'
import { NOTIFICATIONS_KEY as KEY, useNotifications } from './use-notifications'

/** Where a notification leads, when the caller may open its subject there; else nowhere. */
export function subjectPath(me: Me, n: Pick<NotificationView, 'subjectType' | 'subjectId'>): string | null {
  if (n.subjectType === 'contact' && can(me, 'contact.read')) return `/contacts/${n.subjectId}`
  if (n.subjectType === 'organisation' && can(me, 'partner_directory.read')) return `/partners/${n.subjectId}`
  if (n.subjectType === 'accompaniment' && can(me, 'accompaniment.read')) return `/accompaniments/${n.subjectId}`
  return null
}

/**
 * The bell once its list is wanted: the unread count in its accessible name, and a list (Tab,
 * Escape closes) of the latest notifications; choosing one marks it read and opens its subject
 * when the caller may. It replaces the light bell of notifications-menu.tsx when that is pressed:
 * it opens at once and takes the focus the pressed bell had.
 */
export function NotificationsPopover({ me }: { me: Me }) {
  const { t } = useTranslation()
  const format = useFormat()
  const navigate = useNavigate()
  const client = useQueryClient()
  const list = useNotifications()
  const read = useMutation({
    mutationFn: (id: string) => api.post('/api/notifications/{id}/read', { path: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  })
  const [opened, setOpened] = useState(true)
  const target = useRef<HTMLButtonElement>(null)
  useEffect(() => target.current?.focus(), [])
  const unread = list.data?.unread ?? 0
  const items = list.data?.items ?? []
  const open = (n: NotificationView) => {
    setOpened(false)
    if (!n.readAt) read.mutate(n.id)
    const path = subjectPath(me, n)
    if (path) void navigate(path)
  }
  return (
    // Not in a portal: the open list stays inside the header's landmark.
    <Popover position="bottom-end" width={340} shadow="md" withinPortal={false} opened={opened} onChange={setOpened}>
      {/* The indicator wraps the target, so that the popover's ARIA attributes land on the button itself. */}
      <Indicator label={unread} size={18} disabled={unread === 0} color="red.8" offset={4}>
        <Popover.Target>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('notifications.menu', { count: unread })}
            data-testid="notifications-bell"
            ref={target}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={18} aria-hidden />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown aria-label={t('notifications.title')} p="xs">
        {items.length === 0 ? (
          <Text size="sm">{t('notifications.empty')}</Text>
        ) : (
          <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((n) => (
              <li key={n.id}>
                <UnstyledButton onClick={() => open(n)} fw={n.readAt ? 400 : 600} data-testid="notification" p={4} w="100%">
                  <Text size="sm" inherit>
                    {t(`notifications.event.${n.event}`, { reference: n.reference })}
                    {n.readAt ? null : <VisuallyHidden> ({t('notifications.unread')})</VisuallyHidden>}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {format.dateTimeShort(n.createdAt)}
                    {n.forOrganisation ? ` · ${t('notifications.forOrganisation')}` : ''}
                  </Text>
                </UnstyledButton>
              </li>
            ))}
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  )
}
