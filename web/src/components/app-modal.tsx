import { Modal } from '@mantine/core'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useReturnFocus } from './return-focus'

/**
 * Mantine's Modal with a plain `div` header: its default `<header>` would count as a second
 * page banner for assistive technologies. Every dialog of the app is one of these, so that the
 * focus goes back to its opener when it closes (`useReturnFocus`).
 */
export function AppModal(props: { opened: boolean; onClose: () => void; title: string; size?: string; children: ReactNode }) {
  const { t } = useTranslation()
  const marker = useId()
  useReturnFocus(props.opened, marker)
  return (
    <Modal.Root opened={props.opened} onClose={props.onClose} size={props.size ?? 'lg'} returnFocus={false}>
      <Modal.Overlay />
      <Modal.Content data-dialog={marker}>
        <Modal.Header {...{ component: 'div' }}>
          <Modal.Title fz="lg" fw={600}>
            {props.title}
          </Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>{props.children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  )
}
