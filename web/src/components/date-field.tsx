import '@mantine/dates/styles.css'
import { Group, Input, type MantineStyleProp } from '@mantine/core'
import { DateInput, DatesProvider, TimePicker, type DateInputProps, type TimePickerProps } from '@mantine/dates'
import { useId } from '@mantine/hooks'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DATE_FORMAT, joinDateTime, parseDate, splitDateTime } from './date-field.parse'
import { useDayjsLocale } from './date-field.locale'

/**
 * The date, date-time and time fields of every form: day first and a 24-hour clock in every
 * interface language, whatever the browser's own locale (a native `type="date"` input follows the
 * browser, so an English browser showed 12/01/2026 for the 1st of December). Values in and out
 * stay the ISO strings the forms already hold: `YYYY-MM-DD`, `HH:mm`, local `YYYY-MM-DDTHH:mm`,
 * and '' for no value. Typing is accepted (01/12/2026, 1.12.2026, 2026-12-01); an optional field
 * can be emptied.
 */
/**
 * What every calendar needs to pass axe: named month buttons, no greyed days of the next month
 * (too faint to read), and the dropdown kept inside the page's landmarks rather than in a portal.
 */
function useCalendarProps() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return {
    previousLabel: t('dateField.previous'),
    nextLabel: t('dateField.next'),
    hideOutsideDates: true,
    popoverProps: { withinPortal: false, onOpen: () => setOpen(true), onClose: () => setOpen(false) },
    // While the calendar is open, Escape closes the calendar only, not the dialog around the field
    // (Mantine's modal leaves alone an Escape whose target carries this attribute).
    'data-mantine-stop-propagation': open ? 'true' : undefined,
  } as const
}

function Dates({ children }: { children: ReactNode }) {
  const locale = useDayjsLocale()
  return <DatesProvider settings={{ locale, firstDayOfWeek: 1, weekendDays: [0, 6] }}>{children}</DatesProvider>
}

export type DateFieldProps = Omit<
  DateInputProps,
  'value' | 'defaultValue' | 'onChange' | 'valueFormat' | 'dateParser' | 'minDate' | 'maxDate'
> & {
  value: string | null | undefined
  onChange: (value: string) => void
  /** `YYYY-MM-DD` bounds: a typed date outside them is not taken. */
  minDate?: string
  maxDate?: string
  'data-testid'?: string
}

export function DateField({ value, onChange, required, clearable, ...rest }: DateFieldProps) {
  const { t } = useTranslation()
  const calendar = useCalendarProps()
  const optional = clearable ?? !required
  return (
    <Dates>
      <DateInput
        {...calendar}
        valueFormat={DATE_FORMAT}
        dateParser={parseDate}
        placeholder={t('dateField.dateHint')}
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        required={required}
        clearable={optional}
        allowDeselect={optional}
        clearButtonProps={{ 'aria-label': t('dateField.clear') }}
        {...rest}
      />
    </Dates>
  )
}

export type TimeFieldProps = Omit<TimePickerProps, 'value' | 'defaultValue' | 'onChange' | 'format'> & {
  value: string | null | undefined
  onChange: (value: string) => void
  'aria-label'?: string
}

/** A time of day, `HH:mm`: hours and minutes, each typed or moved with the arrow keys. */
export function TimeField({ value, onChange, label, 'aria-label': ariaLabel, required, clearable, ...rest }: TimeFieldProps) {
  const { t } = useTranslation()
  const name = typeof label === 'string' ? label : (ariaLabel ?? '')
  return (
    <TimePicker
      format="24h"
      label={label}
      value={value ?? ''}
      onChange={onChange}
      hoursInputLabel={t('dateField.hoursOf', { label: name })}
      minutesInputLabel={t('dateField.minutesOf', { label: name })}
      required={required}
      clearable={clearable ?? !required}
      clearButtonProps={{ 'aria-label': t('dateField.clearTime') }}
      {...rest}
    />
  )
}

export type DateTimeFieldProps = {
  label: string
  value: string | null | undefined
  onChange: (value: string) => void
  required?: boolean
  error?: ReactNode
  description?: ReactNode
  readOnly?: boolean
  disabled?: boolean
  'data-testid'?: string
  maw?: number | string
  style?: MantineStyleProp
}

/**
 * A local date and time, `YYYY-MM-DDTHH:mm`: a date field and a time field under one label (the
 * label names the date field, so `getByLabel` finds one input; the hours and minutes say what
 * they are). While one part is missing the value is ''. An ISO date-time typed or pasted in the
 * date field ("2026-12-01T14:30") fills both parts.
 */
export function DateTimeField(props: DateTimeFieldProps) {
  const { label, value, onChange, required, error, description, readOnly, disabled, maw, style } = props
  const { t } = useTranslation()
  const calendar = useCalendarProps()
  const id = useId()
  const parts = useRef(splitDateTime(value))
  const [shown, setShown] = useState(parts.current)
  useEffect(() => {
    if ((value ?? '') !== joinDateTime(parts.current)) {
      parts.current = splitDateTime(value)
      setShown(parts.current)
    }
  }, [value])
  const update = (patch: Partial<{ date: string; time: string }>) => {
    const before = joinDateTime(parts.current)
    parts.current = { ...parts.current, ...patch }
    setShown(parts.current)
    const after = joinDateTime(parts.current)
    if (after !== before) onChange(after)
  }
  return (
    <Input.Wrapper id={id} label={label} required={required} error={error} description={description} maw={maw} style={style}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Dates>
          <DateInput
            {...calendar}
            id={id}
            valueFormat={DATE_FORMAT}
            dateParser={parseDate}
            placeholder={t('dateField.dateHint')}
            value={shown.date || null}
            onChange={(v) => update({ date: v ?? '' })}
            onInput={(e) => {
              const both = splitDateTime(e.currentTarget.value)
              if (both.time) update({ time: both.time })
            }}
            allowDeselect={!required}
            aria-required={required || undefined}
            error={Boolean(error)}
            readOnly={readOnly}
            disabled={disabled}
            data-testid={props['data-testid']}
            style={{ flex: '1 1 9rem' }}
          />
        </Dates>
        <TimePicker
          format="24h"
          value={shown.time}
          onChange={(v) => update({ time: v })}
          hoursInputLabel={t('dateField.hours')}
          minutesInputLabel={t('dateField.minutes')}
          error={Boolean(error)}
          readOnly={readOnly}
          disabled={disabled}
        />
      </Group>
    </Input.Wrapper>
  )
}
