import { Alert, Anchor, List, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { EmergencyStep } from '../../../../common/contracts/duty.contracts'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { isLanguage } from '../../i18n'
import { useDutyNow, useEmergencyPath } from './use-duty'

/**
 * The emergency path, read only: what to do, in order, when a contact shows immediate danger.
 * Exported for the contacts screen, which shows it when the triage grid (or the worker) says
 * immediate danger. The on-duty lead's step names who is on duty now and their number.
 */
export function EmergencyPathPanel() {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const path = useEmergencyPath()
  const now = useDutyNow()
  const phoneOf = (s: EmergencyStep) => s.phone || (s.callee === 'on_duty_lead' ? (now.data?.onDuty?.phone ?? null) : null)
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('duty.emergency.title')}
      role="region"
      aria-label={t('duty.emergency.title')}
      data-testid="emergency-path"
    >
      <ErrorAlert error={path.error} />
      {path.isPending ? <Loading /> : null}
      {path.data ? (
        <List type="ordered" spacing="xs">
          {path.data.steps.map((s, i) => {
            const phone = phoneOf(s)
            return (
              <List.Item key={i}>
                <Stack gap={2}>
                  {s.callee ? (
                    <Text fw={600} size="sm">
                      {t(`duty.callees.${s.callee}`)}
                      {s.callee === 'on_duty_lead' && now.data?.onDuty?.displayName ? ` — ${now.data.onDuty.displayName}` : ''}
                      {phone ? (
                        <>
                          {' · '}
                          <Anchor href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>{phone}</Anchor>
                        </>
                      ) : null}
                    </Text>
                  ) : null}
                  <Text size="sm">{s.text[lang]}</Text>
                </Stack>
              </List.Item>
            )
          })}
        </List>
      ) : null}
    </Alert>
  )
}
