import { Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { WEEKDAYS, type OpeningHours } from '../../../../common/contracts/duty.contracts'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import type { SaveDuty } from './use-duty'
import { DateField, TimeField } from '../../components/date-field'

type Day = { open: boolean; opens: string; closes: string; opens2: string; closes2: string }

/** Hours per weekday (at most two spans: a lunch break) and closed days. */
export function HoursEditor({ hours, save }: { hours: OpeningHours & { version: number }; save: SaveDuty['hours'] }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const errors = useFieldErrors(save.error)
  const [days, setDays] = useState<Day[]>(() =>
    WEEKDAYS.map((w) => {
      const spans = hours.weekly.find((d) => d.weekday === w)?.spans ?? []
      return {
        open: spans.length > 0,
        opens: spans[0]?.opens ?? '09:00',
        closes: spans[0]?.closes ?? '17:00',
        opens2: spans[1]?.opens ?? '',
        closes2: spans[1]?.closes ?? '',
      }
    }),
  )
  const [closed, setClosed] = useState(hours.exceptions)
  const [newDate, setNewDate] = useState('')
  const [newNote, setNewNote] = useState('')
  const set = (i: number, patch: Partial<Day>) => setDays((ds) => ds.map((d, k) => (k === i ? { ...d, ...patch } : d)))

  const submit = () => {
    const weekly = days.flatMap((d, i) =>
      d.open
        ? [
            {
              weekday: i + 1,
              spans: [{ opens: d.opens, closes: d.closes }, ...(d.opens2 && d.closes2 ? [{ opens: d.opens2, closes: d.closes2 }] : [])],
            },
          ]
        : [],
    )
    save.mutate({ body: { weekly, exceptions: closed }, version: hours.version })
  }

  return (
    <Stack gap="sm">
      <ScrollTable label={t('duty.hours.caption')} stack="fields">
        <Table verticalSpacing="xs">
          <Table.Caption>{t('duty.hours.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('duty.hours.day')}</Table.Th>
              <Table.Th scope="col">{t('duty.hours.open')}</Table.Th>
              <Table.Th scope="col">{t('duty.hours.first')}</Table.Th>
              <Table.Th scope="col">{t('duty.hours.second')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {days.map((d, i) => {
              const day = t(`duty.weekdays.${i + 1}`)
              return (
                <Table.Tr key={i}>
                  <Table.Th scope="row">{day}</Table.Th>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('duty.hours.openOn', { day })}
                      checked={d.open}
                      onChange={(e) => set(i, { open: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <TimeField
                        aria-label={t('duty.hours.opensOn', { day })}
                        value={d.opens}
                        disabled={!d.open}
                        onChange={(v) => set(i, { opens: v })}
                        error={errors.of(`weekly.${i}.spans.0`)}
                      />
                      <TimeField
                        aria-label={t('duty.hours.closesOn', { day })}
                        value={d.closes}
                        disabled={!d.open}
                        onChange={(v) => set(i, { closes: v })}
                      />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <TimeField
                        aria-label={t('duty.hours.reopensOn', { day })}
                        value={d.opens2}
                        disabled={!d.open}
                        onChange={(v) => set(i, { opens2: v })}
                      />
                      <TimeField
                        aria-label={t('duty.hours.recloseOn', { day })}
                        value={d.closes2}
                        disabled={!d.open}
                        onChange={(v) => set(i, { closes2: v })}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Text fw={600}>{t('duty.hours.closedDays')}</Text>
      {closed.length === 0 ? <Text c="gray.8">{t('duty.hours.noClosedDay')}</Text> : null}
      {closed.map((c) => (
        <Group key={c.date} gap="sm">
          <Text>
            {fmt.date(c.date)}
            {c.note ? ` — ${c.note}` : ''}
            {c.spans.length ? ` (${c.spans.map((s) => `${s.opens}–${s.closes}`).join(', ')})` : ''}
          </Text>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => setClosed((cs) => cs.filter((x) => x.date !== c.date))}
            aria-label={t('duty.hours.removeDay', { date: fmt.date(c.date) })}
          >
            {t('duty.remove')}
          </Button>
        </Group>
      ))}
      <Group align="flex-end" gap="sm">
        <DateField label={t('duty.hours.closedDate')} value={newDate} onChange={(v) => setNewDate(v)} />
        <TextInput label={t('duty.hours.closedNote')} value={newNote} onChange={(e) => setNewNote(e.currentTarget.value)} />
        <Button
          variant="light"
          disabled={!newDate || closed.some((c) => c.date === newDate)}
          onClick={() => {
            setClosed((cs) =>
              [...cs, { date: newDate, spans: [], ...(newNote.trim() ? { note: newNote.trim() } : {}) }].sort((a, b) =>
                a.date.localeCompare(b.date),
              ),
            )
            setNewDate('')
            setNewNote('')
          }}
        >
          {t('duty.hours.addClosed')}
        </Button>
      </Group>
      {errors.others(['weekly']).map((m) => (
        <Text key={m} c="red.8" size="sm">
          {m}
        </Text>
      ))}
      <ErrorAlert error={errors.any ? null : save.error} />
      <Group justify="flex-end">
        <Button onClick={submit} loading={save.isPending}>
          {t('duty.hours.save')}
        </Button>
      </Group>
      {save.isSuccess && save.data.version === hours.version ? (
        <Text role="status" size="sm">
          {t('duty.saved')}
        </Text>
      ) : null}
    </Stack>
  )
}
