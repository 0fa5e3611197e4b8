import '@mantine/charts/styles.css'

/**
 * The overview's charts (recharts, the heaviest library of the app) in a chunk of their own,
 * fetched when a chart comes into view (progress-overview.tsx).
 */
export { BarChart, LineChart, RadarChart } from '@mantine/charts'
