import { Button, Checkbox, Fieldset, Group, Radio, SegmentedControl, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Perspective } from '../../../../common/contracts/desistance.contracts'
import { type Answers, type InstrumentDefinition, type InstrumentItem, useLabel } from './use-assessments'
import { DateField } from '../../components/date-field'

type Answer = Answers[string]
type Value = Answer['worker']

const range = (item: InstrumentItem) => {
  const min = item.min ?? 1
  const max = item.max ?? 10
  return Array.from({ length: max - min + 1 }, (_, i) => String(min + i))
}

/**
 * Renders any instrument definition as a form: one fieldset per item, the worker's and the
 * person's answers side by side, then the comment. Everything is driven by the definition, so
 * that an admin's new version needs no code and an old answer set renders with its own version.
 */
export function AssessmentForm({
  definition,
  answers,
  onChange,
  readOnly,
  errorOf,
}: {
  definition: InstrumentDefinition
  answers: Answers
  onChange: (next: Answers) => void
  readOnly: boolean
  errorOf: (field: string) => string | undefined
}) {
  const label = useLabel()
  const set = (key: string, patch: Partial<Answer>) => onChange({ ...answers, [key]: { ...answers[key], ...patch } })
  return (
    <Stack gap="xl">
      {definition.sections.map((section) => (
        <Stack key={section.key} gap="md" component="section" aria-label={label(section.title)}>
          <div>
            <Title order={4}>{label(section.title)}</Title>
            {section.description ? (
              <Text size="sm" c="gray.7" maw={760}>
                {label(section.description)}
              </Text>
            ) : null}
          </div>
          {section.items.map((item) => (
            <ItemField
              key={item.key}
              item={item}
              answer={answers[item.key] ?? {}}
              onChange={(patch) => set(item.key, patch)}
              readOnly={readOnly}
              errorOf={errorOf}
            />
          ))}
        </Stack>
      ))}
    </Stack>
  )
}

function ItemField({
  item,
  answer,
  onChange,
  readOnly,
  errorOf,
}: {
  item: InstrumentItem
  answer: Answer
  onChange: (patch: Partial<Answer>) => void
  readOnly: boolean
  errorOf: (field: string) => string | undefined
}) {
  const { t } = useTranslation()
  const label = useLabel()
  const legendId = useId()
  const itemLabel = label(item.label)
  return (
    <Fieldset
      legend={
        <span id={legendId} style={{ fontWeight: 600 }}>
          {itemLabel}
        </span>
      }
      data-testid={`item-${item.key}`}
      radius="md"
    >
      <Stack gap="sm">
        {item.help ? (
          <Text size="sm" c="gray.7">
            {label(item.help)}
          </Text>
        ) : null}
        {/* Side by side only when the fieldset itself is wide enough: the case tab or a dialog. */}
        <SimpleGrid type="container" cols={{ base: 1, '720px': item.perspectives.length }} spacing="lg">
          {item.perspectives.map((p) => (
            <PerspectiveInput
              key={p}
              item={item}
              perspective={p}
              legendId={legendId}
              value={answer[p] ?? null}
              onChange={(v) => onChange({ [p]: v })}
              readOnly={readOnly}
              error={errorOf(`answers.${item.key}.${p}`)}
            />
          ))}
        </SimpleGrid>
        {item.comment ? (
          <Textarea
            label={t('instruments.comment')}
            aria-label={t('instruments.commentFor', { item: itemLabel })}
            autosize
            minRows={1}
            maxRows={8}
            maxLength={10_000}
            value={answer.comment ?? ''}
            onChange={(e) => onChange({ comment: e.currentTarget.value })}
            readOnly={readOnly}
            error={errorOf(`answers.${item.key}.comment`)}
            data-testid={`comment-${item.key}`}
          />
        ) : null}
      </Stack>
    </Fieldset>
  )
}

function PerspectiveInput({
  item,
  perspective,
  legendId,
  value,
  onChange,
  readOnly,
  error,
}: {
  item: InstrumentItem
  perspective: Perspective
  legendId: string
  value: Value
  onChange: (v: Value) => void
  readOnly: boolean
  error: string | undefined
}) {
  const { t } = useTranslation()
  const label = useLabel()
  const id = useId()
  const who = t(`perspectives.${perspective}`)
  const testId = `answer-${item.key}-${perspective}`
  const errorText = error ? (
    <Text size="sm" c="red.8" id={`${id}-error`}>
      {error}
    </Text>
  ) : null

  switch (item.type) {
    case 'scale': {
      const points = range(item)
      const answered = value !== null && value !== undefined
      return (
        <Stack gap={4}>
          <Group justify="space-between" gap="xs" wrap="nowrap" mih={26}>
            <Text id={id} size="sm" fw={500}>
              {who}
            </Text>
            <Group gap={4} wrap="nowrap">
              {/* The chosen point in words too: the highlight's colour is not the only signal. */}
              <Text size="xs" c="gray.7">
                {answered ? t('instruments.scaleValue', { value, max: points[points.length - 1] }) : t('instruments.notAnswered')}
              </Text>
              {!readOnly && answered ? (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => onChange(null)}
                  aria-label={t('instruments.clearFor', { item: label(item.label), perspective: who })}
                >
                  {t('instruments.clear')}
                </Button>
              ) : null}
            </Group>
          </Group>
          <SegmentedControl
            aria-labelledby={`${legendId} ${id}`}
            aria-describedby={error ? `${id}-error` : undefined}
            data={points}
            value={answered ? String(value) : ''}
            onChange={(v) => onChange(Number(v))}
            readOnly={readOnly}
            color="blue"
            size="sm"
            fullWidth
            // On a phone the points wrap onto a second line rather than fall off the edge.
            styles={{ root: { flexWrap: 'wrap' }, control: { minWidth: 34 } }}
            data-testid={testId}
          />
          {errorText}
        </Stack>
      )
    }
    case 'choice':
      return (
        <Radio.Group
          label={who}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(v)}
          error={error}
          data-testid={testId}
        >
          <Stack gap={6} mt={6}>
            {item.options?.map((o) => (
              <Radio key={o.key} value={o.key} label={label(o.label)} disabled={readOnly} />
            ))}
          </Stack>
        </Radio.Group>
      )
    case 'multi':
      return (
        <Checkbox.Group
          label={who}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => onChange(v)}
          error={error}
          data-testid={testId}
        >
          <Stack gap={6} mt={6}>
            {item.options?.map((o) => (
              <Checkbox key={o.key} value={o.key} label={label(o.label)} disabled={readOnly} />
            ))}
          </Stack>
        </Checkbox.Group>
      )
    case 'date':
      return (
        <DateField
          label={who}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(v || null)}
          readOnly={readOnly}
          error={error}
          data-testid={testId}
        />
      )
    case 'text':
      return (
        <Textarea
          label={who}
          autosize
          minRows={3}
          maxRows={16}
          maxLength={10_000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          readOnly={readOnly}
          error={error}
          data-testid={testId}
        />
      )
  }
}
