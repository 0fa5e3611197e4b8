import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Indicators, PublishedCount } from '../../../../common/contracts/indicators.contracts'
import { isLanguage } from '../../i18n'
import { KindFrameworkBlock, ListBlock, useCount } from './indicator-blocks'

/** A part of the page (contacts, referrals, progress): its own heading above its blocks. */
function Part({ id, title, note, children }: { id: string; title: string; note: string; children: React.ReactNode }) {
  return (
    <Stack gap="md" component="section" aria-labelledby={id} data-testid={id}>
      <div>
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        <Text size="sm" c="gray.7">
          {note}
        </Text>
      </div>
      {children}
    </Stack>
  )
}

/** Figures without a chart: a bar for a single number tells the eye nothing the figure does not. */
function Figures({ id, title, note, figures }: { id: string; title: string; note: string; figures: [string, PublishedCount][] }) {
  const count = useCount()
  return (
    <Paper component="section" aria-labelledby={id} data-testid={id}>
      <Title order={3} size="h4" id={id} mb={4}>
        {title}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {note}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: figures.length }} spacing="md" component="dl" m={0}>
        {figures.map(([label, c]) => (
          <Stack gap={2} key={label}>
            <Text component="dt" size="sm" c="gray.7">
              {label}
            </Text>
            <Text component="dd" m={0} fz={26} fw={700} className="tabular">
              {count(c)}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Paper>
  )
}

/** Issue 14: the line's contacts, the team's referrals and the progress of its cases. */
export function MoreIndicators({ d }: { d: Indicators }) {
  const { t, i18n } = useTranslation()
  const language = isLanguage(i18n.language) ? i18n.language : 'fr'
  const themes = d.contacts.byTheme
  const domain = (k: string) => t(`lifeDomains.${k}`)
  const change = (k: string) => t(`indicators.change.${k}`)
  const changeShort = (k: string) => t(`indicators.changeShort.${k}`)
  const yesNo = (k: string) => t(`indicators.yesNo.${k}`)
  const p = d.progress
  return (
    <>
      <Part id="indicators-progress" title={t('indicators.progress')} note={t('indicators.progressNote')}>
        <KindFrameworkBlock
          id="indicators-reviews-worker"
          title={t('indicators.reviewsWorker')}
          note={t('indicators.reviewsNote')}
          table={p.reviewsByWorker}
          rowLabel={domain}
          columnLabel={change}
          columnShort={changeShort}
          rowHeading={t('indicators.domain')}
        />
        <KindFrameworkBlock
          id="indicators-reviews-person"
          title={t('indicators.reviewsPerson')}
          note={t('indicators.reviewsNote')}
          table={p.reviewsByPerson}
          rowLabel={domain}
          columnLabel={change}
          columnShort={changeShort}
          rowHeading={t('indicators.domain')}
        />
        <KindFrameworkBlock
          id="indicators-goals"
          title={t('indicators.goals')}
          note={t('indicators.goalsNote')}
          table={p.planGoals}
          rowLabel={domain}
          columnLabel={(k) => t(`indicators.goalState.${k}`)}
          rowHeading={t('indicators.domain')}
        />
        <Figures
          id="indicators-network"
          title={t('indicators.network')}
          note={t('indicators.networkNote')}
          figures={[
            [t('indicators.networkCases'), p.network.cases],
            [t('indicators.supportiveTiesGained'), p.network.supportiveTiesGained],
            [t('indicators.harmfulTiesLeft'), p.network.harmfulTiesLeft],
          ]}
        />
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <ListBlock
            id="indicators-network-gained"
            title={t('indicators.networkGained')}
            list={p.network.supportiveGained}
            label={yesNo}
            heading={t('indicators.cases')}
          />
          <ListBlock
            id="indicators-network-left"
            title={t('indicators.networkLeft')}
            list={p.network.harmfulLeft}
            label={yesNo}
            heading={t('indicators.cases')}
          />
        </SimpleGrid>
      </Part>
      <Part id="indicators-referrals" title={t('indicators.referrals')} note={t('indicators.referralsNote')}>
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <ListBlock
            id="indicators-referral-results"
            title={t('indicators.referralResults')}
            list={d.referrals.byResult}
            label={(k) => t(`indicators.referralResult.${k}`)}
            heading={t('indicators.referralResultHeading')}
          />
          <ListBlock
            id="indicators-referral-audiences"
            title={t('indicators.referralAudiences')}
            note={t('indicators.referralAudiencesNote')}
            list={d.referrals.byAudience}
            label={(k) => t(`partners.audiences.${k}`)}
            heading={t('indicators.audience')}
          />
        </SimpleGrid>
      </Part>
      <Part id="indicators-contacts" title={t('indicators.contacts')} note={t('indicators.contactsNote')}>
        <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
          <ListBlock
            id="indicators-contact-channels"
            title={t('indicators.contactChannels')}
            list={d.contacts.byChannel}
            label={(k) => t(`contacts.channels.${k}`)}
            heading={t('indicators.channel')}
          />
          <ListBlock
            id="indicators-contact-callers"
            title={t('indicators.contactCallers')}
            list={d.contacts.byCallerKind}
            label={(k) => t(`contacts.kinds.${k}`)}
            heading={t('indicators.caller')}
          />
          <ListBlock
            id="indicators-contact-orientations"
            title={t('indicators.contactOrientations')}
            list={d.contacts.byOrientation}
            label={(k) => (k === 'not_yet' ? t('contactStatistics.notYet') : t(`contacts.orientations.${k}`))}
            heading={t('indicators.orientation')}
          />
        </SimpleGrid>
        {themes.keys.length ? (
          <ListBlock
            id="indicators-contact-themes"
            title={t('indicators.contactThemes')}
            note={t('indicators.contactThemesNote')}
            list={themes}
            label={(k) => themes.labels[themes.keys.indexOf(k)]?.[language] ?? k}
            heading={t('indicators.theme')}
          />
        ) : null}
      </Part>
    </>
  )
}
