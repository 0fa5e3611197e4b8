import { NavLink, Stack } from '@mantine/core'
import {
  IconBriefcase,
  IconCalendarWeek,
  IconChartPie,
  IconSun,
  IconLockOpen,
  IconListSearch,
  IconClipboardList,
  IconInbox,
  IconShieldCheck,
  IconLock,
  IconUserCircle,
  IconUsersGroup,
  IconPhone,
  IconBook,
  IconPhoneCall,
  IconShieldExclamation,
  IconTags,
  IconAffiliate,
  IconBuildingCommunity,
  IconMailForward,
  IconAlarm,
  IconBulb,
  IconHourglass,
  IconNotebook,
  IconMailQuestion,
  IconFileZip,
  IconTrashX,
  IconFlask,
  IconChartBar,
  IconPresentation,
  IconReportAnalytics,
} from '@tabler/icons-react'
import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import type { Me } from '../api/types'
import { can } from '../auth/use-me'
import type { Permission } from '../../../common/permissions'

interface Item {
  to: string
  label: string
  ability?: Permission
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>
}

const ITEMS: Item[] = [
  { to: '/portal', label: 'portal.nav', ability: 'referral.partner', icon: IconMailForward },
  { to: '/partner-organisation', label: 'portal.orgNav', ability: 'referral.partner', icon: IconBuildingCommunity },
  { to: '/my-day', label: 'nav.myDay', ability: 'my_day.read', icon: IconSun },
  { to: '/contacts', label: 'contacts.nav', ability: 'contact.read', icon: IconPhone },
  { to: '/calendar', label: 'calendar.nav', ability: 'case_session.read', icon: IconCalendarWeek },
  { to: '/accompaniments', label: 'nav.accompaniments', ability: 'accompaniment.read', icon: IconBriefcase },
  { to: '/dashboard', label: 'dashboard.nav', ability: 'accompaniment.assign', icon: IconChartPie },
  { to: '/contact-requests', label: 'contactRequests.nav', ability: 'contact_request.read', icon: IconInbox },
  { to: '/persons', label: 'nav.persons', ability: 'person.search', icon: IconListSearch },
  { to: '/sheets', label: 'sheets.nav', ability: 'sheet.read', icon: IconBook },
  { to: '/practice-notes', label: 'practiceNotes.nav', ability: 'practice_note.read', icon: IconBulb },
  { to: '/partners', label: 'partners.nav', ability: 'partner_directory.read', icon: IconAffiliate },
  { to: '/access-grants', label: 'nav.accessGrants', ability: 'access_grant.review', icon: IconLockOpen },
  { to: '/admin/users', label: 'nav.users', ability: 'user.manage', icon: IconUsersGroup },
  { to: '/admin/instruments', label: 'instruments.nav', ability: 'instrument.manage', icon: IconClipboardList },
  { to: '/admin/contact-themes', label: 'contactThemes.nav', ability: 'contact_theme.manage', icon: IconTags },
  { to: '/duty', label: 'duty.nav', ability: 'duty.manage', icon: IconPhoneCall },
  { to: '/exceptions', label: 'exceptions.nav', ability: 'exception.read_register', icon: IconShieldExclamation },
  { to: '/audit', label: 'nav.audit', ability: 'audit.read', icon: IconShieldCheck },
  { to: '/dpo/breaches', label: 'registers.nav.breaches', ability: 'breach.manage', icon: IconAlarm },
  { to: '/dpo/register', label: 'registers.nav.register', ability: 'processing_register.manage', icon: IconNotebook },
  { to: '/dpo/requests', label: 'dpoRequests.nav', ability: 'dpo_request.manage', icon: IconMailQuestion },
  { to: '/dpo/exports', label: 'dpoExports.nav', ability: 'dpo_export.run', icon: IconFileZip },
  { to: '/dpo/erasures', label: 'erasure.nav', ability: 'erasure.propose', icon: IconTrashX },
  { to: '/dpo/retention', label: 'retention.nav', ability: 'retention.manage', icon: IconHourglass },
  { to: '/restrictions', label: 'restriction.nav', ability: 'person.restrict', icon: IconLock },
  { to: '/studies', label: 'studies.nav', ability: 'study.read', icon: IconFlask },
  { to: '/indicators', label: 'indicators.nav', ability: 'indicators.read', icon: IconChartBar },
  { to: '/activity-report', label: 'activityReport.nav', ability: 'activity_report.read', icon: IconReportAnalytics },
  { to: '/training-sessions', label: 'training.nav', ability: 'training_session.read', icon: IconPresentation },
  { to: '/account', label: 'nav.account', icon: IconUserCircle },
]

/** Only the entries the user's abilities allow. */
export function MainNav({ me }: { me: Me }) {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {ITEMS.filter((i) => !i.ability || can(me, i.ability)).map((item) => {
        const active = pathname === item.to || pathname.startsWith(`${item.to}/`)
        const Icon = item.icon
        return (
          <li key={item.to}>
            <NavLink
              component={Link}
              to={item.to}
              label={t(item.label)}
              active={active}
              aria-current={active ? 'page' : undefined}
              leftSection={<Icon size={20} aria-hidden />}
              variant="light"
              fw={500}
            />
          </li>
        )
      })}
    </Stack>
  )
}
