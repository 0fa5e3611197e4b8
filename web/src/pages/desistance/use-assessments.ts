import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type * as Instruments from '../../../../common/contracts/instruments.contracts'
import { api } from '../../api/client'
import { isLanguage } from '../../i18n'

export type InstrumentView = z.infer<typeof Instruments.InstrumentView>
export type InstrumentList = z.infer<typeof Instruments.InstrumentList>
export type InstrumentVersionView = z.infer<typeof Instruments.InstrumentVersionView>
export type InstrumentDefinition = z.infer<typeof Instruments.InstrumentDefinition>
export type InstrumentItem = z.infer<typeof Instruments.InstrumentItem>
export type Labels = z.infer<typeof Instruments.Labels>
export type Answers = z.infer<typeof Instruments.Answers>
export type AssessmentView = z.infer<typeof Instruments.AssessmentView>
export type AssessmentSummary = z.infer<typeof Instruments.AssessmentSummary>
export type AssessmentDetail = z.infer<typeof Instruments.AssessmentDetail>
export type AssessmentList = z.infer<typeof Instruments.AssessmentList>

export const INSTRUMENTS_KEY = ['instruments'] as const

export function useInstruments() {
  return useQuery({
    queryKey: INSTRUMENTS_KEY,
    queryFn: ({ signal }) => api.get('/api/instruments', { signal }),
    staleTime: 60_000,
  })
}

export function useAssessments(accompanimentId: string) {
  return useQuery({
    queryKey: ['accompaniments', accompanimentId, 'assessments'],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/assessments', { path: { id: accompanimentId }, signal }),
  })
}

export function useAssessment(accompanimentId: string, assessmentId: string | null) {
  return useQuery({
    queryKey: ['accompaniments', accompanimentId, 'assessments', assessmentId],
    queryFn: ({ signal }) =>
      api.get('/api/accompaniments/{id}/assessments/{assessmentId}', {
        path: { id: accompanimentId, assessmentId: assessmentId ?? '' },
        signal,
      }),
    enabled: !!assessmentId,
  })
}

/** Create (no `assessment`) or update an answer set; the list and the set refresh afterwards. */
export function useSaveAssessment(accompanimentId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { instrument: string; assessment: AssessmentView | null; takenOn: string; answers: Answers }) =>
      v.assessment
        ? api.put('/api/accompaniments/{id}/assessments/{assessmentId}', {
            path: { id: accompanimentId, assessmentId: v.assessment.id },
            body: { takenOn: v.takenOn, answers: v.answers },
            ifMatch: v.assessment.version,
          })
        : api.post('/api/accompaniments/{id}/assessments', {
            path: { id: accompanimentId },
            body: { instrument: v.instrument, takenOn: v.takenOn, answers: v.answers },
          }),
    onSuccess: (saved) => client.setQueryData(['accompaniments', accompanimentId, 'assessments', saved.id], saved),
    onSettled: () => client.invalidateQueries({ queryKey: ['accompaniments', accompanimentId, 'assessments'], exact: true }),
  })
}

/** Instrument labels come from the definition itself, in the UI language (French as fallback). */
export function useLabel() {
  const { i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  return (labels: Labels | undefined): string => (labels ? labels[lang] || labels.fr : '')
}
