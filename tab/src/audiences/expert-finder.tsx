import { Badge, Button, Caption1, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.js';
import type { Expert } from '../api-types.js';
import { ErrorBar } from '../shared/error-bar.js';
import type { PickedPerson } from '../shared/person-picker.js';
import { useDebouncedValue } from '../shared/use-debounced-value.js';
import { matchReason } from './match-reason.js';

const useStyles = makeStyles({
  finder: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  expert: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  who: { display: 'flex', flexDirection: 'column', marginRight: 'auto' },
});

/** The best few: the form goes on below the list. */
export const shownExperts = 5;

/** Searches people who know about a topic, ranked by the API, and hands the chosen one to `onChoose`. */
export function ExpertFinder({
  api,
  onChoose,
}: {
  api: ApiClient;
  onChoose: (person: PickedPerson) => void;
}) {
  const styles = useStyles();
  const [topic, setTopic] = useState('');
  const search = useDebouncedValue(topic.trim(), 400);
  const [found, setFound] = useState<
    { topic: string; experts: Expert[] } | { topic: string; error: Error } | null
  >(null);

  useEffect(() => {
    if (!search) return;
    let latest = true;
    api.searchExperts(search, shownExperts).then(
      ({ experts }) => latest && setFound({ topic: search, experts }),
      (error: Error) => latest && setFound({ topic: search, error }),
    );
    return () => {
      latest = false;
    };
  }, [api, search]);

  // Results show only for the topic in the box: not while a changed one waits for its answer.
  const answer = search && topic.trim() === search && found?.topic === search ? found : null;
  const hint = !topic.trim()
    ? 'People whose skills, responsibilities, job title or profile mention it, best match first.'
    : !answer
      ? 'Searching…'
      : 'experts' in answer && answer.experts.length === 0
        ? `No one in the directory mentions “${search}”.`
        : undefined;
  return (
    <section className={styles.finder} aria-label="Find experts">
      <Field label="Find experts on a topic" hint={hint}>
        <Input
          type="search"
          value={topic}
          maxLength={200}
          placeholder="e.g. Power BI"
          onChange={(_event, data) => setTopic(data.value)}
          // Inside a form, Enter would submit it: the search already runs as the organizer types.
          onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
        />
      </Field>
      {answer && 'error' in answer && (
        <ErrorBar title="Campus could not search for experts" error={answer.error} />
      )}
      {answer && 'experts' in answer && answer.experts.length > 0 && (
        <ol className={styles.list} aria-label={`Experts on ${search}`}>
          {answer.experts.map((expert) => (
            <li key={expert.id} className={styles.expert}>
              <div className={styles.who}>
                <Text weight="semibold">{expert.displayName}</Text>
                <Caption1>
                  {[expert.jobTitle, expert.department, expert.officeLocation].filter(Boolean).join(' · ')}
                </Caption1>
                <Caption1>{matchReason(expert)}</Caption1>
              </div>
              {expert.exactSkill && <Badge appearance="tint">Exact skill</Badge>}
              <Badge appearance="outline">Score {expert.score}</Badge>
              <Button
                type="button"
                aria-label={`Choose ${expert.displayName} as presenter`}
                onClick={() => {
                  onChoose({ id: expert.id, displayName: expert.displayName });
                  // Chosen: the list has done its job and the rest of the form comes back into view.
                  setTopic('');
                }}
              >
                Choose as presenter
              </Button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
