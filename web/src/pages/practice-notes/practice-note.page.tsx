import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core'
import { IconArrowLeft, IconPencil } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { PracticeComment } from '../../../../common/contracts/practice-notes.contracts'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { isLanguage } from '../../i18n'
import { makeFormat } from '../../i18n/formatters'
import { EvidenceLink } from './evidence-link'

/** One practice note, and the discussion about it: workers, leads and researchers answer it. */
export function PracticeNotePage() {
  const { noteId } = useParams()
  const { t, i18n } = useTranslation()
  const fmt = makeFormat(isLanguage(i18n.language) ? i18n.language : 'fr')
  const me = useMe().data
  const note = useQuery({
    queryKey: ['practice-notes', 'one', noteId],
    queryFn: () => api.get('/api/practice-notes/{noteId}', { path: { noteId: noteId! } }),
  })
  if (!note.data) return note.error ? <ErrorAlert error={note.error} /> : <Loading />
  const n = note.data
  const teamName = n.evidence ? me?.teams.find((x) => x.id === n.evidence?.teamId)?.name : undefined
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/practice-notes" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('practiceNotes.back')}
        </Group>
      </Anchor>
      <PageHeader
        title={n.title}
        description={t('practiceNotes.byline', { name: n.author.displayName, date: fmt.date(n.createdAt) })}
        actions={
          n.mine && can(me, 'practice_note.write') ? (
            <Button component={Link} to={`/practice-notes/${n.id}/edit`} variant="light" leftSection={<IconPencil size={16} aria-hidden />}>
              {t('practiceNotes.edit')}
            </Button>
          ) : null
        }
      />
      <Group gap={6} aria-label={t('practiceNotes.fields.tags')} role="list">
        {n.themes.map((c) => (
          <Badge key={c} variant="light" color="petrol" role="listitem">
            {t(`practiceNotes.themes.${c}`)}
          </Badge>
        ))}
        {n.lifeDomains.map((c) => (
          <Badge key={c} variant="outline" color="dark" role="listitem">
            {t(`lifeDomains.${c}`)}
          </Badge>
        ))}
      </Group>
      <Text style={{ whiteSpace: 'pre-wrap' }} maw={760} data-testid="note-body">
        {n.body}
      </Text>
      {n.evidence ? <EvidenceLink evidence={n.evidence} teamName={teamName} /> : null}
      <Comments noteId={n.id} comments={n.commentList} canComment={can(me, 'practice_note.comment')} fmt={fmt} />
    </Stack>
  )
}

function Comments({
  noteId,
  comments,
  canComment,
  fmt,
}: {
  noteId: string
  comments: PracticeComment[]
  canComment: boolean
  fmt: ReturnType<typeof makeFormat>
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [body, setBody] = useState('')
  const send = useMutation({
    mutationFn: () => api.post('/api/practice-notes/{noteId}/comments', { path: { noteId }, body: { body } }),
    onSuccess: (view) => {
      setBody('')
      queryClient.setQueryData(['practice-notes', 'one', noteId], view)
      void queryClient.invalidateQueries({ queryKey: ['practice-notes'], exact: false, refetchType: 'none' })
    },
  })
  const errors = useFieldErrors(send.error, [], 'practiceNotes.errors')
  return (
    <Stack gap="sm" component="section" aria-labelledby="note-comments" maw={760}>
      <Title order={2} size="h3" id="note-comments">
        {t('practiceNotes.comments.title')}
      </Title>
      {comments.length === 0 ? (
        <Text c="gray.7">{t('practiceNotes.comments.none')}</Text>
      ) : (
        <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }} data-testid="note-comments">
          {comments.map((c) => (
            <Card component="li" key={c.id} withBorder padding="sm" radius="md">
              <Text size="sm" c="gray.7">
                {t('practiceNotes.byline', { name: c.author.displayName, date: fmt.dateTimeShort(c.createdAt) })}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Text>
            </Card>
          ))}
        </Stack>
      )}
      {canComment ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            send.mutate()
          }}
          noValidate
        >
          <Stack gap="xs">
            <Textarea
              label={t('practiceNotes.comments.new')}
              description={t('practiceNotes.noCodesHint')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={2}
              required
              error={errors.of('body')}
            />
            {send.error && !errors.any ? <ErrorAlert error={send.error} /> : null}
            {errors.others(['body']).map((m) => (
              <Alert key={m} color="red" variant="light">
                {m}
              </Alert>
            ))}
            <Group>
              <Button type="submit" loading={send.isPending} disabled={!body.trim()}>
                {t('practiceNotes.comments.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  )
}
