import { Group, Paper, Radio, Stack, Textarea, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { NOTIFICATION_DECISIONS } from '../../../../common/contracts/registers.contracts'
import { DateTimeField } from '../../components/date-field'
import type { useFieldErrors } from '../../components/field-errors'
import type { Notification } from './breach-form-values'

type Errors = ReturnType<typeof useFieldErrors>

/** Whether, when and how the authority or the persons concerned were told of a breach, or why not. */
export function BreachNotificationFields({
  side,
  value: n,
  onChange,
  errors,
}: {
  side: 'authority' | 'persons'
  value: Notification
  onChange: (n: Notification) => void
  errors: Errors
}) {
  const { t } = useTranslation()
  const update = (patch: Partial<Notification>) => onChange({ ...n, ...patch })
  return (
    <Paper withBorder p="md" component="fieldset" style={{ border: undefined }}>
      <Stack gap="sm">
        <Radio.Group
          label={t(`registers.breach.${side}.label`)}
          value={n.decision}
          onChange={(v) => update({ decision: v as Notification['decision'] })}
        >
          <Group gap="md" mt={4}>
            {NOTIFICATION_DECISIONS.map((d) => (
              <Radio key={d} value={d} label={t(`registers.breach.${side}.${d}`)} />
            ))}
          </Group>
        </Radio.Group>
        {n.decision === 'notified' ? (
          <>
            <DateTimeField
              label={t(`registers.breach.${side}.notifiedAt`)}
              value={n.notifiedAt}
              onChange={(v) => update({ notifiedAt: v })}
              required
              error={errors.of(`${side}.notifiedAt`)}
            />
            <TextInput
              label={t(`registers.breach.${side}.reference`)}
              value={n.reference}
              onChange={(e) => update({ reference: e.currentTarget.value })}
              error={errors.of(`${side}.reference`)}
            />
          </>
        ) : null}
        {n.decision === 'not_required' ? (
          <Textarea
            label={t(`registers.breach.${side}.reason`)}
            value={n.reason}
            onChange={(e) => update({ reason: e.currentTarget.value })}
            required
            autosize
            minRows={2}
            error={errors.of(`${side}.reason`)}
          />
        ) : null}
      </Stack>
    </Paper>
  )
}
