import { Checkbox, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useDocuments } from '../casework/use-casework'
import { usePlan } from '../desistance/use-plan'

/**
 * The documents and plan goals a referral shares, ticked one by one. Shown only when the field is
 * shared; the server refuses, by name, a document that is not the case's or a signed consent form.
 */
export function ReferralSelectionFields(props: {
  caseId: string
  documents: boolean
  goals: boolean
  documentIds: string[]
  planGoalIds: string[]
  onDocuments: (ids: string[]) => void
  onGoals: (ids: string[]) => void
  errorOf: (field: string) => string | undefined
}) {
  const { t } = useTranslation()
  const docs = useDocuments(props.caseId)
  const plan = usePlan(props.caseId)
  const docItems = docs.data?.items ?? []
  const goals = plan.data?.goals ?? []
  return (
    <>
      {props.documents ? (
        <Checkbox.Group
          label={t('referrals.form.documents')}
          description={t('referrals.form.documentsHelp')}
          value={props.documentIds}
          onChange={props.onDocuments}
          error={props.errorOf('documentIds')}
        >
          <Stack gap={6} mt={4} data-testid="referral-documents">
            {docItems.length === 0 ? <Text size="sm">{t('referrals.form.noDocuments')}</Text> : null}
            {docItems.map((d) => (
              <Checkbox key={d.id} value={d.id} label={d.filename} />
            ))}
          </Stack>
        </Checkbox.Group>
      ) : null}
      {props.goals ? (
        <Checkbox.Group
          label={t('referrals.form.goals')}
          description={t('referrals.form.goalsHelp')}
          value={props.planGoalIds}
          onChange={props.onGoals}
          error={props.errorOf('planGoalIds')}
        >
          <Stack gap={6} mt={4} data-testid="referral-goals">
            {goals.length === 0 ? <Text size="sm">{t('referrals.form.noGoals')}</Text> : null}
            {goals.map((g) => (
              <Checkbox key={g.id} value={g.id} label={g.title} />
            ))}
          </Stack>
        </Checkbox.Group>
      ) : null}
    </>
  )
}
