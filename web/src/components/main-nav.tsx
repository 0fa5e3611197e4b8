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
  { to: '/portal', label: 'nav.portal', ability: 'referral.partner', icon: IconMailForward },
  { to: '/partner-organisation', label: 'nav.portalOrganisation', ability: 'referral.partner', icon: IconBuildingCommunity },
  { to: '/my-day', label: 'nav.myDay', ability: 'my_day.read', icon: IconSun },
  { to: '/contacts', label: 'nav.contacts', ability: 'contact.read', icon: IconPhone },
  { to: '/calendar', label: 'nav.calendar', ability: 'case_session.read', icon: IconCalendarWeek },
  { to: '/accompaniments', label: 'nav.accompaniments', ability: 'accompaniment.read', icon: IconBriefcase },
  { to: '/dashboard', label: 'nav.dashboard', ability: 'accompaniment.assign', icon: IconChartPie },
  { to: '/contact-requests', label: 'nav.contactRequests', ability: 'contact_request.read', icon: IconInbox },
  { to: '/persons', label: 'nav.persons', ability: 'person.search', icon: IconListSearch },
  { to: '/sheets', label: 'nav.sheets', ability: 'sheet.read', icon: IconBook },
  { to: '/practice-notes', label: 'nav.practiceNotes', ability: 'practice_note.read', icon: IconBulb },
  { to: '/partners', label: 'nav.partners', ability: 'partner_directory.read', icon: IconAffiliate },
  { to: '/access-grants', label: 'nav.accessGrants', ability: 'access_grant.review', icon: IconLockOpen },
  { to: '/admin/users', label: 'nav.users', ability: 'user.manage', icon: IconUsersGroup },
  { to: '/admin/instruments', label: 'nav.instruments', ability: 'instrument.manage', icon: IconClipboardList },
  { to: '/admin/contact-themes', label: 'nav.contactThemes', ability: 'contact_theme.manage', icon: IconTags },
  { to: '/duty', label: 'nav.duty', ability: 'duty.manage', icon: IconPhoneCall },
  { to: '/exceptions', label: 'nav.exceptions', ability: 'exception.read_register', icon: IconShieldExclamation },
  { to: '/audit', label: 'nav.audit', ability: 'audit.read', icon: IconShieldCheck },
  { to: '/dpo/breaches', label: 'nav.breaches', ability: 'breach.manage', icon: IconAlarm },
  { to: '/dpo/register', label: 'nav.register', ability: 'processing_register.manage', icon: IconNotebook },
  { to: '/dpo/requests', label: 'nav.dpoRequests', ability: 'dpo_request.manage', icon: IconMailQuestion },
  { to: '/dpo/exports', label: 'nav.dpoExports', ability: 'dpo_export.run', icon: IconFileZip },
  { to: '/dpo/erasures', label: 'nav.erasure', ability: 'erasure.propose', icon: IconTrashX },
  { to: '/dpo/retention', label: 'nav.retention', ability: 'retention.manage', icon: IconHourglass },
  { to: '/restrictions', label: 'nav.restrictions', ability: 'person.restrict', icon: IconLock },
  { to: '/studies', label: 'nav.studies', ability: 'study.read', icon: IconFlask },
  { to: '/indicators', label: 'nav.indicators', ability: 'indicators.read', icon: IconChartBar },
  { to: '/activity-report', label: 'nav.activityReport', ability: 'activity_report.read', icon: IconReportAnalytics },
  { to: '/training-sessions', label: 'nav.training', ability: 'training_session.read', icon: IconPresentation },
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
