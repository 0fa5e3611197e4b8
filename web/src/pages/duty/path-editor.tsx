import { ActionIcon, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CALLEES, STEP_KINDS, type EmergencyPath, type EmergencyStep } from '../../../../common/contracts/duty.contracts'
import { LANGUAGES } from '../../../../common/roles'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import type { SaveDuty } from './use-duty'

const blank: EmergencyStep = { kind: 'note', callee: null, phone: null, text: { fr: '', nl: '', de: '', en: '' } }

/** The emergency path, step by step, in the four languages. */
export function PathEditor({ path, save }: { path: EmergencyPath & { version: number }; save: SaveDuty['path'] }) {
  const { t } = useTranslation()
  const errors = useFieldErrors(save.error)
  const [steps, setSteps] = useState<EmergencyStep[]>(path.steps)
  const set = (i: number, patch: Partial<EmergencyStep>) => setSteps((ss) => ss.map((s, k) => (k === i ? { ...s, ...patch } : s)))
  const move = (i: number, by: number) =>
    setSteps((ss) => {
      const out = [...ss]
      const [s] = out.splice(i, 1)
      if (s) out.splice(i + by, 0, s)
      return out
    })

  return (
    <Stack gap="sm">
      {steps.map((s, i) => {
        const n = i + 1
        return (
          <Paper key={i} withBorder p="sm" component="fieldset" aria-label={t('duty.path.step', { n })} data-testid="path-step">
            <Group justify="space-between" mb="xs">
              <Text fw={600} component="legend">
                {t('duty.path.step', { n })}
              </Text>
              <Group gap={4}>
                <ActionIcon variant="subtle" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('duty.path.up', { n })}>
                  <IconArrowUp size={18} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  disabled={i === steps.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('duty.path.down', { n })}
                >
                  <IconArrowDown size={18} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  disabled={steps.length === 1}
                  onClick={() => setSteps((ss) => ss.filter((_, k) => k !== i))}
                  aria-label={t('duty.path.remove', { n })}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Select
                label={t('duty.path.kind')}
                data={STEP_KINDS.map((k) => ({ value: k, label: t(`duty.path.kinds.${k}`) }))}
                value={s.kind}
                allowDeselect={false}
                onChange={(v) =>
                  set(i, v === 'note' ? { kind: 'note', callee: null, phone: null } : { kind: 'call', callee: s.callee ?? 'police' })
                }
              />
              {s.kind === 'call' ? (
                <>
                  <Select
                    label={t('duty.path.callee')}
                    data={CALLEES.map((c) => ({ value: c, label: t(`duty.callees.${c}`) }))}
                    value={s.callee}
                    allowDeselect={false}
                    onChange={(v) => set(i, { callee: v as EmergencyStep['callee'] })}
                    error={errors.of(`steps.${i}.callee`)}
                  />
                  <TextInput
                    label={t('duty.path.phone')}
                    description={s.callee === 'on_duty_lead' ? t('duty.path.phoneFromRota') : undefined}
                    value={s.phone ?? ''}
                    onChange={(e) => set(i, { phone: e.currentTarget.value || null })}
                    error={errors.of(`steps.${i}.phone`)}
                  />
                </>
              ) : null}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
              {LANGUAGES.map((lang) => (
                <TextInput
                  key={lang}
                  label={t('duty.path.textIn', { language: t(`duty.languages.${lang}`) })}
                  required
                  value={s.text[lang]}
                  onChange={(e) => set(i, { text: { ...s.text, [lang]: e.currentTarget.value } })}
                  error={errors.of(`steps.${i}.text.${lang}`)}
                />
              ))}
            </SimpleGrid>
          </Paper>
        )
      })}
      <ErrorAlert error={errors.any ? null : save.error} />
      <Group justify="space-between">
        <Button variant="light" disabled={steps.length >= 20} onClick={() => setSteps((ss) => [...ss, blank])}>
          {t('duty.path.add')}
        </Button>
        <Button onClick={() => save.mutate({ body: { steps }, version: path.version })} loading={save.isPending}>
          {t('duty.path.save')}
        </Button>
      </Group>
      {save.isSuccess && save.data.version === path.version ? (
        <Text role="status" size="sm">
          {t('duty.saved')}
        </Text>
      ) : null}
    </Stack>
  )
}
