import { DEV_TENANT_DOMAIN } from '../defaults.js';

/** The 'Campus Organizers' security group: members may organize Campus sessions. */
export const CAMPUS_ORGANIZERS_GROUP_ID = '0c7b3f52-6d1e-4a8f-b2c9-5e4d3a1f7b60';

/** A fixed person of the seeded organization that tests, demos and scripts can name. */
export interface DevPersona {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string;
  surname: string;
  /** What the persona is for in Campus scenarios. */
  role: 'organizer' | 'expert' | 'manager' | 'employee';
  department: string;
  jobTitle: string;
  officeLocation: string;
  skills: string[];
  /** Id of another persona this one reports to, or null (then the seed picks a manager in the department). */
  managerPersonaId: string | null;
  responsibilities: string[];
  aboutMe: string;
}

const upn = (alias: string): string => `${alias}@${DEV_TENANT_DOMAIN}`;

export const PATTI_FERNANDEZ_ID = '6a1f3c2e-4b5d-4e8f-9a0b-1c2d3e4f5a61';
export const NESTOR_WILKE_ID = '7b2e4d3f-5c6e-4f90-8b1c-2d3e4f5a6b72';
export const MEGAN_BOWEN_ID = '8c3f5e4a-6d7f-4a01-9c2d-3e4f5a6b7c83';
export const ADELE_VANCE_ID = '9d4a6f5b-7e8a-4b12-8d3e-4f5a6b7c8d94';
export const ALEX_WILBER_ID = 'ae5b7a6c-8f9b-4c23-9e4f-5a6b7c8d9ea5';

export const devPersonas: readonly DevPersona[] = [
  {
    id: PATTI_FERNANDEZ_ID, userPrincipalName: upn('PattiF'), displayName: 'Patti Fernandez', givenName: 'Patti', surname: 'Fernandez',
    role: 'organizer', department: 'Operations', jobTitle: 'Senior Program Manager', officeLocation: 'Seattle HQ',
    skills: ['Program management', 'Excel macros', 'ServiceNow'], managerPersonaId: null,
    responsibilities: ['Internal learning programme', 'ServiceNow incident and change workflows'],
    aboutMe: 'I run our peer-learning programme: tell me what you would like to learn or teach.',
  },
  {
    id: NESTOR_WILKE_ID, userPrincipalName: upn('NestorW'), displayName: 'Nestor Wilke', givenName: 'Nestor', surname: 'Wilke',
    role: 'expert', department: 'Operations', jobTitle: 'Senior Business Analyst', officeLocation: 'Seattle HQ',
    skills: ['SAP', 'Power BI', 'Excel macros'], managerPersonaId: null,
    responsibilities: ['SAP S/4HANA purchase-to-pay process', 'Power BI reporting and dashboards'],
    aboutMe: 'Ten years of SAP in operations. Happy to show how our Power BI dashboards read SAP data.',
  },
  {
    id: MEGAN_BOWEN_ID, userPrincipalName: upn('MeganB'), displayName: 'Megan Bowen', givenName: 'Megan', surname: 'Bowen',
    role: 'manager', department: 'Marketing', jobTitle: 'Marketing Manager', officeLocation: 'Seattle HQ',
    skills: ['Salesforce', 'Campaign planning'], managerPersonaId: null,
    responsibilities: ['Salesforce opportunity pipeline hygiene'],
    aboutMe: 'I lead the field marketing team.',
  },
  {
    id: ADELE_VANCE_ID, userPrincipalName: upn('AdeleV'), displayName: 'Adele Vance', givenName: 'Adele', surname: 'Vance',
    role: 'employee', department: 'Marketing', jobTitle: 'Marketing Specialist', officeLocation: 'Seattle HQ',
    skills: ['Marketo', 'Google Analytics'], managerPersonaId: MEGAN_BOWEN_ID,
    responsibilities: ['Campaign reporting'],
    aboutMe: 'Campaigns and analytics; learning Power BI.',
  },
  {
    id: ALEX_WILBER_ID, userPrincipalName: upn('AlexW'), displayName: 'Alex Wilber', givenName: 'Alex', surname: 'Wilber',
    role: 'employee', department: 'Sales', jobTitle: 'Account Executive', officeLocation: 'London',
    skills: ['Salesforce', 'Dynamics 365'], managerPersonaId: null,
    responsibilities: ['Key accounts in the UK and Ireland'],
    aboutMe: 'Account executive for UK retail customers.',
  },
];
