import { ActionIcon, Button } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me } from '../../api/types'
import { can } from '../../auth/use-me'
import { lazyNamed } from '../../components/lazy-page'
import { withAllTranslations } from '../../i18n'

// The dialog shows a result's kind in the words of its screen: it waits for every French area.
const loadDialog = () => withAllTranslations(import('./search-dialog'))
const SearchDialog = lazyNamed<'SearchDialog', { opened: boolean; onClose: () => void; takeTyped: () => string }>(
  loadDialog,
  'SearchDialog',
)
const prefetch = () => void loadDialog().catch(() => undefined)

/** Whether a key typed here is text being written (then "/" is a slash, not the shortcut). */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return target.closest('input, textarea, select, [role="combobox"], [role="textbox"]') !== null
}

/** How long keys typed before the search box has the focus are kept for it, at most. */
const TYPED_AHEAD_MS = 5000

/**
 * The header's search: a button, and the shortcuts "/" (outside a text field) and Ctrl+K / Cmd+K,
 * open a dialog that finds cases, persons and partners the user may open. Mantine's modal gives
 * focus back to what had it when the dialog opened (the button, or where the shortcut was typed).
 * The dialog is fetched when the pointer or the focus reaches the button, or a shortcut's first
 * key is pressed, and shown once it has arrived. What is typed between the opening and the box's
 * focus ("/" then a name at once, on a page opened cold) is kept and handed to the box, not lost.
 */
export function GlobalSearch({ me, compact }: { me: Me; compact: boolean }) {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  // Mounted from the first opening on, so that closing keeps Mantine's exit and focus return.
  const [wanted, setWanted] = useState(false)
  // Keys typed since the opening, until the box takes them (null: not waiting for the box).
  const typed = useRef<string | null>(null)
  const stopWaiting = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const waitForBox = () => {
    typed.current = ''
    clearTimeout(stopWaiting.current)
    // Should the box never come (its code could not be fetched), the page's keys are not kept for ever.
    stopWaiting.current = setTimeout(() => (typed.current = null), TYPED_AHEAD_MS)
  }
  const takeTyped = useCallback(() => {
    const text = typed.current ?? ''
    typed.current = null
    clearTimeout(stopWaiting.current)
    return text
  }, [])
  const open = () => {
    waitForBox()
    setWanted(true)
    setOpened(true)
  }
  const close = useCallback(() => {
    takeTyped()
    setOpened(false)
  }, [takeTyped])
  const allowed = can(me, 'person.search')

  useEffect(() => {
    if (!allowed) return
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey) return
      if (typed.current !== null && !e.ctrlKey && !e.metaKey && !isTextField(e.target)) {
        // The dialog is on its way: what is typed meanwhile is for its box.
        if (e.key.length === 1) typed.current += e.key
        else if (e.key === 'Backspace') typed.current = typed.current.slice(0, -1)
        else if (e.key === 'Escape') close()
        else return
        e.preventDefault()
        return
      }
      if (e.key === 'Control' || e.key === 'Meta') prefetch()
      const modK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k'
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !isTextField(e.target)
      if (!modK && !slash) return
      e.preventDefault()
      open()
    }
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      clearTimeout(stopWaiting.current)
    }
  }, [allowed, close])

  if (!allowed) return null
  const trigger = compact ? (
    <ActionIcon
      variant="default"
      size="lg"
      onClick={open}
      onPointerEnter={prefetch}
      onFocus={prefetch}
      aria-label={t('globalSearch.open')}
      aria-haspopup="dialog"
      data-testid="global-search-open"
    >
      <IconSearch size={18} aria-hidden />
    </ActionIcon>
  ) : (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconSearch size={16} aria-hidden />}
      onClick={open}
      onPointerEnter={prefetch}
      onFocus={prefetch}
      aria-haspopup="dialog"
      aria-keyshortcuts="/ Control+K Meta+K"
      data-testid="global-search-open"
    >
      {t('globalSearch.open')}
    </Button>
  )
  return (
    <>
      {trigger}
      {wanted ? (
        <Suspense fallback={null}>
          <SearchDialog opened={opened} onClose={close} takeTyped={takeTyped} />
        </Suspense>
      ) : null}
    </>
  )
}
