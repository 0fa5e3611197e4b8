import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core'
import { IconArrowLeft, IconCheck, IconDeviceFloppy } from '@tabler/icons-react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { isApiError } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { focusFirstError } from '../../components/focus-error'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { useFormat } from '../../i18n/format'
import { ExceptionsSection } from '../exceptions/exceptions-section'
import { NotFoundPage } from '../not-found/not-found.page'
import { isoToLocal, localToIso } from '../casework/vocabulary'
import { CallbackPanel, OpenCasePanel } from './contact-actions'
import { LinkCasePanel } from './contact-link'
import { ReferFromContact } from '../referrals/refer-from-contact'
import { ContactFields, type Draft } from './contact-form'
import { ContactHistory } from './contact-history'
import { InformationPanel } from './contact-information'
import { CallbackLinks } from './queue-callbacks'
import { DangerBanner, TriagePanel } from './contact-triage'
import { useContact, useFinalise, useSaveContact, type ContactBody } from './use-contacts'
import type { ContactView } from './vocabulary'
import { RequiredNote } from '../../components/required-note'

/** While a draft is being typed, it is saved this long after the last keystroke. */
const AUTOSAVE_MS = 2500

function fresh(): Draft {
  return {
    channel: 'phone',
    direction: 'incoming',
    occurredAt: isoToLocal(new Date().toISOString()),
    durationMinutes: '',
    callerKind: null,
    callerSector: null,
    keepIdentity: false,
    name: '',
    phone: '',
    email: '',
    reach: '',
    personId: null,
    personDescription: '',
    themes: [],
    summary: '',
    orientation: null,
    referredTo: '',
    urgency: 'none',
  }
}

function draftOf(c: ContactView): Draft {
  return {
    channel: c.channel,
    direction: c.direction,
    occurredAt: isoToLocal(c.occurredAt),
    durationMinutes: c.durationMinutes ?? '',
    callerKind: c.callerKind,
    callerSector: c.callerSector,
    keepIdentity: c.caller !== null,
    name: c.caller?.name ?? '',
    phone: c.caller?.phone ?? '',
    email: c.caller?.email ?? '',
    reach: c.caller?.reach ?? '',
    personId: c.personId,
    personDescription: c.personDescription ?? '',
    themes: c.themes,
    summary: c.summary ?? '',
    orientation: c.orientation,
    referredTo: c.referredTo ?? '',
    urgency: c.urgency,
    answersContactId: c.answersContactId,
  }
}

/** A new outgoing phone call answering an earlier contact: same caller kind and sector, their name and phone when readable. */
function answering(target: ContactView): Draft {
  const phone = target.caller?.phone ?? ''
  return {
    ...fresh(),
    direction: 'outgoing',
    callerKind: target.callerKind,
    callerSector: target.callerSector,
    keepIdentity: Boolean(phone),
    name: phone ? (target.caller?.name ?? '') : '',
    phone,
    answersContactId: target.id,
  }
}

/** What the form would send; null while a field the server requires is still empty (nothing to save yet). */
/** What a draft still lacks before it can be saved (the first such field), or null. */
function missingOf(d: Draft): 'occurredAt' | 'callerKind' | 'sector' | 'referredTo' | null {
  if (!localToIso(d.occurredAt)) return 'occurredAt'
  if (!d.callerKind) return 'callerKind'
  if (d.callerKind === 'professional' && !d.callerSector) return 'sector'
  if (d.orientation === 'referred' && !d.referredTo.trim()) return 'referredTo'
  return null
}

function bodyOf(d: Draft): ContactBody | null {
  const occurredAt = localToIso(d.occurredAt)
  if (!d.callerKind || !occurredAt) return null
  if (d.callerKind === 'professional' && !d.callerSector) return null
  if (d.orientation === 'referred' && !d.referredTo.trim()) return null
  const keep = d.keepIdentity && d.callerKind !== 'anonymous'
  return {
    channel: d.channel,
    direction: d.direction,
    occurredAt,
    durationMinutes: d.durationMinutes === '' ? null : d.durationMinutes,
    callerKind: d.callerKind,
    callerSector: d.callerKind === 'professional' ? d.callerSector : null,
    caller: keep ? { name: d.name, phone: d.phone, email: d.email, reach: d.reach } : null,
    personId: d.personId,
    personDescription: d.personId ? null : d.personDescription,
    themes: d.themes,
    summary: d.summary,
    orientation: d.orientation,
    referredTo: d.orientation === 'referred' ? d.referredTo : null,
    urgency: d.urgency,
    ...(d.answersContactId ? { answersContactId: d.answersContactId } : {}),
  }
}

