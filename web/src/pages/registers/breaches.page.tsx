import { Alert, Anchor, Button, Stack, Table, Text } from '@mantine/core'
import { IconInfoCircle, IconPlus } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { FitSegmentedControl } from '../../components/fit-segmented-control'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { isLanguage } from '../../i18n'
import { makeFormat } from '../../i18n/formatters'
import { BRUSSELS, BreachClock } from './breach-clock'

type State = 'open' | 'closed' | 'all'

/** The breach register (art. 33(5)): every breach with its clock, open ones first by discovery. */
export function BreachesPage() {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const fmt = makeFormat(lang, BRUSSELS)
  const [state, setState] = useState<State>('open')
  const list = useQuery({
    queryKey: ['breaches', state],
    queryFn: () => api.get('/api/breaches', { query: { state, limit: 100 } }),
    placeholderData: keepPreviousData,
  })
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('registers.breaches.title')}
        description={t('registers.breaches.intro')}
        actions={
          <Button component={Link} to="/dpo/breaches/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t('registers.breaches.new')}
          </Button>
        }
      />
      <FitSegmentedControl
        aria-label={t('registers.breaches.filter')}
        value={state}
        onChange={(v) => setState(v as State)}
        data={(['open', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`registers.breaches.states.${s}`) }))}
        w="fit-content"
      />
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />}>
          {t('registers.breaches.empty')}
        </Alert>
      ) : list.data ? (
        <ScrollTable label={t('registers.breaches.caption')}>
          <Table data-testid="breach-register" verticalSpacing="sm" horizontalSpacing="md">
            <Table.Caption>{t('registers.breaches.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('registers.breach.discoveredAt')}</Table.Th>
                <Table.Th scope="col">{t('registers.breach.authorityClock')}</Table.Th>
                <Table.Th scope="col">{t('registers.breach.nature')}</Table.Th>
                <Table.Th scope="col">{t('registers.breach.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td className="nowrap">
                    <Anchor component={Link} to={`/dpo/breaches/${b.id}`}>
                      {fmt.dateTimeShort(b.discoveredAt)}
                    </Anchor>
                  </Table.Td>
                  {/* The clock next to the date: on a phone it stays in view without scrolling sideways. */}
                  <Table.Td>
                    <BreachClock breach={b} size="sm" />
                  </Table.Td>
                  <Table.Td>{b.nature.map((n) => t(`registers.natures.${n}`)).join(', ')}</Table.Td>
                  <Table.Td>{t(`registers.statuses.${b.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
      <Text size="sm" c="gray.7">
        {t('registers.clock.brussels')}
      </Text>
    </Stack>
  )
}
