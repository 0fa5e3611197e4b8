import { ActionIcon, Button } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me } from '../../api/types'
import { can } from '../../auth/use-me'
import { lazyNamed } from '../../components/lazy-page'
import { withAllTranslations } from '../../i18n'

// The dialog shows a result's kind in the words of its screen: it waits for every French area.
const loadDialog = () => withAllTranslations(import('./search-dialog'))
const SearchDialog = lazyNamed<'SearchDialog', { opened: boolean; onClose: () => void }>(loadDialog, 'SearchDialog')
const prefetch = () => void loadDialog().catch(() => undefined)

/** Whether a key typed here is text being written (then "/" is a slash, not the shortcut). */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return target.closest('input, textarea, select, [role="combobox"], [role="textbox"]') !== null
}

/**
 * The header's search: a button, and the shortcuts "/" (outside a text field) and Ctrl+K / Cmd+K,
 * open a dialog that finds cases, persons and partners the user may open. Mantine's modal gives
 * focus back to what had it when the dialog opened (the button, or where the shortcut was typed).
 * The dialog is fetched when the pointer or the focus reaches the button, or a shortcut's first
 * key is pressed, and shown once it has arrived.
 */
export function GlobalSearch({ me, compact }: { me: Me; compact: boolean }) {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  // Mounted from the first opening on, so that closing keeps Mantine's exit and focus return.
  const [wanted, setWanted] = useState(false)
  const open = () => {
    setWanted(true)
    setOpened(true)
  }
  const allowed = can(me, 'person.search')

  useEffect(() => {
    if (!allowed) return
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey) return
      if (e.key === 'Control' || e.key === 'Meta') prefetch()
      const modK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k'
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !isTextField(e.target)
      if (!modK && !slash) return
      e.preventDefault()
      setWanted(true)
      setOpened(true)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [allowed])

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
          <SearchDialog opened={opened} onClose={() => setOpened(false)} />
        </Suspense>
      ) : null}
    </>
  )
}