function ContactEditor({ existing, answers }: { existing?: ContactView; answers?: ContactView }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const navigate = useNavigate()
  const save = useSaveContact()
  const finalise = useFinalise()
  const [d, setD] = useState<Draft>(existing ? draftOf(existing) : answers ? answering(answers) : fresh())
  const [dirty, setDirty] = useState(false)
  const [local, setLocal] = useState<FieldIssue[]>([])
  const errors = useFieldErrors(save.error ?? finalise.error, local)
  const form = useRef<HTMLFormElement>(null)
  const contact = existing
  // A new contact's first save creates it; the page then moves to its address, which takes a
  // moment. A save asked for once that first save has answered (a click on "finalise" while the
  // page moves) updates that contact; one asked for while the first save is still under way is
  // not covered here. No test reaches this window.
  const created = useRef<ContactView | undefined>(undefined)
  const isDraft = !contact || contact.status === 'draft'
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((x) => ({ ...x, [k]: v }))
    setDirty(true)
  }

  const persist = (then?: (saved: ContactView) => void) => {
    const body = bodyOf(d)
    if (!body) {
      setLocal([
        ...(d.callerKind ? [] : [{ field: 'callerKind', code: 'required' }]),
        ...(d.callerKind === 'professional' && !d.callerSector ? [{ field: 'callerSector', code: 'required' }] : []),
        ...(d.orientation === 'referred' && !d.referredTo.trim() ? [{ field: 'referredTo', code: 'required' }] : []),
        ...(localToIso(d.occurredAt) ? [] : [{ field: 'occurredAt', code: 'required' }]),
      ])
      focusFirstError(form.current)
      return
    }
    setLocal([])
    save.mutate(
      { body, existing: contact ?? created.current },
      {
        onSuccess: (saved) => {
          setDirty(false)
          if (!contact) {
            created.current = saved
            void navigate(`/contacts/${saved.id}`, { replace: true })
          }
          then?.(saved)
        },
      },
    )
  }

  // The triage grid raises the contact's urgency on the server: the form takes it, or its next save would lower it again.
  useEffect(() => {
    if (existing) setD((x) => (x.urgency === existing.urgency ? x : { ...x, urgency: existing.urgency }))
  }, [existing?.urgency])

  // A draft saves itself while the call goes on; a final contact changes only when asked.
  useEffect(() => {
    if (!dirty || !isDraft || save.isPending || !bodyOf(d)) return
    if (isApiError(save.error, 'version.mismatch')) return
    const timer = setTimeout(() => persist(), AUTOSAVE_MS)
    return () => clearTimeout(timer)
  }, [d, dirty, isDraft, save.isPending])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    persist()
  }

  const finish = () =>
    persist((saved) => {
      finalise.mutate({ contact: saved, vars: undefined })
    })

  return (
    <Stack gap="lg" maw={900}>
      <Group>
        <Button component={Link} to="/contacts" variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} px={4}>
          {t('contacts.back')}
        </Button>
      </Group>
      <PageHeader
        title={contact ? t('contacts.editTitle') : t('contacts.newTitle')}
        description={
          contact ? (
            <Group gap="xs">
              <Badge color={contact.status === 'draft' ? 'gray' : 'petrol'} variant="light" data-testid="contact-status">
                {t(`contacts.statuses.${contact.status}`)}
              </Badge>
              <Text size="sm" c="gray.7">
                {t('contacts.savedAt', { time: fmt.time(contact.updatedAt) })}
              </Text>
            </Group>
          ) : (
            t('contacts.newIntro')
          )
        }
      />
      {contact ? <DangerBanner contact={contact} /> : null}
      <CallbackLinks contact={contact} answers={d.answersContactId} />
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="lg">
          <RequiredNote />
          <div className="live-region" aria-live="polite">
            {isApiError(save.error, 'version.mismatch') ? (
              <Alert color="orange" variant="light" title={t('contacts.conflictTitle')}>
                {t('contacts.conflict')}
              </Alert>
            ) : (
              <ErrorAlert error={errors.any ? null : (save.error ?? finalise.error)} />
            )}
          </div>
          <ContactFields d={d} set={set} errors={errors} currentId={contact?.id} />
          <Group justify="flex-end">
            <Text size="sm" c="gray.7" aria-live="polite">
              {save.isPending
                ? t('contacts.saving')
                : dirty && missingOf(d)
                  ? t('contacts.waitsFor', { field: t(`contacts.${missingOf(d)}`) })
                  : dirty
                    ? t('contacts.unsaved')
                    : contact
                      ? t('contacts.saved')
                      : ''}
            </Text>
            <Button
              type="submit"
              variant={isDraft ? 'default' : 'filled'}
              loading={save.isPending}
              leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            >
              {isDraft ? t('contacts.saveDraft') : t('common.save')}
            </Button>
            {isDraft ? (
              <Button onClick={finish} loading={finalise.isPending} leftSection={<IconCheck size={16} aria-hidden />}>
                {t('contacts.finalise')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
      {contact ? (
        <>
          <TriagePanel contact={contact} />
          <InformationPanel contact={contact} />
          <CallbackPanel contact={contact} />
          <OpenCasePanel contact={contact} />
          <LinkCasePanel contact={contact} />
          {contact.status === 'final' ? <ReferFromContact contactId={contact.id} accompanimentId={contact.accompanimentId} /> : null}
          <ContactExceptions contact={contact} />
          {contact.status === 'final' ? <ContactHistory id={contact.id} /> : null}
        </>
      ) : null}
    </Stack>
  )
}

/** One contact: logged as a draft while the exchange goes on, then finalised; every later change kept. */
export function ContactEditPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const contact = useContact(id)
  const [search] = useSearchParams()
  const answers = id ? undefined : (search.get('answers') ?? undefined)
  const target = useContact(answers)
  if (!id && answers && target.isPending) return <Loading />
  if (!id) return <ContactEditor key={`new-${answers ?? ''}`} answers={target.data} />
  if (isApiError(contact.error, 'resource.not_found')) return <NotFoundPage backTo="/contacts" backLabel={t('contacts.back')} />
  if (contact.isPending) return <Loading />
  if (contact.isError) return <ErrorAlert error={contact.error} />
  return <ContactEditor key={`${contact.data.id}`} existing={contact.data} />
}

/** Confidentiality exceptions about this contact (a disclosure made after the call), and the way to record one. */
function ContactExceptions({ contact }: { contact: ContactView }) {
  const { data: me } = useMe()
  return <ExceptionsSection subject={{ kind: 'contact', id: contact.id }} canRecord={can(me, 'exception.record')} />
}
