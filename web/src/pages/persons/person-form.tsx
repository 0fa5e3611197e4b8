import { Button, Fieldset, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core'
import { useRef, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../api/client'
import type { PersonInput } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { focusFirstError, useFocusOnError } from '../../components/focus-error'
import { checkValues, GENDER_OPTIONS, LANGUAGE_OPTIONS, toInput, type PersonFormValues } from './person-form-values'
import { PostcodeField } from './postcode-field'
import { DateField } from '../../components/date-field'
import { RequiredNote } from '../../components/required-note'

const SHOWN_FIELDS = [
  'firstName',
  'lastName',
  'otherNames',
  'birthDate',
  'birthYear',
  'gender',
  'languages',
  'postcode',
  'phone',
  'email',
  'notes',
]

const LOCAL_INVALID = new ApiError(400, 'validation.failed')

/** The person record form, shared by "new" and "edit". */
export function PersonForm(props: {
  initial: PersonFormValues
  onSubmit: (input: PersonInput) => void
  pending: boolean
  error: unknown
  submitLabel: string
  cancelTo: string
  /** Shown above the form, e.g. the "changed by someone else" notice. */
  notice?: ReactNode
}) {
  const { t } = useTranslation()
  const [v, setV] = useState(props.initial)
  const [local, setLocal] = useState<FieldIssue[]>([])
  const fields = useFieldErrors(props.error, local)
  const formRef = useRef<HTMLFormElement>(null)
  useFocusOnError(formRef, props.error ?? (props.notice ? 'notice' : null))
  const set = <K extends keyof PersonFormValues>(key: K, value: PersonFormValues[K]) => setV((prev) => ({ ...prev, [key]: value }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues = checkValues(v)
    setLocal(issues)
    if (issues.length === 0) props.onSubmit(toInput(v))
    else focusFirstError(formRef.current)
  }
  const unshown = fields.others(SHOWN_FIELDS)
  const birthYearError = fields.of('birthYear')

  return (
    <form onSubmit={submit} noValidate ref={formRef}>
      <Stack gap="lg" maw={860}>
        <RequiredNote />
        <div className="live-region" aria-live="assertive">
          {props.notice}
          {local.length > 0 ? <ErrorAlert error={LOCAL_INVALID} /> : <ErrorAlert error={props.error} />}
          {unshown.map((m) => (
            <Text key={m} size="sm" c="red.7" mt="xs">
              {m}
            </Text>
          ))}
        </div>

        <Fieldset legend={t('person.identity')} variant="filled" bg="white">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('person.firstName')}
                value={v.firstName}
                onChange={(e) => set('firstName', e.currentTarget.value)}
                error={fields.of('firstName')}
                maxLength={100}
                required
                autoComplete="off"
              />
              <TextInput
                label={t('person.lastName')}
                value={v.lastName}
                onChange={(e) => set('lastName', e.currentTarget.value)}
                error={fields.of('lastName')}
                maxLength={100}
                required
                autoComplete="off"
              />
            </SimpleGrid>
            <TextInput
              label={t('person.otherNames')}
              description={t('person.otherNamesHint')}
              value={v.otherNames}
              onChange={(e) => set('otherNames', e.currentTarget.value)}
              error={fields.of('otherNames')}
              maxLength={1100}
              autoComplete="off"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('person.gender')}
                data={GENDER_OPTIONS.map((g) => ({ value: g, label: t(`gender.${g}`) }))}
                value={v.gender}
                onChange={(g) => set('gender', (g ?? 'unknown') as PersonFormValues['gender'])}
                error={fields.of('gender')}
                allowDeselect={false}
              />
              <MultiSelect
                label={t('person.languages')}
                data={LANGUAGE_OPTIONS.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
                value={v.languages}
                onChange={(l) => set('languages', l)}
                error={fields.of('languages')}
                maxValues={8}
                clearable
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('person.birth')} variant="filled" bg="white">
          <Stack gap="md">
            <Switch
              label={t('person.yearOnly')}
              description={t('person.yearOnlyHint')}
              checked={v.yearOnly}
              onChange={(e) => set('yearOnly', e.currentTarget.checked)}
            />
            {v.yearOnly ? (
              <TextInput
                label={t('person.birthYear')}
                inputMode="numeric"
                maxLength={4}
                value={v.birthYear}
                onChange={(e) => set('birthYear', e.currentTarget.value.replace(/\D/g, ''))}
                error={birthYearError}
                maw={200}
              />
            ) : (
              <DateField
                label={t('person.birthDate')}
                value={v.birthDate}
                onChange={(date) => set('birthDate', date)}
                error={fields.of('birthDate') ?? birthYearError}
                minDate="1900-01-01"
                maxDate={new Date().toISOString().slice(0, 10)}
                maw={240}
              />
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend={t('person.contact')} variant="filled" bg="white">
          <Stack gap="md">
            <PostcodeField
              value={v.place}
              municipality={v.municipality}
              onChange={(place, municipality) => setV((prev) => ({ ...prev, place, municipality }))}
              error={fields.of('postcode')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('person.phone')}
                type="tel"
                value={v.phone}
                onChange={(e) => set('phone', e.currentTarget.value)}
                error={fields.of('phone')}
                maxLength={40}
                autoComplete="off"
              />
              <TextInput
                label={t('person.email')}
                type="email"
                value={v.email}
                onChange={(e) => set('email', e.currentTarget.value)}
                error={fields.of('email')}
                maxLength={254}
                autoComplete="off"
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Paper>
          <Textarea
            label={t('person.notes')}
            description={t('person.notesHint')}
            value={v.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={fields.of('notes')}
            autosize
            minRows={4}
            maxRows={16}
            maxLength={20000}
          />
        </Paper>

        <Group justify="flex-end" gap="sm">
          <Button component={Link} to={props.cancelTo} variant="default">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={props.pending} size="md">
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
