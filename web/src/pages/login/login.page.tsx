import { Alert, Paper, Stack } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import type { Me } from '../../api/types'
import { applyAccountLanguage } from '../../auth/account-language'
import { fetchMe, homePath, ME_KEY, SESSION_ENDED_KEY, useMe } from '../../auth/use-me'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { CodeStep } from './code-step'
import { CredentialsStep } from './credentials-step'

interface LoginState {
  from?: string
  expired?: boolean
  signedOut?: boolean
  activated?: boolean
}

/** Sign-in: e-mail and password, then the 6-digit code when MFA is on. */
export function LoginPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  const state = (location.state ?? {}) as LoginState
  const me = useMe()
  const [step, setStep] = useState<'credentials' | 'code'>('credentials')

  const goOn = async (user: Me | null) => {
    if (!user) return
    if (user.sessionState === 'mfa_pending') return setStep('code')
    if (user.sessionState === 'mfa_enrolment') return void navigate('/mfa/enrol', { replace: true })
    // The account's language before its first screen, so that it opens in it (issue 12).
    await applyAccountLanguage(user)
    const from = state.from && state.from !== '/login' ? state.from : homePath(user)
    void navigate(from, { replace: true })
  }

  // A session that already exists (or is half open) continues where it stands.
  useEffect(() => {
    if (me.data) void goOn(me.data)
  }, [me.data])

  const refreshMe = async () => {
    queryClient.setQueryData(SESSION_ENDED_KEY, false)
    const user = await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 })
    await goOn(user)
  }

  const onSignedIn = async (status: 'signed_in' | 'mfa_required' | 'mfa_enrolment_required') => {
    if (status === 'mfa_required') {
      setStep('code')
      return
    }
    if (status === 'mfa_enrolment_required') {
      await queryClient.invalidateQueries({ queryKey: ME_KEY })
      void navigate('/mfa/enrol', { replace: true })
      return
    }
    await refreshMe()
  }

  if (me.isPending) return <Loading />

  const notice = state.expired ? t('login.expired') : state.signedOut ? t('login.signedOut') : state.activated ? t('login.activated') : null

  return (
    <Stack>
      <PageHeader
        title={t(step === 'code' ? 'login.codeTitle' : 'login.title')}
        description={t(step === 'code' ? 'login.codeIntro' : 'login.intro')}
      />
      {notice && step === 'credentials' ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />} role="status">
          {notice}
        </Alert>
      ) : null}
      <Paper shadow="xs">
        {step === 'credentials' ? (
          <CredentialsStep onDone={onSignedIn} />
        ) : (
          <CodeStep onDone={refreshMe} onRestart={() => setStep('credentials')} />
        )}
      </Paper>
    </Stack>
  )
}
