import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core'
import { IconCalendarPlus, IconCheck, IconCopy } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, type ResponseOf } from '../../api/client'
import { ConfirmButton } from '../../components/confirm-button'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'

type Issued = ResponseOf<'/api/me/calendar-feed', 'post'>

const KEY = ['me', 'calendar-feed']

/**
 * The calendar feed (issue 12): a secret address for the user's calendar application. The service
 * keeps only a hash of it, so the address is shown once, right after it is made; making it again
 * replaces it (the former stops working), revoking ends it.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const client = useQueryClient()
  const status = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get('/api/me/calendar-feed', { signal }) })
  const [issued, setIssued] = useState<Issued | null>(null)
  const [revoked, setRevoked] = useState(false)
  // The buttons pressed vanish once done: the focus goes to what replaced them (the new address, selected, or the button that makes one).
  const urlRef = useRef<HTMLInputElement>(null)
  const createRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (issued) urlRef.current?.focus()
  }, [issued])
  useEffect(() => {
    if (revoked) createRef.current?.focus()
  }, [revoked])
  const make = useMutation({
    mutationFn: () => api.post('/api/me/calendar-feed'),
    onSuccess: (data) => {
      setIssued(data)
      setRevoked(false)
      client.setQueryData(KEY, { active: true, createdAt: data.createdAt })
    },
  })
  const revoke = useMutation({
    mutationFn: () => api.delete('/api/me/calendar-feed'),
    onSuccess: () => {
      setIssued(null)
      setRevoked(true)
      client.setQueryData(KEY, { active: false, createdAt: null })
    },
  })

  if (status.error) return <ErrorAlert error={status.error} />
  if (!status.data) return <Loading />
  const { active, createdAt } = status.data

  return (
    <Stack gap="md" data-testid="calendar-feed">
      <Text>{t('accountSettings.feedIntro')}</Text>
      <Text fw={500}>{t('accountSettings.feedPrivacy')}</Text>
      <Text size="sm">{t('accountSettings.feedSecret')}</Text>
      <div className="live-region" aria-live="polite">
        {issued ? (
          <Alert color="petrol" variant="light" role="status" title={t('accountSettings.feedNew')}>
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput
                label={t('accountSettings.feedUrl')}
                description={t('accountSettings.feedUrlHelp')}
                value={issued.url}
                readOnly
                ref={urlRef}
                onFocus={(e) => e.currentTarget.select()}
                classNames={{ input: 'mono' }}
                data-testid="calendar-feed-url"
                flex={1}
                miw={240}
              />
              <CopyButton value={issued.url} timeout={3000}>
                {({ copied, copy }) => (
                  <Button
                    onClick={copy}
                    variant={copied ? 'light' : 'filled'}
                    leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                  >
                    {t(copied ? 'accountSettings.copied' : 'accountSettings.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        ) : revoked ? (
          <Text role="status">{t('accountSettings.feedRevoked')}</Text>
        ) : null}
      </div>
      {active && !issued ? (
        <Text data-testid="calendar-feed-status">
          {t('accountSettings.feedActive', { date: fmt.date(createdAt) })} {t('accountSettings.feedShownOnce')}
        </Text>
      ) : null}
      {!active && !revoked ? <Text data-testid="calendar-feed-status">{t('accountSettings.feedNone')}</Text> : null}
      <ErrorAlert error={make.error ?? revoke.error} />
      <Group gap="sm" align="flex-start">
        {active ? (
          <>
            <ConfirmButton
              variant="default"
              label={t('accountSettings.feedReplace')}
              question={t('accountSettings.feedReplaceQuestion')}
              onConfirm={() => make.mutate()}
              loading={make.isPending}
            />
            <ConfirmButton
              variant="default"
              color="red"
              label={t('accountSettings.feedRevoke')}
              question={t('accountSettings.feedRevokeQuestion')}
              onConfirm={() => revoke.mutate()}
              loading={revoke.isPending}
            />
          </>
        ) : (
          <Button
            ref={createRef}
            leftSection={<IconCalendarPlus size={18} aria-hidden />}
            onClick={() => make.mutate()}
            loading={make.isPending}
          >
            {t('accountSettings.feedCreate')}
          </Button>
        )}
      </Group>
    </Stack>
  )
}
