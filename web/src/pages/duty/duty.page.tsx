import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { useFormat } from '../../i18n/format'
import { EmergencyPathPanel } from './emergency-path-panel'
import { HoursEditor } from './hours-editor'
import { PathEditor } from './path-editor'
import { RotaEditor } from './rota-editor'
import { useDutyNow, useEmergencyPath, useHours, useSaveDuty } from './use-duty'

export { EmergencyPathPanel } from './emergency-path-panel'

function Block({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md" radius="md">
      <Title order={2} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  )
}

/** The lead's settings of the line: who is on duty now, opening hours, rota and emergency path. */
export function DutyPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const now = useDutyNow()
  const hours = useHours()
  const path = useEmergencyPath()
  const save = useSaveDuty()
  return (
    <Stack gap="lg">
      <PageHeader title={t('duty.title')} description={t('duty.intro')} />
      <ErrorAlert error={now.error ?? hours.error ?? path.error} />
      {now.data ? (
        <Group gap="sm" data-testid="duty-now">
          <Badge color={now.data.open ? 'green' : 'gray'} c={now.data.open ? undefined : 'gray.8'} variant="light" radius="sm" size="lg">
            {t(now.data.open ? 'duty.now.open' : 'duty.now.closed')}
          </Badge>
          <Text>{now.data.onDuty ? t('duty.now.onDuty', { name: now.data.onDuty.displayName }) : t('duty.now.nobody')}</Text>
          {now.data.next ? (
            <Text c="gray.8">
              {t('duty.now.next', {
                name: now.data.next.displayName,
                date: fmt.date(now.data.next.date),
                half: t(`duty.halves.${now.data.next.half}`),
              })}
            </Text>
          ) : null}
        </Group>
      ) : null}
      <Block id="duty-hours" title={t('duty.hours.title')}>
        {hours.data ? <HoursEditor key={hours.data.version} hours={hours.data} save={save.hours} /> : <Loading />}
      </Block>
      <Block id="duty-rota" title={t('duty.rota.title')}>
        {now.data ? <RotaEditor from={now.data.localDate} days={14} /> : <Loading />}
      </Block>
      <Block id="duty-path" title={t('duty.path.title')}>
        <Stack gap="md">
          {path.data ? <PathEditor key={path.data.version} path={path.data} save={save.path} /> : <Loading />}
          <Text fw={600}>{t('duty.path.preview')}</Text>
          <EmergencyPathPanel />
        </Stack>
      </Block>
    </Stack>
  )
}
