import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { CAPACITIES, COVERAGE_LEVELS, PARTNER_AUDIENCES, SERVICE_STATUSES } from '../../../../common/contracts/partners.contracts'
import type { useFieldErrors } from '../../components/field-errors'
import { COMMON_LANGUAGES, type ServiceBody, useLanguageName, useNeedCategories, useUiLanguage } from './use-partners'

type Errors = ReturnType<typeof useFieldErrors>
const nullable = (v: string) => (v.trim() === '' ? null : v)
const num = (v: string | number) => (typeof v === 'number' ? v : null)

/** One service of the organisation form: what it offers, to whom, how full, at what cost, where. */
export function ServiceFields({
  service,
  index,
  errors,
  onChange,
  onRemove,
}: {
  service: ServiceBody
  index: number
  errors: Errors
  onChange: (change: Partial<ServiceBody>) => void
  onRemove: () => void
}) {
  const { t } = useTranslation()
  const lang = useUiLanguage()
  const needs = useNeedCategories()
  const languageName = useLanguageName()
  const at = (field: string) => errors.of(`services.${index}.${field}`)
  const text =
    (field: keyof ServiceBody, nullify = true) =>
    (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value
      onChange({ [field]: nullify ? nullable(value) : value })
    }
  const coverage = service.coverage ?? []
  const languages = [...new Set([...COMMON_LANGUAGES, ...(service.languages ?? [])])]
  const name = service.name || t('partners.services.unnamed')
  return (
    <Fieldset legend={t('partners.services.legend', { name })} data-testid={`service-${index}`}>
      <Stack gap="sm">
        <TextInput
          label={t('partners.fields.serviceName')}
          required
          value={service.name}
          onChange={text('name', false)}
          error={at('name')}
        />
        <Textarea
          label={t('partners.fields.description')}
          autosize
          minRows={2}
          value={service.description ?? ''}
          onChange={text('description')}
          error={at('description')}
        />
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label={t('partners.fields.capacity')}
            value={service.capacity ?? 'available'}
            onChange={(e) => onChange({ capacity: e.currentTarget.value as ServiceBody['capacity'] })}
            data={CAPACITIES.map((c) => ({ value: c, label: t(`partners.capacity.${c}`) }))}
            data-testid={`service-${index}-capacity`}
          />
          <NumberInput
            label={t('partners.fields.waitDays')}
            min={0}
            max={3650}
            value={service.waitDays ?? ''}
            onChange={(v) => onChange({ waitDays: num(v) })}
            error={at('waitDays')}
            data-testid={`service-${index}-wait`}
          />
          <NativeSelect
            label={t('partners.fields.status')}
            value={service.status ?? 'active'}
            onChange={(e) => onChange({ status: e.currentTarget.value as ServiceBody['status'] })}
            data={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`partners.status.${s.replace(' ', '_')}`) }))}
          />
        </Group>
        <MultiSelect
          label={t('partners.needs')}
          value={service.needs ?? []}
          onChange={(needsValue) => onChange({ needs: needsValue })}
          data={(needs.data?.items ?? []).map((n) => ({ value: n.code, label: n.labels[lang] }))}
          error={at('needs')}
          searchable
        />
        <Group grow align="flex-start" wrap="wrap">
          <MultiSelect
            label={t('partners.fields.audiences')}
            value={service.audiences ?? []}
            onChange={(v) => onChange({ audiences: v as ServiceBody['audiences'] })}
            data={PARTNER_AUDIENCES.map((a) => ({ value: a, label: t(`partners.audiences.${a}`) }))}
          />
          <MultiSelect
            label={t('partners.languages')}
            value={service.languages ?? []}
            onChange={(v) => onChange({ languages: v })}
            data={languages.map((l) => ({ value: l, label: languageName(l) }))}
            searchable
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label={t('partners.fields.minimumAge')}
            min={0}
            max={130}
            value={service.minimumAge ?? ''}
            onChange={(v) => onChange({ minimumAge: num(v) })}
            error={at('minimumAge')}
          />
          <NumberInput
            label={t('partners.fields.maximumAge')}
            min={0}
            max={130}
            value={service.maximumAge ?? ''}
            onChange={(v) => onChange({ maximumAge: num(v) })}
            error={at('maximumAge')}
          />
        </Group>
        <Textarea
          label={t('partners.fields.eligibility')}
          autosize
          minRows={2}
          value={service.eligibility ?? ''}
          onChange={text('eligibility')}
          error={at('eligibility')}
        />
        <Textarea
          label={t('partners.fields.fees')}
          autosize
          minRows={1}
          value={service.feesDescription ?? ''}
          onChange={text('feesDescription')}
          error={at('feesDescription')}
        />
        <Fieldset legend={t('partners.coverage.title')} variant="unstyled">
          <Stack gap="xs">
            <Text size="xs" c="gray.7">
              {t('partners.coverage.codeHint')}
            </Text>
            {coverage.map((c, i) => (
              <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
                <NativeSelect
                  label={t('partners.coverage.level')}
                  value={c.level}
                  onChange={(e) => {
                    const level = e.currentTarget.value as (typeof COVERAGE_LEVELS)[number]
                    onChange({ coverage: coverage.map((x, j) => (j === i ? { ...x, level } : x)) })
                  }}
                  data={COVERAGE_LEVELS.map((l) => ({ value: l, label: t(`partners.coverage.levelName.${l}`) }))}
                />
                <TextInput
                  label={t('partners.coverage.code')}
                  value={c.code}
                  onChange={(e) => {
                    const code = e.currentTarget.value
                    onChange({ coverage: coverage.map((x, j) => (j === i ? { ...x, code } : x)) })
                  }}
                  error={at(`coverage.${i}`) ? t('partners.coverage.unknownArea') : undefined}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mb={2}
                  aria-label={t('partners.coverage.remove', { code: c.code || '…' })}
                  onClick={() => onChange({ coverage: coverage.filter((_, j) => j !== i) })}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {at('coverage') && !coverage.length ? <div role="alert">{at('coverage')}</div> : null}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => onChange({ coverage: [...coverage, { level: 'postcode', code: '' }] })}
              >
                {t('partners.coverage.add')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} aria-hidden />} onClick={onRemove}>
            {t('partners.services.remove', { name })}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  )
}
