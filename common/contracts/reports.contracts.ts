import { z } from 'zod'
import { Instant } from './shared.contracts'
import { LANGUAGES } from '../roles'
import { ATTENDANCE } from './case-sessions.contracts'

export const ENGAGEMENT = ['active', 'partial', 'insufficient'] as const

export const ReportInput = z
  .object({
    periodFrom: z.iso.date(),
    periodTo: z.iso.date(),
    engagement: z.enum(ENGAGEMENT),
    /** A short statement for the authority; never the notes or the desistance work. */
    engagementComment: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    recipient: z.string().trim().min(1).max(300),
    language: z.enum(LANGUAGES).default('fr'),
    sentAt: Instant.optional(),
  })
  .refine((r) => r.periodFrom <= r.periodTo, { path: ['periodTo'], message: 'before_start' })

/** Exactly what the framework allows the authority to learn: frozen when the report is made. */
export const ReportContent = z.object({
  caseCode: z.string(),
  personName: z.string(),
  measure: z.string().nullable(),
  mandateStart: z.string().nullable(),
  mandateEnd: z.string().nullable(),
  periodFrom: z.string(),
  periodTo: z.string(),
  sessions: z.array(z.object({ date: z.string(), status: z.string(), attendance: z.enum(ATTENDANCE).nullable() })),
  attendance: z.record(z.string(), z.number().int()),
  engagement: z.enum(ENGAGEMENT),
  engagementComment: z.string().nullable(),
  worker: z.string(),
})

export const ReportView = z.object({
  id: z.uuid(),
  accompanimentId: z.uuid(),
  recipient: z.string(),
  sentAt: z.string(),
  language: z.enum(LANGUAGES),
  createdBy: z.string(),
  content: ReportContent,
})
export const ReportList = z.object({ items: z.array(ReportView) })
export const ReportParams = z.object({ id: z.uuid(), reportId: z.uuid() })
