import { ActionIcon, Button, Group, Text } from '@mantine/core'
import { IconLogout } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { api } from '../api/client'
import type { Me } from '../api/types'
import { ME_KEY } from '../auth/use-me'

/**
 * The signed-in user and the way out. In a narrower header (app-layout.tsx) the name gives way
 * first, then the button's words: the button keeps its accessible name and says who is signed in
 * on hover.
 */
export function UserMenu({ me, showName = true, iconOnly = false }: { me: Me; showName?: boolean; iconOnly?: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const logout = useMutation({
    mutationFn: () => api.post('/api/auth/logout', { quiet401: true }),
    onSettled: () => {
      queryClient.clear()
      queryClient.setQueryData(ME_KEY, null)
      void navigate('/login', { replace: true, state: { signedOut: true } })
    },
  })
  if (iconOnly)
    return (
      <ActionIcon
        data-testid="logout"
        variant="default"
        size="lg"
        aria-label={t('auth.logout')}
        title={me.displayName}
        onClick={() => logout.mutate()}
        loading={logout.isPending}
      >
        <IconLogout size={18} aria-hidden />
      </ActionIcon>
    )
  return (
    <Group gap="sm" wrap="nowrap">
      {showName ? (
        <Text size="sm" fw={500} c="gray.8">
          {me.displayName}
        </Text>
      ) : null}
      <Button
        title={showName ? undefined : me.displayName}
        data-testid="logout"
        variant="default"
        size="xs"
        leftSection={<IconLogout size={16} aria-hidden />}
        onClick={() => logout.mutate()}
        loading={logout.isPending}
      >
        {t('auth.logout')}
      </Button>
    </Group>
  )
}
