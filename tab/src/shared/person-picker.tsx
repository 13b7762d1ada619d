import { Caption1, Combobox, Field, Option } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.js';
import type { Person } from '../api-types.js';
import { useDebouncedValue } from './use-debounced-value.js';

/** A person as a picker hands them over. */
export type PickedPerson = Pick<Person, 'id' | 'displayName'>;

const minQueryLength = 2;

/**
 * Searches the directory as the organizer types (debounced) and picks one person. With `clearOnPick` it empties
 * itself after each pick, to add people to a list one after another.
 */
export function PersonPicker({
  api,
  label,
  name,
  value,
  error,
  required = false,
  clearOnPick = false,
  onChange,
}: {
  api: ApiClient;
  label: string;
  /** Form field name; a page finds the control by it to focus it. */
  name?: string;
  value: PickedPerson | null;
  error: string | undefined;
  required?: boolean;
  clearOnPick?: boolean;
  onChange: (person: PickedPerson | null) => void;
}) {
  const [query, setQuery] = useState(value?.displayName ?? '');
  const search = useDebouncedValue(query.trim(), 300);
  const [results, setResults] = useState<{ search: string; people: Person[] } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);

  useEffect(() => {
    // Nothing to look up for a short query, or for the name just picked.
    if (search.length < minQueryLength || search === value?.displayName) return;
    let current = true;
    setSearchError(null);
    api.searchPeople(search, 10).then(
      ({ people }) => current && setResults({ search, people }),
      (failure: Error) => current && setSearchError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [api, search, value?.displayName]);

  const people = results?.search === search ? results.people : [];
  const hint =
    search.length < minQueryLength
      ? 'Type at least two letters of a name.'
      : results?.search !== search
        ? 'Searching…'
        : people.length === 0 && !value
          ? `No one in the directory matches “${search}”.`
          : undefined;

  return (
    <Field
      label={label}
      required={required}
      hint={value ? undefined : hint}
      validationMessage={error ?? searchError ?? undefined}
    >
      <Combobox
        name={name}
        placeholder="Search people by name"
        value={query}
        selectedOptions={value ? [value.id] : []}
        onChange={(event) => {
          setQuery(event.target.value);
          if (value) onChange(null);
        }}
        onOptionSelect={(_event, data) => {
          const person = people.find((candidate) => candidate.id === data.optionValue);
          if (!person) return;
          setQuery(clearOnPick ? '' : person.displayName);
          onChange({ id: person.id, displayName: person.displayName });
        }}
      >
        {people.map((person) => (
          <Option key={person.id} value={person.id} text={person.displayName}>
            <div>
              <div>{person.displayName}</div>
              <Caption1>
                {[person.jobTitle, person.department, person.mail].filter(Boolean).join(' · ')}
              </Caption1>
            </div>
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
