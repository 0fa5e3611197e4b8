import { Modal } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * Mantine's Modal with a plain `div` header: its default `<header>` would count as a second
 * page banner for assistive technologies.
 */
export function AppModal(props: { opened: boolean; onClose: () => void; title: string; size?: string; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Modal.Root opened={props.opened} onClose={props.onClose} size={props.size ?? 'lg'}>
      <Modal.Overlay />
      <Modal.Content>
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
