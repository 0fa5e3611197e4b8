import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DPO_REQUEST_WARNING_DAYS } from '../../../../common/vocabulary'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { DpoRequestDeadline } from './dpo-request-deadline'

/** Before a deadline passes: the requests still to answer that are overdue or due within a week; nothing when none. */
export function DpoRequestWarningsPanel() {
  const { t } = useTranslation()
  const due = useQuery({
    queryKey: ['dpo-requests', 'due-soon'],
    queryFn: () => api.get('/api/dpo/requests', { query: { status: 'open', dueWithin: DPO_REQUEST_WARNING_DAYS, limit: 20 } }),
  })
  if (due.error) return <ErrorAlert error={due.error} />
  if (!due.data || due.data.items.length === 0) return null
  const { overdue, dueSoon } = due.data.warnings
  return (
    <Paper component="section" aria-labelledby="dpo-request-warnings-title" data-testid="dpo-request-warnings" withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4" id="dpo-request-warnings-title">
          {t('dpoRequests.warnings.title')}
        </Title>
        <Text size="sm">{t('dpoRequests.warnings.summary', { overdue, dueSoon })}</Text>
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {due.data.items.map((r) => (
            <Group component="li" key={r.id} gap="md" wrap="wrap">
              <Anchor component={Link} to={`/dpo/requests/${r.id}`}>
                <span className="mono">{r.code}</span> · {t(`dpoRequests.kinds.${r.kind}`)}
              </Anchor>
              <DpoRequestDeadline request={r} size="sm" />
            </Group>
          ))}
        </Stack>
        <Text size="sm">
          <Anchor component={Link} to="/dpo/requests">
            {t('dpoRequests.warnings.all')}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  )
}
