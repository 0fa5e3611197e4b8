import { Alert, Anchor, Button, Stack, Table } from '@mantine/core'
import { IconInfoCircle, IconPlus } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { isLanguage } from '../../i18n'
import { makeFormat } from '../../i18n/formatters'
import { StudyStatusBadge } from './study-status'

/** The studies the user may read: a lead's teams', the DPO's all, a researcher's own. */
export function StudiesPage() {
  const { t, i18n } = useTranslation()
  const { data: me } = useMe()
  const fmt = makeFormat(isLanguage(i18n.language) ? i18n.language : 'fr')
  const list = useQuery({ queryKey: ['studies'], queryFn: () => api.get('/api/studies') })
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('studies.list.title')}
        description={t('studies.list.intro')}
        actions={
          can(me, 'study.manage') ? (
            <Button component={Link} to="/studies/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('studies.list.new')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />}>
          {t('studies.list.empty')}
        </Alert>
      ) : list.data ? (
        <ScrollTable label={t('studies.list.caption')}>
          <Table data-testid="studies" verticalSpacing="sm" horizontalSpacing="md">
            <Table.Caption>{t('studies.list.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('studies.field.title')}</Table.Th>
                <Table.Th scope="col">{t('studies.field.status')}</Table.Th>
                <Table.Th scope="col">{t('studies.field.period')}</Table.Th>
                <Table.Th scope="col">{t('studies.field.team')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/studies/${s.id}`}>
                      {s.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StudyStatusBadge status={s.status} />
                  </Table.Td>
                  <Table.Td className="nowrap">{t('studies.period', { from: fmt.date(s.startsOn), to: fmt.date(s.endsOn) })}</Table.Td>
                  <Table.Td>{s.teamName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
    </Stack>
  )
}
