import './duties.css'
import { Alert, Paper, Stack, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { Pager } from '../../components/pager'
import { RoleRequestItem } from './role-request-item'
import { ROLE_REQUESTS_KEY, usePendingRequests } from './use-role-requests'

const LIMIT = 20

/**
 * Roles and teams an admin asked for, waiting for a second person: another admin or the DPO
 * confirms or refuses them. The server says who may confirm (never the one who asked, nor the
 * user concerned); this list only explains why a button is missing.
 */
export function RoleRequestsPanel() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const queryClient = useQueryClient()
  const [offset, setOffset] = useState(0)
  const [done, setDone] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const list = usePendingRequests(LIMIT, offset)

  /** The decided request leaves the list: say so, and put the keyboard back at the top of the list. */
  const decided = (message: string) => {
    setDone(message)
    void queryClient.invalidateQueries({ queryKey: ROLE_REQUESTS_KEY }).then(() => heading.current?.focus())
  }

  return (
    <Paper component="section" aria-labelledby="role-requests-title" data-testid="role-requests">
      <Stack gap="sm">
        <Title order={2} size="h4" id="role-requests-title" ref={heading} tabIndex={-1}>
          {t('duties.requests.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('duties.requests.intro')}
        </Text>
        <div className="live-region" aria-live="polite">
          {done ? (
            <Alert color="green" variant="light" role="status">
              {done}
            </Alert>
          ) : null}
        </div>
        <ErrorAlert error={list.error} />
        {list.isPending ? (
          <Loading />
        ) : list.data?.items.length ? (
          <Stack gap="sm">
            <Stack component="ul" gap="sm" className="plain-list">
              {list.data.items.map((r) => (
                <RoleRequestItem key={`${r.id}-${r.version}`} request={r} meId={me?.id} onDecided={decided} />
              ))}
            </Stack>
            <Pager total={list.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
          </Stack>
        ) : (
          <Text role="status">{t('duties.requests.none')}</Text>
        )}
      </Stack>
    </Paper>
  )
}
