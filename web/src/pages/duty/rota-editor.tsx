import { Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { HALVES, type Half, type RotaDay } from '../../../../common/contracts/duty.contracts'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { ScrollTable } from '../../components/scroll-table'
import { useMedia } from '../../components/use-media'
import { useFormat } from '../../i18n/format'
import { useDutyStaff, useRota, useSaveDuty } from './use-duty'

// The option that takes a half-day off anyone: a visible choice, reachable with the keyboard like any other.
const NOBODY = 'nobody'

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/**
 * Who is on duty each half-day over the next weeks; a choice saves at once. A half-day the line is
 * closed (a weekend, a holiday set in the hours) offers no choice and says so, unless someone is
 * still on it from before the hours changed: then the choice stays, to take them off, with a word
 * that the line is closed then.
 */
export function RotaEditor({ from, days }: { from: string; days: number }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const to = addDays(from, days - 1)
  const rota = useRota(from, to)
  const staff = useDutyStaff()
  const save = useSaveDuty().slot
  // On a phone or a tablet the two half-days of a day stack in one cell, each choice with its visible label.
  const phone = useMedia('(max-width: 61.99em)')
  if (rota.isPending || staff.isPending) return <Loading />
  const options = [
    { value: NOBODY, label: t('duty.rota.nobody') },
    ...(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName })),
  ]
  const slot = (date: string, half: Half) => rota.data?.items.find((s) => s.date === date && s.half === half)
  const choice = (date: string, half: Half, labelled: boolean, closed?: RotaDay) => {
    const s = slot(date, half)
    return (
      <Select
        key={half}
        label={labelled ? t(`duty.halves.${half}`) : undefined}
        // Under the field and tied to it (aria-describedby), so a screen reader hears it with the choice.
        description={
          closed ? (closed.note ? t('duty.rota.closedButSetWithNote', { note: closed.note }) : t('duty.rota.closedButSet')) : undefined
        }
        inputWrapperOrder={['label', 'input', 'description']}
        styles={{
          // An empty half-day reads apart from a filled one at a glance, as the placeholder did.
          input: s?.userId ? undefined : { color: 'var(--mantine-color-gray-7)', fontStyle: 'italic' },
          description: closed ? { color: 'var(--mantine-color-orange-9)', marginTop: 4 } : undefined,
        }}
        aria-label={t('duty.rota.slotLabel', { date: fmt.weekdayMonth(date, 'long'), half: t(`duty.halves.${half}`) })}
        data={options}
        value={s?.userId ?? NOBODY}
        allowDeselect={false}
        onChange={(value) => {
          const userId = value === null || value === NOBODY ? null : value
          if (userId !== (s?.userId ?? null)) save.mutate({ date, half, userId, version: s?.version ?? 0 })
        }}
      />
    )
  }
  const closedWord = (day: RotaDay | undefined) => (day?.note ? t('duty.rota.closedWithNote', { note: day.note }) : t('duty.rota.closed'))
  const half = (day: RotaDay | undefined, date: string, h: Half, labelled: boolean) => {
    if (day?.open[h] !== false) return choice(date, h, labelled)
    if (day && slot(date, h)?.userId) return choice(date, h, labelled, day)
    return (
      <Text key={h} size="sm" c="gray.7" data-testid="rota-closed">
        {labelled ? t('duty.rota.closedHalf', { half: t(`duty.halves.${h}`) }) : closedWord(day)}
      </Text>
    )
  }
  // A day closed all day with nobody left on it reads as one word across its row.
  const closedAllDay = (day: RotaDay | undefined, date: string) =>
    day !== undefined && !day.open.am && !day.open.pm && !slot(date, 'am')?.userId && !slot(date, 'pm')?.userId
  const dates = Array.from({ length: days }, (_, i) => addDays(from, i))
  const dayOf = (date: string) => rota.data?.days.find((d) => d.date === date)
  return (
    <>
      <ErrorAlert error={rota.error ?? staff.error ?? save.error} />
      <ScrollTable label={t('duty.rota.caption')}>
        <Table verticalSpacing="xs" data-testid="rota">
          <Table.Caption>{t('duty.rota.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('duty.rota.date')}</Table.Th>
              {phone ? (
                <Table.Th scope="col">{t('duty.rota.onDuty')}</Table.Th>
              ) : (
                HALVES.map((h) => (
                  <Table.Th scope="col" key={h}>
                    {t(`duty.halves.${h}`)}
                  </Table.Th>
                ))
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dates.map((date) => (
              <Table.Tr key={date}>
                <Table.Th scope="row" className="nowrap">
                  <span aria-hidden="true">{fmt.weekdayMonth(date)}</span>
                  <VisuallyHidden>{fmt.weekdayMonth(date, 'long')}</VisuallyHidden>
                </Table.Th>
                {closedAllDay(dayOf(date), date) ? (
                  <Table.Td colSpan={phone ? 1 : HALVES.length}>
                    <Text size="sm" c="gray.7" data-testid="rota-closed">
                      {closedWord(dayOf(date))}
                    </Text>
                  </Table.Td>
                ) : phone ? (
                  <Table.Td>
                    <Stack gap="xs">{HALVES.map((h) => half(dayOf(date), date, h, true))}</Stack>
                  </Table.Td>
                ) : (
                  HALVES.map((h) => (
                    <Table.Td key={h} miw={200}>
                      {half(dayOf(date), date, h, false)}
                    </Table.Td>
                  ))
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </>
  )
}
