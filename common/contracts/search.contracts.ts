import { z } from 'zod'
import { MAX_QUERY_WORDS } from '../person-search'
import { SEARCH_KINDS } from '../vocabulary'

/**
 * The header's search box (issue 12, "finding things"): one query across cases, persons and
 * partner organisations, each kind searched through its own door, so that it finds exactly what
 * the caller may open. A POST body: what was typed never appears in a URL or an access log.
 */
export const GlobalSearchBody = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((q) => q.split(/\s+/).length <= MAX_QUERY_WORDS, 'too_many_words'),
})

export { SEARCH_KINDS, type SearchKind } from '../vocabulary'

/** One result: what the list shows and where it leads, nothing more. */
export const SearchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.uuid(),
  /** The case or person code (pseudonymous); none for a partner organisation. */
  code: z.string().nullable(),
  /** The client's name for a case, the person's name, the organisation's name. */
  label: z.string(),
  /** The web app's page for it. */
  link: z.string(),
})
export type SearchHit = z.infer<typeof SearchHit>

export const GlobalSearchResult = z.object({
  items: z.array(SearchHit),
  /** The kinds this caller's roles let the search look into (a kind left out was not searched). */
  searched: z.array(z.enum(SEARCH_KINDS)),
})
export type GlobalSearchResult = z.infer<typeof GlobalSearchResult>

/** Recently viewed: cases and persons only (pages that show personal data and are opened often). */
export const RECENT_KINDS = ['case', 'person'] as const
export type RecentKind = (typeof RECENT_KINDS)[number]
/** How many a user keeps. */
export const RECENT_KEPT = 10

export const RecentItem = SearchHit.extend({ kind: z.enum(RECENT_KINDS), viewedAt: z.string() })
export const RecentList = z.object({ items: z.array(RecentItem) })
export type RecentList = z.infer<typeof RecentList>
