import './sheets.css'
import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { LANGUAGES, type Language } from '../../../../common/roles'
import { isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { isLanguage } from '../../i18n'
import { useSheetAddress } from './sheet.page'
import { MarkdownBody } from './sheet-text'
import {
  SHEET_AUDIENCES,
  SHEET_KINDS,
  type SheetMetadata,
  type SheetView,
  useCreateSheet,
  usePublish,
  useSaveDraft,
  useSheet,
  useUpdateSheet,
} from './use-sheets'

const themesOf = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean)

/** Kind, audiences, themes and the public flag. */
function MetadataFields({
  value,
  onChange,
}: {
  value: SheetMetadata & { themesText: string }
  onChange: (v: SheetMetadata & { themesText: string }) => void
}) {
  const { t } = useTranslation()
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('sheets.kind')}
        value={value.kind}
        onChange={(e) => onChange({ ...value, kind: e.currentTarget.value as SheetMetadata['kind'] })}
        data={SHEET_KINDS.map((k) => ({ value: k, label: t(`sheets.kinds.${k}`) }))}
      />
      <Checkbox.Group
        label={t('sheets.audience')}
        value={value.audiences}
        onChange={(a) => onChange({ ...value, audiences: a as SheetMetadata['audiences'] })}
      >
        <Group gap="md" mt={4}>
          {SHEET_AUDIENCES.map((a) => (
            <Checkbox key={a} value={a} label={t(`sheets.audiences.${a}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <TextInput
        label={t('sheets.themes')}
        description={t('sheets.themesHelp')}
        value={value.themesText}
        onChange={(e) => onChange({ ...value, themesText: e.currentTarget.value })}
      />
      <Checkbox
        label={t('sheets.public')}
        description={t('sheets.publicHelp')}
        checked={value.public}
        onChange={(e) => onChange({ ...value, public: e.currentTarget.checked })}
      />
    </Stack>
  )
}

/** Title and Markdown body, with the preview as readers will see it. */
function TextFields(props: { language: Language; title: string; body: string; onTitle: (v: string) => void; onBody: (v: string) => void }) {
  const { t } = useTranslation()
  return (
    <Stack gap="sm">
      <TextInput
        label={t('sheets.sheetTitle')}
        value={props.title}
        onChange={(e) => props.onTitle(e.currentTarget.value)}
        maxLength={200}
        required
        lang={props.language}
      />
      <Textarea
        label={t('sheets.body')}
        description={t('sheets.bodyHelp')}
        value={props.body}
        onChange={(e) => props.onBody(e.currentTarget.value)}
        autosize
        minRows={10}
        required
        lang={props.language}
        data-testid="sheet-body-input"
      />
      <section aria-labelledby="sheet-preview-title">
        <Title order={2} size="h5" id="sheet-preview-title" mb={4}>
          {t('sheets.preview')}
        </Title>
        <div className="sheet-preview" data-testid="sheet-preview">
          <MarkdownBody source={props.body} language={props.language} />
        </div>
      </section>
    </Stack>
  )
}

export function SheetCreatePage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const create = useCreateSheet()
  const [code, setCode] = useState('')
  const [language, setLanguage] = useState<Language>('fr')
  const [meta, setMeta] = useState<SheetMetadata & { themesText: string }>({
    kind: 'general',
    audiences: [],
    themes: [],
    public: false,
    themesText: '',
  })
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { themesText, ...rest } = meta
    create.mutate(
      { ...rest, themes: themesOf(themesText), code, language, text: { title, body } },
      { onSuccess: (s) => navigate(`/sheets/${s.id}/edit?lang=${language}`) },
    )
  }
  return (
    <>
      <PageHeader title={t('sheets.new')} description={t('sheets.newDescription')} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={900}>
          <ErrorAlert error={create.error} />
          <TextInput
            label={t('sheets.code')}
            description={t('sheets.codeHelp')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            required
          />
          <MetadataFields value={meta} onChange={setMeta} />
          <NativeSelect
            label={t('sheets.textLanguage')}
            value={language}
            onChange={(e) => isLanguage(e.currentTarget.value) && setLanguage(e.currentTarget.value)}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          />
          <TextFields language={language} title={title} body={body} onTitle={setTitle} onBody={setBody} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('sheets.createDraft')}
            </Button>
            <Button component={Link} to="/sheets" variant="subtle">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  )
}

/** The text of one language: edit the draft (or start one from the published text), publish, withdraw. */
function LanguageEditor({ sheet, language }: { sheet: SheetView; language: Language }) {
  const { t } = useTranslation()
  const base = sheet.draft ?? sheet.text
  const [title, setTitle] = useState(base?.title ?? '')
  const [body, setBody] = useState(base?.body ?? '')
  const [notice, setNotice] = useState<string | null>(null)
  const save = useSaveDraft(sheet.id)
  const publish = usePublish(sheet.id)
  const error = save.error ?? publish.error
  const state = sheet.languages.find((l) => l.language === language)
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate(
          { language, title, body, version: sheet.version },
          { onSuccess: (s) => setNotice(t('sheets.draftSaved', { version: s.draft?.version })) },
        )
      }}
      noValidate
    >
      <Stack gap="md">
        <Text data-testid="sheet-language-state">
          {state?.published ? t('sheets.publishedVersion', { version: state.published.version }) : t('sheets.nothingPublished')}
          {' · '}
          {state?.draft ? t('sheets.draftVersion', { version: state.draft.version }) : t('sheets.noDraft')}
        </Text>
        <div role="status" className="live-region">
          {notice ? (
            <Alert color="green" variant="light">
              {notice}
            </Alert>
          ) : null}
        </div>
        {isApiError(error, 'version.mismatch') ? <Alert color="red">{t('sheets.changedMeanwhile')}</Alert> : <ErrorAlert error={error} />}
        <TextFields language={language} title={title} body={body} onTitle={setTitle} onBody={setBody} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('sheets.saveDraft')}
          </Button>
          <Button
            variant="light"
            color="green"
            disabled={!sheet.draft}
            loading={publish.isPending}
            onClick={() =>
              publish.mutate(
                { language, version: sheet.version },
                { onSuccess: (s) => setNotice(t('sheets.publishedNotice', { version: s.text?.version })) },
              )
            }
          >
            {t('sheets.publish')}
          </Button>
          {sheet.text ? (
            <Button
              variant="subtle"
              color="red"
              loading={publish.isPending}
              onClick={() =>
                publish.mutate(
                  { language, version: sheet.version, withdraw: true },
                  { onSuccess: () => setNotice(t('sheets.withdrawnNotice')) },
                )
              }
            >
              {t('sheets.unpublish')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  )
}

export function SheetEditPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { id, language } = useSheetAddress()
  const sheet = useSheet(id, language)
  const update = useUpdateSheet(id)
  const [meta, setMeta] = useState<(SheetMetadata & { themesText: string }) | null>(null)
  if (!sheet.data) return sheet.error ? <ErrorAlert error={sheet.error} /> : <Loading />
  const s = sheet.data
  const current = meta ?? { kind: s.kind, audiences: s.audiences, themes: s.themes, public: s.public, themesText: s.themes.join(', ') }
  return (
    <>
      <PageHeader
        title={t('sheets.editTitle', { code: s.code })}
        actions={
          <Button component={Link} to={`/sheets/${id}?lang=${language}`} variant="subtle">
            {t('sheets.backToSheet')}
          </Button>
        }
      />
      <Stack gap="xl" maw={900}>
        <section aria-labelledby="sheet-meta-title">
          <Title order={2} size="h4" id="sheet-meta-title" mb="sm">
            {t('sheets.about')}
          </Title>
          <form
            onSubmit={(e) => {
              e.preventDefault()
              const { themesText, ...rest } = current
              update.mutate({ body: { ...rest, themes: themesOf(themesText) }, version: s.version }, { onSuccess: () => setMeta(null) })
            }}
            noValidate
          >
            <Stack gap="sm">
              <ErrorAlert error={update.error} />
              <MetadataFields value={current} onChange={setMeta} />
              <Group>
                <Button type="submit" variant="light" loading={update.isPending}>
                  {t('sheets.saveAbout')}
                </Button>
              </Group>
            </Stack>
          </form>
        </section>
        <section aria-labelledby="sheet-text-title">
          <Title order={2} size="h4" id="sheet-text-title" mb="sm">
            {t('sheets.textIn', { language: t(`languages.${language}`) })}
          </Title>
          <NativeSelect
            label={t('sheets.textLanguage')}
            value={language}
            onChange={(e) => navigate(`/sheets/${id}/edit?lang=${e.currentTarget.value}`, { replace: true })}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            mb="md"
            data-testid="sheet-edit-language"
          />
          <LanguageEditor key={`${language}:${s.draft?.version ?? 0}:${s.text?.version ?? 0}`} sheet={s} language={language} />
        </section>
      </Stack>
    </>
  )
}
