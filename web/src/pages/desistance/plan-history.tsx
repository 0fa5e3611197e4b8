import { Badge, Button, Drawer, Group, List, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useReturnFocus } from '../../components/return-focus'
import { useFormat } from '../../i18n/format'
import { changesBetween } from './plan-changes'
import { PlanReadOnly } from './plan-view'
import type { PlanView } from './plan-vocabulary'
import { usePlanHistory, usePlanVersion } from './use-plan'

function Changes({ accompanimentId, version }: { accompanimentId: string; version: PlanView }) {
  const { t } = useTranslation()
  const previous = usePlanVersion(accompanimentId, version.version > 1 ? version.version - 1 : null)
  if (version.version === 1) return <Text size="sm">{t('plan.change.first')}</Text>
  if (!previous.data) return previous.error ? <ErrorAlert error={previous.error} /> : <Loading />
  const changes = changesBetween(previous.data, version)
  if (changes.length === 0) return <Text size="sm">{t('plan.change.none')}</Text>
  return (
    <List size="sm" spacing={4} data-testid="plan-changes">
      {changes.map((c, i) => (
        <List.Item key={i}>
          {t(c.key, {
            ...c.values,
            status: c.values.status ? t(`plan.${c.key === 'plan.change.agreement' ? 'agreement' : 'status'}.${c.values.status}`) : '',
          })}
        </List.Item>
      ))}
    </List>
  )
}

/** Earlier versions of the plan, readable exactly as they were saved. */
export function PlanHistory({ accompanimentId, opened, onClose }: { accompanimentId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const history = usePlanHistory(accompanimentId, opened)
  const [chosen, setChosen] = useState<number | null>(null)
  const version = usePlanVersion(accompanimentId, chosen)
  const marker = useId()
  useReturnFocus(opened, marker)
  const close = () => {
    setChosen(null)
    onClose()
  }
  return (
    <Drawer.Root opened={opened} onClose={close} position="right" size="xl" returnFocus={false}>
      <Drawer.Overlay />
      <Drawer.Content data-dialog={marker}>
        <Drawer.Header {...{ component: 'div' }}>
          <Drawer.Title fz="lg" fw={600}>
            {t('plan.historyTitle')}
          </Drawer.Title>
          <Drawer.CloseButton aria-label={t('common.close')} />
        </Drawer.Header>
        <Drawer.Body>
          <ErrorAlert error={history.error ?? version.error} />
          {chosen !== null ? (
            <Stack gap="md" data-testid="plan-version">
              <Group justify="space-between">
                <Title order={3} size="h4">
                  {t('plan.versionN', { version: chosen })}
                </Title>
                <Button variant="default" size="xs" onClick={() => setChosen(null)} data-testid="plan-history-back">
                  {t('plan.backToHistory')}
                </Button>
              </Group>
              {version.data ? (
                <>
                  <Text size="sm" c="gray.7">
                    {t('plan.savedBy', { name: version.data.savedBy ?? '', date: fmt.dateTimeMinutes(version.data.savedAt) })}
                  </Text>
                  <Paper bg="gray.0" p="sm" radius="md">
                    <Title order={4} size="h6" mb={4}>
                      {t('plan.change.title')}
                    </Title>
                    <Changes accompanimentId={accompanimentId} version={version.data} />
                  </Paper>
                  <PlanReadOnly goals={version.data.goals} agreement={version.data.agreement} />
                </>
              ) : (
                <Loading />
              )}
            </Stack>
          ) : history.isPending ? (
            <Loading />
          ) : history.data?.items.length ? (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="plan-history">
              {history.data.items.map((v, i) => (
                <li key={v.version}>
                  <UnstyledButton
                    onClick={() => setChosen(v.version)}
                    w="100%"
                    p="sm"
                    className="plan-history-item"
                    aria-label={t('plan.openVersion', { version: v.version, date: fmt.dateTimeMinutes(v.savedAt) })}
                  >
                    <Group justify="space-between" wrap="nowrap">
                      <Stack gap={0}>
                        <Text fw={600} size="sm">
                          {t('plan.versionN', { version: v.version })}
                          {i === 0 ? (
                            <Badge ml="xs" size="xs" variant="light">
                              {t('plan.current')}
                            </Badge>
                          ) : null}
                        </Text>
                        <Text size="xs" c="gray.7">
                          {t('plan.savedBy', { name: v.savedBy, date: fmt.dateTimeMinutes(v.savedAt) })}
                        </Text>
                      </Stack>
                      <Text size="xs" c="gray.8" ta="right">
                        {t('plan.counts', { goals: v.goals, steps: v.steps, done: v.done })}
                      </Text>
                    </Group>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          ) : (
            <Text c="gray.7">{t('plan.noHistory')}</Text>
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  )
}
