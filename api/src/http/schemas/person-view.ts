import { Type } from 'typebox';

/** A text that may be absent: JSON null. */
export const Nullable = Type.Union([Type.String(), Type.Null()]);

/** The properties of a person as the API shows one (the domain's Person), to spread into a route's own object. */
export const personProperties = {
  id: Type.String(),
  displayName: Type.String(),
  mail: Type.String(),
  jobTitle: Nullable,
  department: Nullable,
  officeLocation: Nullable,
};
