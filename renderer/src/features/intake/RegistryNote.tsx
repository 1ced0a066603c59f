import { useTranslation } from 'react-i18next';
import type { ApplicantRegistry } from './useApplicantRegistry';

/** What the state registry said about the IIN/BIN just typed, in words, under the field. */
export function RegistryNote({ registry }: { registry: ApplicantRegistry }) {
  const { t } = useTranslation();
  const { lookup, verified } = registry;
  if (lookup.state === 'idle') return null;
  const state = lookup.state === 'found' ? (verified ? 'verified' : 'differs') : lookup.state;
  const registryName = lookup.state === 'found' ? (lookup.record.kind === 'individual' ? `${lookup.record.record.surname} ${lookup.record.record.givenName}` : lookup.record.record.name) : '';
  return (
    <div className={state === 'verified' ? 'note ok' : state === 'none' || state === 'differs' ? 'note warning' : 'note muted'} data-testid="registry-state" data-state={state} aria-live="polite">
      {t(`intake.registry_${state}`, { name: registryName })}
    </div>
  );
}
