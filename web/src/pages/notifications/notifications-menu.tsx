import { ActionIcon, Indicator, Menu, Text, VisuallyHidden } from '@mantine/core'
import { IconBell } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { NotificationView } from '../../../../common/contracts/notifications.contracts'
import { api } from '../../api/client'
import type { Me } from '../../api/types'
import { can } from '../../auth/use-me'
import { useFormat } from '../../i18n/format'

const KEY = ['notifications'] as const

/** Where a notification leads, when the caller may open its subject there; else nowhere. */
export function subjectPath(me: Me, n: Pick<NotificationView, 'subjectType' | 'subjectId'>): string | null {
  if (n.subjectType === 'contact' && can(me, 'contact.read')) return `/contacts/${n.subjectId}`
  if (n.subjectType === 'organisation' && can(me, 'partner_directory.read')) return `/partners/${n.subjectId}`
  return null
}

/**
 * The header's bell: the unread count in its accessible name, and a menu (arrow keys, Escape) of
 * the latest notifications; choosing one marks it read and opens its subject when the caller may.
 */
export function NotificationsMenu({ me }: { me: Me }) {
  const { t } = useTranslation()
  const format = useFormat()
  const navigate = useNavigate()
  const client = useQueryClient()
  const list = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get('/api/notifications', { signal }),
    refetchInterval: 60_000,
  })
  const read = useMutation({
    mutationFn: (id: string) => api.post('/api/notifications/{id}/read', { path: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  })
  const unread = list.data?.unread ?? 0
  const items = list.data?.items ?? []
  const open = (n: NotificationView) => {
    if (!n.readAt) read.mutate(n.id)
    const path = subjectPath(me, n)
    if (path) void navigate(path)
  }
  return (
    <Menu position="bottom-end" width={340} shadow="md" withinPortal>
      <Menu.Target>
        <Indicator label={unread} size={18} disabled={unread === 0} color="red.8" offset={4}>
          <ActionIcon variant="default" size="lg" aria-label={t('notifications.menu', { count: unread })} data-testid="notifications-bell">
            <IconBell size={18} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Menu.Target>
      <Menu.Dropdown aria-label={t('notifications.title')}>
        <Menu.Label>{t('notifications.title')}</Menu.Label>
        {items.length === 0 ? (
          <Text size="sm" px="sm" py="xs">
            {t('notifications.empty')}
          </Text>
        ) : (
          items.map((n) => (
            <Menu.Item key={n.id} onClick={() => open(n)} fw={n.readAt ? 400 : 600} data-testid="notification">
              <Text size="sm" inherit>
                {t(`notifications.event.${n.event}`, { reference: n.reference })}
                {n.readAt ? null : <VisuallyHidden> ({t('notifications.unread')})</VisuallyHidden>}
              </Text>
              <Text size="xs" c="gray.7">
                {format.dateTimeShort(n.createdAt)}
                {n.forOrganisation ? ` · ${t('notifications.forOrganisation')}` : ''}
              </Text>
            </Menu.Item>
          ))
        )}
      </Menu.Dropdown>
    </Menu>
  )
}
