/** 0041: the records of processing and the breach register. See ../schema.ts for the conventions. */
import type {
  BREACH_NATURES,
  BREACH_STATUSES,
  DataCategory,
  NOTIFICATION_DECISIONS,
  RegisterSettings,
  SubjectCategory,
} from '../../../common/contracts/registers.contracts'
import type { Json } from '../json'

export interface RegistersTables {
  /** One row (`id` 'register'): what the DPO writes into the records of processing. No person's data. */
  processing_register: {
    id: string
    settings: Json<Partial<RegisterSettings>>
    updated_by: string | null
    updated_at: string | null
    version: number
  }
  breaches: {
    id: string
    discovered_at: string
    nature: Json<(typeof BREACH_NATURES)[number][]>
    /** Description, consequences, measures, how or why not people were told: sealed with a system secret. */
    content_sealed: string
    subject_categories: Json<SubjectCategory[]>
    data_categories: Json<DataCategory[]>
    persons_affected: number | null
    records_affected: number | null
    authority_decision: (typeof NOTIFICATION_DECISIONS)[number]
    authority_notified_at: string | null
    authority_reference: string | null
    persons_decision: (typeof NOTIFICATION_DECISIONS)[number]
    persons_notified_at: string | null
    status: (typeof BREACH_STATUSES)[number]
    closed_at: string | null
    recorded_by: string
    recorded_at: string
    updated_by: string
    updated_at: string
    version: number
  }
}
