import { Alert, Anchor, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { EXCEPTION_STATUSES, type ExceptionStatus } from '../../../../common/contracts/exceptions.contracts'
import { FitSegmentedControl } from '../../components/fit-segmented-control'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useMedia } from '../../components/use-media'
import { can, useMe } from '../../auth/use-me'
import { isLanguage } from '../../i18n'
import { useFormat } from '../../i18n/format'
import { LegalBasesSection } from './legal-bases-section'
import { ExceptionStatusBadge } from './status-badge'
import { useDecide, useException, useLegalBases, useRegister } from './use-exceptions'

/**
 * The confidentiality-exception register: for a lead, the exceptions of their teams' cases and of
 * contacts, to validate or refuse; for the DPO, all of them, read only.
 */
export function ExceptionsPage() {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const fmt = useFormat()
  const me = useMe()
  const [status, setStatus] = useState<ExceptionStatus | 'all'>('pending')
  const register = useRegister(status === 'all' ? null : status)
  const bases = useLegalBases()
  const [open, setOpen] = useState<string | null>(null)
  const basisLabel = (id: string) => bases.data?.items.find((b) => b.id === id)?.label[lang] ?? ''
  const canDecide = !!me.data && can(me.data, 'exception.validate')
  const compact = useMedia('(max-width: 61.99em)')

  return (
    <Stack gap="lg">
      <PageHeader title={t('exceptions.title')} description={t(canDecide ? 'exceptions.introLead' : 'exceptions.introDpo')} />
      <FitSegmentedControl
        aria-label={t('exceptions.filter')}
        value={status}
        onChange={(v) => setStatus(v as ExceptionStatus | 'all')}
        data={[...EXCEPTION_STATUSES, 'all' as const].map((s) => ({ value: s, label: t(`exceptions.filters.${s}`) }))}
        w="fit-content"
      />
      <ErrorAlert error={register.error} />
      {register.isPending ? (
        <Loading />
      ) : register.data && register.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />} title={t('exceptions.emptyTitle')}>
          {t('exceptions.empty')}
        </Alert>
      ) : register.data ? (
        <ScrollTable label={t('exceptions.caption')}>
          {/* Four columns from md (each holding two facts), a phone's two below: the register
              scrolled sideways at 1,024 px with seven. One arrangement renders at a time. */}
          <Table data-testid="exception-register" verticalSpacing="sm" horizontalSpacing="sm">
            <Table.Caption>{t('exceptions.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('exceptions.disclosedAndStatus')}</Table.Th>
                {compact ? (
                  <Table.Th scope="col">{t('exceptions.exception')}</Table.Th>
                ) : (
                  <>
                    <Table.Th scope="col">{t('exceptions.basisAndRecipient')}</Table.Th>
                    <Table.Th scope="col">{t('exceptions.recordedByAndConcerns')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {register.data.items.map((e) => {
                const basis = (
                  <div>
                    {basisLabel(e.legalBasisId)}
                    <Text size="sm" c="gray.7">
                      {t(`exceptions.recipients.${e.recipientKind}`)}
                    </Text>
                  </div>
                )
                const recorded = (
                  <div>
                    {e.recordedByName}
                    <Text size="sm" c="gray.7">
                      {e.accompanimentId && canDecide ? (
                        <Anchor component={Link} to={`/accompaniments/${e.accompanimentId}`} inherit>
                          {t('exceptions.onCase')}
                        </Anchor>
                      ) : (
                        t(e.accompanimentId ? 'exceptions.onCase' : 'exceptions.onContact')
                      )}
                    </Text>
                  </div>
                )
                const open = (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setOpen(e.id)}
                    aria-label={t('exceptions.openOne', { when: fmt.dateTimeShort(e.disclosedAt) })}
                  >
                    {t('exceptions.open')}
                  </Button>
                )
                return (
                  <Table.Tr key={e.id}>
                    <Table.Th scope="row" fw={400}>
                      <Stack gap={6} align="flex-start">
                        <Text inherit fw={600} className={compact ? undefined : 'nowrap'}>
                          {fmt.dateTimeShort(e.disclosedAt)}
                        </Text>
                        <ExceptionStatusBadge status={e.status} />
                      </Stack>
                    </Table.Th>
                    {compact ? (
                      <Table.Td>
                        <Stack gap={6} align="flex-start">
                          {basis}
                          {recorded}
                          {open}
                        </Stack>
                      </Table.Td>
                    ) : (
                      <>
                        <Table.Td>{basis}</Table.Td>
                        <Table.Td>{recorded}</Table.Td>
                        <Table.Td>{open}</Table.Td>
                      </>
                    )}
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
      {me.data && can(me.data, 'legal_basis.manage') ? <LegalBasesSection /> : null}
      <AppModal opened={!!open} onClose={() => setOpen(null)} title={t('exceptions.detailTitle')}>
        {open ? <ExceptionDetail id={open} canDecide={canDecide} basisLabel={basisLabel} onDone={() => setOpen(null)} /> : null}
      </AppModal>
    </Stack>
  )
}

function ExceptionDetail(props: { id: string; canDecide: boolean; basisLabel: (id: string) => string; onDone: () => void }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const me = useMe()
  const one = useException(props.id)
  const decide = useDecide()
  const [refusing, setRefusing] = useState(false)
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const errors = useFieldErrors(decide.error, missing ? [{ field: 'reason', code: 'required' }] : [])
  if (one.isPending) return <Loading />
  if (!one.data) return <ErrorAlert error={one.error} />
  const e = one.data
  const own = me.data?.id === e.recordedBy
  const send = (decision: 'validated' | 'refused') => {
    if (decision === 'refused' && !reason.trim()) return setMissing(true)
    decide.mutate(
      { id: e.id, version: e.version, decision: decision === 'refused' ? { decision, reason } : { decision } },
      { onSuccess: props.onDone },
    )
  }
  const row = (label: string, value: string) => (
    <div>
      <Text size="sm" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} className="pre-wrap">
        {value}
      </Text>
    </div>
  )
  return (
    <Stack gap="sm" data-testid="exception-detail">
      <Group>
        <ExceptionStatusBadge status={e.status} />
      </Group>
      <Stack gap="xs" component="dl" m={0}>
        {row(t('exceptions.situation'), e.situation)}
        {row(t('exceptions.legalBasis'), props.basisLabel(e.legalBasisId))}
        {row(t('exceptions.recipientKind'), t(`exceptions.recipients.${e.recipientKind}`))}
        {row(t('exceptions.recipientName'), e.recipientName)}
        {row(t('exceptions.disclosed'), e.disclosed)}
        {row(t('exceptions.disclosedAt'), fmt.dateTimeShort(e.disclosedAt))}
        {row(t('exceptions.recordedBy'), `${e.recordedByName} · ${fmt.dateTimeShort(e.recordedAt)}`)}
        {e.decidedByName ? row(t('exceptions.decidedBy'), `${e.decidedByName} · ${fmt.dateTimeShort(e.decidedAt)}`) : null}
        {e.refusalReason ? row(t('exceptions.refusalReason'), e.refusalReason) : null}
      </Stack>
      <ErrorAlert error={errors.any ? null : decide.error} />
      {props.canDecide && e.status === 'pending' ? (
        own ? (
          <Text size="sm" c="gray.8">
            {t('exceptions.notOwn')}
          </Text>
        ) : refusing ? (
          <Stack gap="xs">
            <Textarea
              label={t('exceptions.refusalReason')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(ev) => setReason(ev.currentTarget.value)}
              error={errors.of('reason')}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRefusing(false)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={decide.isPending} onClick={() => send('refused')}>
                {t('exceptions.refuse')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group justify="flex-end">
            <Button variant="default" color="red" onClick={() => setRefusing(true)}>
              {t('exceptions.refuseEllipsis')}
            </Button>
            <Button loading={decide.isPending} onClick={() => send('validated')}>
              {t('exceptions.validate')}
            </Button>
          </Group>
        )
      ) : null}
    </Stack>
  )
}
