import { Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { type KeyboardEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import type { SearchHit } from '../../../../common/contracts/search.contracts'
import { SEARCH_KINDS } from '../../../../common/vocabulary'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useMedia } from '../../components/use-media'
import { useClearRecent, useRecent } from './use-recent'

/**
 * The search dialog of the header (global-search.tsx), a chunk of its own: the modal and its
 * focus handling are fetched when the user reaches for the search, not with every first screen.
 */
export function SearchDialog({ opened, onClose, takeTyped }: { opened: boolean; onClose: () => void; takeTyped: () => string }) {
  const { t } = useTranslation()
  const phone = useMedia('(max-width: 47.99em)')
  const navigate = useNavigate()
  const [q, setQ] = useState('')
  const [debounced] = useDebouncedValue(q.trim(), 250)
  const term = debounced.slice(0, 200)
  const listRef = useRef<HTMLDivElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const statusId = useId()
  const searching = term.length > 0 && q.trim().length > 0

  const search = useQuery({
    queryKey: ['globalSearch', term],
    // POST: what was typed never appears in a URL or an access log.
    queryFn: ({ signal }) => api.post('/api/search', { body: { q: term }, signal }),
    enabled: opened && searching,
    placeholderData: keepPreviousData,
    staleTime: 0,
    gcTime: 0,
  })

  const close = () => {
    onClose()
    setQ('')
  }
  const links = () => [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-result]') ?? [])]
  // Arrow keys go from the box to the results and between them; Enter on a result follows its link.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    const all = links()
    if (all.length === 0) return
    e.preventDefault()
    const at = all.indexOf(document.activeElement as HTMLAnchorElement)
    if (e.key === 'ArrowDown') all[at < 0 ? 0 : Math.min(at + 1, all.length - 1)]?.focus()
    else if (at <= 0) inputRef.current?.focus()
    else all[at - 1]?.focus()
  }
  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return
    const first = links()[0]
    if (!first) return
    e.preventDefault()
    close()
    void navigate(first.getAttribute('href') ?? '/')
  }

  const items = searching ? (search.data?.items ?? []) : []
  const status = !searching
    ? ''
    : search.isError
      ? ''
      : search.isFetching && !search.data
        ? t('globalSearch.searching')
        : items.length === 0
          ? t('globalSearch.none')
          : t('globalSearch.results', { count: items.length })

  return (
    <Modal.Root opened={opened} onClose={close} size="lg" fullScreen={phone} trapFocus returnFocus>
      <Modal.Overlay />
      <Modal.Content data-testid="global-search">
        <Modal.Header {...{ component: 'div' }}>
          <Modal.Title fz="lg" fw={600}>
            {t('globalSearch.title')}
          </Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>
          <div onKeyDown={onKeyDown}>
            <Stack gap="md">
              <TextInput
                ref={inputRef}
                data-autofocus
                type="search"
                label={t('globalSearch.label')}
                placeholder={t('globalSearch.placeholder')}
                leftSection={<IconSearch size={16} aria-hidden />}
                value={q}
                maxLength={200}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setQ(e.currentTarget.value)}
                // What was typed before the box had the focus (the dialog arriving, fading in).
                onFocus={() => {
                  const ahead = takeTyped()
                  if (ahead) setQ((was) => (was + ahead).slice(0, 200))
                }}
                onKeyDown={onInputKey}
                aria-describedby={statusId}
                data-testid="global-search-input"
              />
              <Text size="sm" c="gray.7" id={statusId} role="status" aria-live="polite">
                {status}
              </Text>
              {search.isError && searching ? <ErrorAlert error={search.error} /> : null}
              <div ref={listRef}>{searching ? <Results items={items} onPick={close} /> : <Recent enabled={opened} onPick={close} />}</div>
              {!searching ? (
                <Text size="sm" c="gray.7">
                  {t('globalSearch.hint')}
                </Text>
              ) : null}
            </Stack>
          </div>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  )
}

/** With the box empty: the cases and persons opened last, and a way to forget them. */
function Recent({ enabled, onPick }: { enabled: boolean; onPick: () => void }) {
  const { t } = useTranslation()
  const recent = useRecent(enabled)
  const clear = useClearRecent()
  const headingId = useId()
  const list = recent.data?.items ?? []
  if (recent.isError) return <ErrorAlert error={recent.error} />
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Text component="h3" fw={600} size="sm" id={headingId} m={0}>
          {t('globalSearch.recent')}
        </Text>
        {list.length > 0 ? (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => clear.mutate()}
            loading={clear.isPending}
            data-testid="global-search-clear"
          >
            {t('globalSearch.clearRecent')}
          </Button>
        ) : null}
      </Group>
      {list.length === 0 ? (
        <Text size="sm" c="gray.7">
          {recent.isPending ? t('common.loading') : t('globalSearch.recentNone')}
        </Text>
      ) : (
        <HitList items={list} labelledBy={headingId} onPick={onPick} withKind />
      )}
    </Stack>
  )
}

/** The results grouped by kind, in a fixed order (cases, persons, partners), each group under its heading. */
function Results({ items, onPick }: { items: SearchHit[]; onPick: () => void }) {
  const { t } = useTranslation()
  const baseId = useId()
  return (
    <Stack gap="md">
      {SEARCH_KINDS.map((kind) => {
        const group = items.filter((i) => i.kind === kind)
        if (group.length === 0) return null
        const headingId = `${baseId}-${kind}`
        return (
          <Stack gap={4} key={kind} data-testid={`global-search-group-${kind}`}>
            <Text component="h3" fw={600} size="sm" id={headingId} m={0}>
              {t(`globalSearch.kinds.${kind}`)}
            </Text>
            <HitList items={group} labelledBy={headingId} onPick={onPick} />
          </Stack>
        )
      })}
    </Stack>
  )
}

function HitList({
  items,
  labelledBy,
  onPick,
  withKind = false,
}: {
  items: SearchHit[]
  labelledBy: string
  onPick: () => void
  withKind?: boolean
}) {
  const { t } = useTranslation()
  return (
    <ul aria-labelledby={labelledBy} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((hit) => (
        <li key={`${hit.kind}:${hit.id}`}>
          <Anchor
            component={Link}
            to={hit.link}
            onClick={onPick}
            data-result
            data-kind={hit.kind}
            underline="never"
            display="flex"
            py={6}
            px="xs"
            style={{
              gap: 'var(--mantine-spacing-sm)',
              justifyContent: 'space-between',
              alignItems: 'baseline',
              borderRadius: 'var(--mantine-radius-sm)',
            }}
          >
            <span>
              {withKind && hit.kind !== 'partner' ? (
                <Text span size="xs" c="gray.7" mr={6}>
                  {t(`globalSearch.recentKinds.${hit.kind}`)}
                </Text>
              ) : null}
              <span style={{ textDecoration: 'underline' }}>{hit.label}</span>
            </span>
            {hit.code ? (
              <Text span size="sm" c="gray.7" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {hit.code}
              </Text>
            ) : null}
          </Anchor>
        </li>
      ))}
    </ul>
  )
}
