import { runWeeklyKpiReports } from '../app/kpi-reports';
import { composeForge } from './compose';

/** The weekly KPI pages (scheduledTrigger weekly-kpis): one queue job per project plus the portfolio. */
export async function weeklyKpis(): Promise<void> {
  await runWeeklyKpiReports(composeForge('trigger:weekly-kpis'));
}
