import { z } from 'zod'

/**
 * Vocabulary shared by every part of the desistance path (assessments, plan, trajectory,
 * network), so that a review score, a plan goal and a trajectory event about "housing" mean the
 * same domain and can be shown side by side.
 */
export const LIFE_DOMAINS = [
  'schooling',
  'employment',
  'housing',
  'family',
  'relationships',
  'health',
  'leisure',
  'identity',
  'citizenship',
  'violence',
] as const
export const LifeDomain = z.enum(LIFE_DOMAINS)
export type LifeDomain = z.infer<typeof LifeDomain>

/** Who gives a view: the worker's assessment and the person's own, kept side by side. */
export const PERSPECTIVES = ['worker', 'person'] as const
export const Perspective = z.enum(PERSPECTIVES)
export type Perspective = z.infer<typeof Perspective>
