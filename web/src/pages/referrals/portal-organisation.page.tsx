import { List, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { OwnOrganisationForm } from '../partners/own-organisation-form'
import { PartnerActivitySection } from '../partners/partner-activity'
import { usePartnerOrganisation } from './use-portal'

/**
 * The partner's own organisation as the directory describes it, its referral counts, and what its
 * staff may keep themselves (description, services, capacity; the charter stays with the service).
 */
export function PortalOrganisationPage() {
  const { t } = useTranslation()
  const org = usePartnerOrganisation()
  if (org.isPending) return <Loading />
  if (org.isError) return <ErrorAlert error={org.error} />
  const o = org.data
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={o.name} description={t('portal.orgTitle')} />
      {o.description ? <Text className="pre-wrap">{o.description}</Text> : null}
      {o.referralEmail ? (
        <Text>
          <strong>{t('portal.referralEmail')}</strong> {o.referralEmail}
        </Text>
      ) : null}
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('portal.services')}
        </Title>
        <List>
          {o.services.map((s) => (
            <List.Item key={s.id}>
              {s.name} — {t(`partners.capacity.${s.capacity}`)}
            </List.Item>
          ))}
        </List>
      </Paper>
      <PartnerActivitySection organisationId={o.id} />
      <Paper withBorder p="md" radius="md">
        <OwnOrganisationForm />
      </Paper>
    </Stack>
  )
}
