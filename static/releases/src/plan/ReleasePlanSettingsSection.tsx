/**
 * Settings page section "Environments & calendar": the site's environment inventory and promotion
 * order, the project's calendar rules and related projects, its release managers, and the
 * calendar feed. Loads with one call (getPlanSettings); every save answers with the fresh settings.
 */
import { useCallback, useEffect, useState } from 'react';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody, PlanSettingsView, ResolverContract } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { space } from '../design';
import { type PageContext, invoke } from '../platform';
import { type SettingsMutation } from './settings-parts';
import { InventorySection } from './EnvironmentInventory';
import { CalendarRulesSection, FeedSection, PromotionOrderSection, ReleaseManagersSection } from './PlanRulesSections';

export function ReleasePlanSettingsSection({ context }: { context: PageContext }) {
  const [settings, setSettings] = useState<PlanSettingsView>();
  const [loadError, setLoadError] = useState<ErrorBody>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    void invoke('getPlanSettings', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setSettings(result.data);
        setLoadError(undefined);
      } else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, [generation]);

  const save = useCallback(async <K extends SettingsMutation>(name: K, payload: ResolverContract[K]['payload']): Promise<ErrorBody | undefined> => {
    const result = await invoke(name, payload);
    if (!result.ok) return result.error;
    setSettings(result.data as PlanSettingsView);
    return undefined;
  }, []);

  if (!settings) {
    if (loadError) return <ErrorMessage title="Could not load the environment settings" error={loadError} onRetry={() => setGeneration((g) => g + 1)} />;
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: space.s400 }}>
        <Spinner size="large" label="Loading the environment settings" />
      </div>
    );
  }

  return (
    <div data-testid="release-plan-settings" style={{ display: 'flex', flexDirection: 'column', gap: space.s300 }}>
      {!settings.canEdit && (
        <SectionMessage appearance="information" title="You can look, not change">
          <p>Administrators of {context.project?.key ?? 'this project'} and its release managers can change these settings.</p>
        </SectionMessage>
      )}
      <InventorySection settings={settings} save={save} />
      <PromotionOrderSection settings={settings} save={save} />
      <CalendarRulesSection settings={settings} save={save} reload={() => setGeneration((g) => g + 1)} />
      <ReleaseManagersSection settings={settings} save={save} />
      <FeedSection settings={settings} save={save} onChanged={() => setGeneration((g) => g + 1)} />
    </div>
  );
}

