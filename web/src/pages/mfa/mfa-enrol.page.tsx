import { Button, Group, Paper, Stack } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate } from 'react-router'
import { api } from '../../api/client'
import { applyAccountLanguage } from '../../auth/account-language'
import { fetchMe, homePath, ME_KEY, useMe } from '../../auth/use-me'
import { Loading } from '../../components/loading'
import { MfaEnrolment } from '../../components/mfa-enrolment'
import { PageHeader } from '../../components/page-header'

/** Required MFA set-up: until it is done, the session can do nothing else. */
export function MfaEnrolPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const me = useMe()
  const logout = useMutation({
    mutationFn: () => api.post('/api/auth/logout', { quiet401: true }),
    onSettled: () => {
      queryClient.setQueryData(ME_KEY, null)
      void navigate('/login', { replace: true })
    },
  })

  if (me.isPending) return <Loading />
  if (!me.data) return <Navigate to="/login" replace />
  if (me.data.sessionState === 'active' && me.data.mfaEnabled) return <Navigate to={homePath(me.data)} replace />

  const done = async () => {
    const user = await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 })
    if (!user) return
    await applyAccountLanguage(user)
    void navigate(homePath(user), { replace: true })
  }

  return (
    <Stack>
      <PageHeader title={t('mfa.requiredTitle')} description={t('mfa.requiredIntro')} />
      <Paper shadow="xs">
        <MfaEnrolment onDone={done} />
      </Paper>
      <Group justify="flex-end">
        <Button variant="subtle" onClick={() => logout.mutate()} loading={logout.isPending}>
          {t('auth.logout')}
        </Button>
      </Group>
    </Stack>
  )
}
