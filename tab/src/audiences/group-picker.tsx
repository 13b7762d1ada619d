import { Caption1, Combobox, Field, Option } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { ApiClient } from '../api-client.js';
import type { GroupSummary } from '../api-types.js';
import { useLookup } from './use-lookup.js';

/** The group a clause names: its id, and its name once known. */
export interface PickedGroup {
  id: string;
  displayName: string | null;
}

/** What the picker shows for a group named by a saved rule. */
function groupLabel(group: PickedGroup, lookingUp: boolean): string {
  if (group.displayName) return group.displayName;
  return lookingUp ? 'Looking up…' : `Unknown group (${group.id})`;
}

/** Finds an Entra group by a word of its name (Graph's search, through the API) and picks one. */
export function GroupPicker({
  api,
  value,
  lookingUp,
  error,
  className,
  onChange,
}: {
  api: ApiClient;
  value: PickedGroup | null;
  lookingUp: boolean;
  error: string | undefined;
  className?: string;
  onChange: (group: PickedGroup | null) => void;
}) {
  const shown = value ? groupLabel(value, lookingUp) : '';
  const [query, setQuery] = useState<string | null>(null);
  const text = query ?? shown;
  const find = useCallback(async (search: string) => (await api.searchGroups(search, 10)).groups, [api]);
  const typing = query !== null && query.trim() !== '';
  const lookup = useLookup<GroupSummary>(text, typing, find);
  const hint = !typing
    ? value
      ? undefined
      : 'Type a word of the group’s name.'
    : !lookup.answered
      ? 'Searching…'
      : lookup.results.length === 0
        ? `No group’s name has a word starting with “${lookup.settled}”.`
        : undefined;

  return (
    <Field label="Group" hint={hint} validationMessage={error ?? lookup.error ?? undefined}>
      <Combobox
        className={className}
        placeholder="Search groups by name"
        value={text}
        selectedOptions={value ? [value.id] : []}
        onChange={(event) => {
          setQuery(event.target.value);
          if (value) onChange(null);
        }}
        onOptionSelect={(_event, data) => {
          const group = lookup.results.find((candidate) => candidate.id === data.optionValue);
          if (!group) return;
          setQuery(null);
          onChange({ id: group.id, displayName: group.displayName });
        }}
      >
        {lookup.results.map((group) => (
          <Option key={group.id} value={group.id} text={group.displayName}>
            <div>
              <div>{group.displayName}</div>
              {group.description && <Caption1>{group.description}</Caption1>}
            </div>
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
