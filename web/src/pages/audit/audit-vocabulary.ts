import type { TFunction } from 'i18next'
import type { z } from 'zod'
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS, type AuditAction, type AuditKind } from '../../../../common/audit-actions'
import type { AuditActorList, AuditEntryView } from '../../../../common/contracts/audit.contracts'
import type { Permission } from '../../../../common/permissions'
import { AUDIT_KINDS } from '../../../../common/vocabulary'

export type AuditActor = z.infer<typeof AuditActorList>['items'][number]

/**
 * The action's label in the user's language. An action no longer in the catalogue is said to be
 * so rather than shown by its internal name (`audit-labels.test.ts` fails on a catalogued action
 * without a label in some language).
 */
export const actionLabel = (t: TFunction, action: string): string =>
  t(`audit.actions.${action}`, { defaultValue: t('auditReadable.unknownAction') })

/** The kind of record an entry is about: the audit area's label, this area's, or "other item", never the stored name. */
export function subjectLabel(t: TFunction, i18n: { exists: (key: string) => boolean }, type: string): string {
  for (const key of [`audit.subjects.${type}`, `auditReadable.subjects.${type}`]) if (i18n.exists(key)) return t(key)
  return t('auditReadable.otherSubject')
}

type Entry = z.infer<typeof AuditEntryView>

/**
 * Where the subject of an entry opens, for a user whose role may open that kind of record; null
 * otherwise (the DPO opens no case, person or contact: the code is then plain text). Whether the
 * user sees that very record is the record's page to decide.
 */
export function subjectPath(can: (p: Permission) => boolean, e: Pick<Entry, 'subjectType' | 'subjectId'>): string | null {
  if (!e.subjectId) return null
  const id = encodeURIComponent(e.subjectId)
  if (e.subjectType === 'accompaniment' && can('accompaniment.read')) return `/accompaniments/${id}`
  if (e.subjectType === 'person' && can('person.read')) return `/persons/${id}`
  if (e.subjectType === 'contact' && can('contact.read')) return `/contacts/${id}`
  return null
}

/** Actions as choices, grouped by kind and sorted by label; only one kind's when a kind is chosen. */
export function actionChoices(t: TFunction, kind: AuditKind | '') {
  return AUDIT_KINDS.filter((k) => !kind || k === kind).map((k) => ({
    group: t(`audit.kinds.${k}`),
    items: AUDIT_ACTION_NAMES.filter((a) => AUDIT_ACTIONS[a] === k)
      .map((a) => ({ value: a, label: actionLabel(t, a) }))
      .sort((x, y) => x.label.localeCompare(y.label)),
  }))
}

export const isKindOf = (action: string, kind: AuditKind | ''): boolean => !kind || AUDIT_ACTIONS[action as AuditAction] === kind

/** A staff account as the picker names it: name and roles, and whether it is disabled. */
export function actorLabel(t: TFunction, a: AuditActor): string {
  const roles = a.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')
  const name = roles ? `${a.displayName} · ${roles}` : a.displayName
  return a.disabled ? t('audit.actorDisabled', { name }) : name
}

/**
 * A person code as the server reads it (`p7k2m9qxd` → `P-7K2M-9QXD`; O read as 0, I and L as 1),
 * to show the code asked about and mark it in the table; null when it is not a code.
 */
export function normalisePersonCode(text: string): string | null {
  const m = /^P-?([0-9A-Z]{4})-?([0-9A-Z]{4})$/i.exec(text.replace(/\s+/g, ''))
  if (!m) return null
  const fix = (s: string) => s.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1')
  return `P-${fix(m[1] as string)}-${fix(m[2] as string)}`
}
