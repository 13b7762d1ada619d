import type { ApiClient } from '../api-client.js';
import { PersonPicker, type PickedPerson } from '../shared/person-picker.js';

/** Picks the session's presenter from the directory. */
export function PresenterPicker({
  api,
  name,
  value,
  error,
  onChange,
}: {
  api: ApiClient;
  /** Form field name; the page finds the control by it to focus it. */
  name: string;
  value: PickedPerson | null;
  error: string | undefined;
  onChange: (presenter: PickedPerson | null) => void;
}) {
  return (
    <PersonPicker
      api={api}
      label="Presenter"
      required
      name={name}
      value={value}
      error={error}
      onChange={onChange}
    />
  );
}
