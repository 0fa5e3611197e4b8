import { Button, Group, Select, Stack, Text } from '@mantine/core'
import { IconSend } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { referralFormUrl } from './refer-links'

/** The caseload holds at most this many rows a page: the case is chosen among them. */
const CASELOAD = 100

/** "Doorverwijzingsformulier openen" is wider than a 390 px phone's dialog: the label wraps instead of being cut. */
const WRAPPING = {
  root: { height: 'auto', minHeight: 'var(--button-height)', paddingBlock: 6 },
  label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.3 },
} as const

/**
 * "Refer to this service" on a result of the partner directory: the worker chooses one of the open
 * cases they may see, and lands on that case's referral form with the service already chosen.
 * Nothing is created until the form is filled in and saved there.
 */
export function ReferToService({ organisationId, serviceId, name }: { organisationId: string; serviceId: string; name: string }) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [chosen, setChosen] = useState<string | null>(null)
  const caseload = useQuery({
    queryKey: ['accompaniments', 'list', '', 0, CASELOAD],
    queryFn: ({ signal }) => api.get('/api/accompaniments', { query: { limit: CASELOAD, offset: 0 }, signal }),
    enabled: open,
  })
  if (!can(me, 'referral.manage')) return null
  const cases = (caseload.data?.items ?? []).filter((c) => c.status !== 'closed')
  return (
    <>
      <Button size="xs" variant="light" leftSection={<IconSend size={16} aria-hidden />} onClick={() => setOpen(true)}>
        {t('referrals.referTo.action')}
      </Button>
      <AppModal opened={open} onClose={() => setOpen(false)} title={t('referrals.referTo.title', { name })}>
        <Stack gap="sm">
          <ErrorAlert error={caseload.error} />
          {caseload.isSuccess && cases.length === 0 ? <Text size="sm">{t('referrals.referTo.noCase')}</Text> : null}
          <Select
            label={t('referrals.referTo.case')}
            searchable
            data-autofocus
            // The dialog opens with the focus here: an open list at once would hide the dialog's
            // buttons and leave its scrolling region out of the keyboard's reach.
            openOnFocus={false}
            data={cases.map((c) => ({ value: c.id, label: `${c.code} — ${c.personName}` }))}
            value={chosen}
            onChange={setChosen}
            data-testid="refer-to-case"
          />
          <Group justify="flex-end" wrap="wrap">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              styles={WRAPPING}
              maw="100%"
              disabled={!chosen}
              onClick={() => chosen && navigate(referralFormUrl(chosen, { organisationId, serviceId }))}
            >
              {t('referrals.referTo.open')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </>
  )
}
