import { Button } from '@mantine/core'
import { IconPencil } from '@tabler/icons-react'
import { Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView } from '../../api/types'
import { lazyNamed } from '../../components/lazy-page'

// The form (the date fields of a mandate, the framework's selects) is fetched when the button is
// reached, not with the case.
const loadDialog = () => import('./details-form')
const DetailsDialog = lazyNamed(loadDialog, 'DetailsDialog')
const prefetch = () => void loadDialog().catch(() => undefined)

/** The case's workers and lead correct the situation and the framework: a mandate extended, new conditions. */
export function EditDetailsButton({ a }: { a: AccompanimentView }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  // Mounted from the first opening on, so that closing keeps the dialog's exit and focus return.
  const [wanted, setWanted] = useState(false)
  return (
    <>
      <Button
        variant="light"
        leftSection={<IconPencil size={16} aria-hidden />}
        onClick={() => {
          setWanted(true)
          setOpen(true)
        }}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        data-testid="edit-details"
      >
        {t('caseDetails.edit')}
      </Button>
      {wanted ? (
        <Suspense fallback={null}>
          <DetailsDialog a={a} opened={open} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  )
}
