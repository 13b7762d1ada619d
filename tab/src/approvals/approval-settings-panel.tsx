import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api-client.js';
import type { ApprovalSettingsRequest, ApprovalSettingsView } from '../api-types.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import { PersonPicker, type PickedPerson } from '../shared/person-picker.js';
import { useAsync } from '../shared/use-async.js';
import { parseRuleHours, ruleText } from './approval-words.js';
import { toSettingsRequest, untilFromDateInput, withoutRule, withRule } from './settings-draft.js';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  // Fields align on their labels; hints and messages below them may differ in height, so buttons go underneath.
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'start', gap: tokens.spacingHorizontalM },
  action: { alignSelf: 'flex-start' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

const untilFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The supervisor's delegate (who may decide in their name, until a date) and standing rules; each change saves. */
export function ApprovalSettingsPanel({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const settings = useAsync(() => api.getApprovalSettings(), [api]);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: string } | { failed: Error } | null>(null);
  const [delegate, setDelegate] = useState<PickedPerson | null>(null);
  const [until, setUntil] = useState('');
  const [hours, setHours] = useState('');
  const [hoursError, setHoursError] = useState<string>();
  // Bumped after a delegate is saved so the picker starts empty again.
  const [pickerVersion, setPickerVersion] = useState(0);

  if (settings.error)
    return (
      <ErrorBar
        title="Your approval settings could not be loaded"
        error={settings.error}
        onRetry={settings.reload}
      />
    );
  if (!settings.data) return <Loading label="Loading your approval settings…" />;
  const current = settings.data;

  const save = async (next: ApprovalSettingsRequest, saved: string): Promise<boolean> => {
    setSaving(true);
    setOutcome(null);
    try {
      const view = await api.updateApprovalSettings(next);
      settings.setData(() => view);
      setOutcome({ saved });
      return true;
    } catch (error) {
      setOutcome({ failed: error as Error });
      return false;
    } finally {
      setSaving(false);
    }
  };

  const saveDelegate = async () => {
    if (!delegate) return;
    const next = {
      ...toSettingsRequest(current),
      delegate: { userId: delegate.id, until: untilFromDateInput(until) },
    };
    if (await save(next, `${delegate.displayName} can now decide in your name.`)) {
      setDelegate(null);
      setUntil('');
      setPickerVersion((version) => version + 1);
    }
  };

  const addRule = async () => {
    const parsed = parseRuleHours(hours);
    if ('error' in parsed) return setHoursError(parsed.error);
    if (await save(withRule(toSettingsRequest(current), parsed.hours), 'Standing rule added.')) setHours('');
  };

  return (
    <section className={styles.section} aria-labelledby="approval-settings-heading">
      <h2 id="approval-settings-heading" className={styles.heading}>
        Your approval settings
      </h2>
      {outcome && 'failed' in outcome && (
        <ErrorBar title="Your settings were not saved" error={outcome.failed} />
      )}
      {outcome && 'saved' in outcome && (
        <MessageBar intent="success">
          <MessageBarBody>{outcome.saved}</MessageBarBody>
        </MessageBar>
      )}
      <DelegateSummary current={current} />
      {current.delegate && (
        <Button
          className={styles.action}
          disabled={saving}
          onClick={() =>
            void save({ ...toSettingsRequest(current), delegate: null }, 'You no longer have a delegate.')
          }
        >
          Remove delegate
        </Button>
      )}
      <div className={styles.row}>
        <PersonPicker
          key={pickerVersion}
          api={api}
          label="New delegate"
          value={delegate}
          error={undefined}
          onChange={setDelegate}
        />
        <Field label="Until (optional)" hint="Leave empty for no end date.">
          <Input type="date" value={until} onChange={(_event, data) => setUntil(data.value)} />
        </Field>
      </div>
      <Button className={styles.action} disabled={!delegate || saving} onClick={() => void saveDelegate()}>
        Save delegate
      </Button>

      <Text weight="semibold">Standing rules</Text>
      {current.rules.length === 0 ? (
        <Text>No standing rules: every request waits for you or your delegate.</Text>
      ) : (
        <ul className={styles.list} aria-label="Standing rules">
          {current.rules.map((rule) => (
            <li key={rule.id} className={styles.item}>
              <Text>{ruleText(rule.maxHours)}</Text>
              <Button
                appearance="subtle"
                disabled={saving}
                aria-label={`Remove rule: ${ruleText(rule.maxHours)}`}
                onClick={() =>
                  void save(withoutRule(toSettingsRequest(current), rule.maxHours), 'Standing rule removed.')
                }
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Field label="Approve sessions up to (hours)" validationMessage={hoursError}>
        <Input
          inputMode="decimal"
          value={hours}
          onChange={(_event, data) => {
            setHours(data.value);
            setHoursError(undefined);
          }}
        />
      </Field>
      <Button className={styles.action} disabled={saving} onClick={() => void addRule()}>
        Add rule
      </Button>
    </section>
  );
}

function DelegateSummary({ current }: { current: ApprovalSettingsView }) {
  const delegate = current.delegate;
  if (!delegate) return <Text>No delegate: only you decide on your team's requests.</Text>;
  const until = delegate.until ? ` until ${untilFormat.format(new Date(delegate.until))}` : '';
  return (
    <Text>
      Delegate: {delegate.displayName} ({delegate.mail}){until}{' '}
      <Badge appearance="tint" color={delegate.active ? 'success' : 'informative'}>
        {delegate.active ? 'Active' : 'Ended'}
      </Badge>
    </Text>
  );
}
