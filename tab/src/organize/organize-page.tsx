import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Switch,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ApiError, type ApiClient } from '../api-client.js';
import type { SessionView } from '../api-types.js';
import { ExpertFinder } from '../audiences/expert-finder.js';
import { viewerTimeZone } from '../format/session-time.js';
import { ErrorBar } from '../shared/error-bar.js';
import { PresenterPicker } from './presenter-picker.js';
import {
  createDraft,
  draftFields,
  fieldForPointer,
  limits,
  toCreateSessionRequest,
  validateDraft,
  withStart,
  type DraftErrors,
  type DraftField,
  type SessionDraft,
} from './session-draft.js';
import { TimeZonePicker } from './time-zone-picker.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '720px' },
  row: {
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fit, minmax(250px, 1fr))',
    // A field without a hint must not stretch to its neighbour's height: the stretch went into its input box.
    alignItems: 'start',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM },
});

const fieldId = (field: DraftField) => `organize-${field}`;

/** Lets organizers add a session to the catalog. */
export function OrganizePage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const [draft, setDraft] = useState<SessionDraft>(() => createDraft(viewerTimeZone(), new Date()));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<{ created: SessionView } | { failed: Error } | null>(null);
  // Bumped after a success so the presenter picker starts empty again.
  const [formVersion, setFormVersion] = useState(0);

  const update = (field: DraftField, next: (current: SessionDraft) => SessionDraft) => {
    setDraft(next);
    setErrors(({ [field]: _fixed, ...rest }) => rest);
  };

  const showErrors = (found: DraftErrors) => {
    setErrors(found);
    const first = draftFields.find((field) => found[field]);
    // Controls are found by name: Field gives each control its own id, which ties the label to it.
    if (first) document.querySelector<HTMLElement>(`[name="${fieldId(first)}"]`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const found = validateDraft(draft, new Date());
    if (Object.keys(found).length > 0) return showErrors(found);
    setSubmitting(true);
    try {
      const created = await api.createSession(toCreateSessionRequest(draft));
      setOutcome({ created });
      setDraft(createDraft(draft.timeZone, new Date()));
      setFormVersion((version) => version + 1);
    } catch (error) {
      const field = error instanceof ApiError ? fieldForPointer(error.field) : null;
      if (field) showErrors({ [field]: (error as Error).message });
      setOutcome({ failed: error as Error });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form
      className={styles.form}
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="New session"
    >
      {outcome && 'created' in outcome && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Session created</MessageBarTitle>“{outcome.created.title}” is in the catalog.
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome && 'failed' in outcome && (
        <ErrorBar title="The session was not created" error={outcome.failed} />
      )}
      <Field label="Title" required validationMessage={errors.title}>
        <Input
          name={fieldId('title')}
          value={draft.title}
          maxLength={limits.titleMax}
          onChange={(_event, data) => update('title', (current) => ({ ...current, title: data.value }))}
        />
      </Field>
      <Field label="Abstract" required validationMessage={errors.abstract} hint="What will people learn?">
        <Textarea
          name={fieldId('abstract')}
          value={draft.abstract}
          rows={4}
          maxLength={limits.abstractMax}
          onChange={(_event, data) => update('abstract', (current) => ({ ...current, abstract: data.value }))}
        />
      </Field>
      <PresenterPicker
        key={formVersion}
        api={api}
        name={fieldId('presenterId')}
        value={draft.presenter}
        error={errors.presenterId}
        onChange={(presenter) => update('presenterId', (current) => ({ ...current, presenter }))}
      />
      <ExpertFinder
        api={api}
        onChoose={(presenter) => {
          update('presenterId', (current) => ({ ...current, presenter }));
          // The picker shows the name it starts with: a new one shows the chosen expert.
          setFormVersion((version) => version + 1);
        }}
      />
      <div className={styles.row}>
        <Field label="Starts" required validationMessage={errors.start}>
          <Input
            name={fieldId('start')}
            type="datetime-local"
            value={draft.start}
            onChange={(_event, data) => update('start', (current) => withStart(current, data.value))}
          />
        </Field>
        <Field label="Ends" required validationMessage={errors.end}>
          <Input
            name={fieldId('end')}
            type="datetime-local"
            value={draft.end}
            onChange={(_event, data) => update('end', (current) => ({ ...current, end: data.value }))}
          />
        </Field>
      </div>
      <div className={styles.row}>
        <TimeZonePicker
          name={fieldId('timeZone')}
          value={draft.timeZone}
          error={errors.timeZone}
          onChange={(timeZone) => update('timeZone', (current) => ({ ...current, timeZone }))}
        />
        <Field label="Seats" required validationMessage={errors.capacity}>
          <Input
            name={fieldId('capacity')}
            type="number"
            min={1}
            max={limits.capacityMax}
            step={1}
            value={draft.capacity}
            onChange={(_event, data) =>
              update('capacity', (current) => ({ ...current, capacity: data.value }))
            }
          />
        </Field>
      </div>
      <Switch
        label="Online session with a Teams meeting"
        checked={draft.online}
        onChange={(_event, data) => update('location', (current) => ({ ...current, online: data.checked }))}
      />
      <Field
        label="Location"
        required={!draft.online}
        validationMessage={errors.location}
        hint={draft.online ? 'Optional: a room for those who join in person' : 'Room or address'}
      >
        <Input
          name={fieldId('location')}
          value={draft.location}
          maxLength={limits.locationMax}
          onChange={(_event, data) => update('location', (current) => ({ ...current, location: data.value }))}
        />
      </Field>
      <div className={styles.actions}>
        <Button
          type="submit"
          appearance="primary"
          disabled={submitting}
          icon={submitting ? <Spinner size="tiny" /> : undefined}
        >
          {submitting ? 'Creating…' : 'Create session'}
        </Button>
      </div>
    </form>
  );
}
