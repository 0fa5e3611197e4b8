import { Select, Stack, Table, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { HALVES, type Half } from '../../../../common/contracts/duty.contracts'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { ScrollTable } from '../../components/scroll-table'
import { useMedia } from '../../components/use-media'
import { useFormat } from '../../i18n/format'
import { useDutyStaff, useRota, useSaveDuty } from './use-duty'

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** Who is on duty each half-day over the next weeks; a choice saves at once. */
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
  const options = (staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }))
  const slot = (date: string, half: Half) => rota.data?.items.find((s) => s.date === date && s.half === half)
  const choice = (date: string, half: Half, labelled: boolean) => {
    const s = slot(date, half)
    return (
      <Select
        key={half}
        label={labelled ? t(`duty.halves.${half}`) : undefined}
        aria-label={t('duty.rota.slotLabel', { date: fmt.weekdayMonth(date, 'long'), half: t(`duty.halves.${half}`) })}
        data={options}
        value={s?.userId ?? null}
        clearable
        placeholder={t('duty.rota.nobody')}
        onChange={(userId) => save.mutate({ date, half, userId, version: s?.version ?? 0 })}
      />
    )
  }
  const dates = Array.from({ length: days }, (_, i) => addDays(from, i))
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
                {phone ? (
                  <Table.Td>
                    <Stack gap="xs">{HALVES.map((half) => choice(date, half, true))}</Stack>
                  </Table.Td>
                ) : (
                  HALVES.map((half) => (
                    <Table.Td key={half} miw={200}>
                      {choice(date, half, false)}
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
