import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import { api } from '../../api/client'
import type * as Reports from '../../../../common/contracts/reports.contracts'

export type ReportView = z.infer<typeof Reports.ReportView>
export type ReportInput = z.input<typeof Reports.ReportInput>

/** Repeated from the contract so the bundle does not pull in zod; the type keeps both in step. */
export const ENGAGEMENT = ['active', 'partial', 'insufficient'] as const satisfies readonly (typeof Reports.ENGAGEMENT)[number][]
export type Engagement = (typeof ENGAGEMENT)[number]

const base = (id: string) => `/api/accompaniments/${encodeURIComponent(id)}/reports`

export function useReports(accompanimentId: string) {
  return useQuery({
    queryKey: ['accompaniments', accompanimentId, 'reports'],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/reports', { path: { id: accompanimentId }, signal }),
  })
}

export function useCreateReport(accompanimentId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: ReportInput) => api.post('/api/accompaniments/{id}/reports', { path: { id: accompanimentId }, body: input }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['accompaniments', accompanimentId, 'reports'] })
    },
  })
}

export const reportPdfUrl = (accompanimentId: string, reportId: string) => `${base(accompanimentId)}/${encodeURIComponent(reportId)}/pdf`
export const reportPagePath = (accompanimentId: string, reportId: string) =>
  `/accompaniments/${encodeURIComponent(accompanimentId)}/reports/${encodeURIComponent(reportId)}`
