export const ROLES = ['intake', 'worker', 'lead', 'partner', 'researcher', 'dpo', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const LANGUAGES = ['fr', 'nl', 'de', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
