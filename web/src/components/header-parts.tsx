import { Button, Group, Text } from '@mantine/core'
import { IconLogout } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { api } from '../api/client'
import type { Me } from '../api/types'
import { ME_KEY } from '../auth/use-me'

export function UserMenu({ me }: { me: Me }) {
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
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" fw={500} c="gray.8">
        {me.displayName}
      </Text>
      <Button
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
