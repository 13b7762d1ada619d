/** The vocabulary the seeded organization is drawn from: departments, offices, names and internal-system topics. */

export interface DepartmentSpec {
  name: string;
  /** Relative headcount. */
  weight: number;
  /** Role names by seniority: the top of the department, directors, managers, individual contributors. */
  vp: string;
  director: string;
  manager: string[];
  roles: string[];
  /** Internal systems people in this department tend to know well. */
  topics: string[];
}

export const DEPARTMENTS: DepartmentSpec[] = [
  { name: 'Operations', weight: 12, vp: 'VP of Operations', director: 'Director of Operations', manager: ['Operations Manager', 'Supply Chain Manager', 'Facilities Manager'], roles: ['Operations Analyst', 'Supply Chain Planner', 'Logistics Coordinator', 'Procurement Specialist', 'Business Analyst'], topics: ['SAP', 'Power BI', 'Excel macros', 'ServiceNow', 'Dynamics 365', 'Power Automate'] },
  { name: 'Marketing', weight: 9, vp: 'VP of Marketing', director: 'Marketing Director', manager: ['Marketing Manager', 'Brand Manager', 'Digital Marketing Manager'], roles: ['Marketing Specialist', 'Content Strategist', 'Campaign Analyst', 'Product Marketing Specialist', 'Social Media Specialist'], topics: ['Salesforce', 'Marketo', 'Power BI', 'Adobe Experience Manager', 'Google Analytics', 'Excel macros'] },
  { name: 'Sales', weight: 16, vp: 'VP of Sales', director: 'Sales Director', manager: ['Sales Manager', 'Account Manager', 'Inside Sales Manager'], roles: ['Account Executive', 'Sales Representative', 'Sales Operations Analyst', 'Solution Specialist', 'Business Development Representative'], topics: ['Salesforce', 'Dynamics 365', 'Excel macros', 'Power BI', 'CPQ', 'LinkedIn Sales Navigator'] },
  { name: 'Finance', weight: 8, vp: 'Chief Financial Officer', director: 'Finance Director', manager: ['Finance Manager', 'Controller', 'Treasury Manager'], roles: ['Financial Analyst', 'Accountant', 'Accounts Payable Specialist', 'Payroll Specialist', 'FP&A Analyst'], topics: ['SAP', 'Excel macros', 'Power BI', 'Workday', 'Concur', 'Anaplan'] },
  { name: 'Human Resources', weight: 6, vp: 'Chief People Officer', director: 'HR Director', manager: ['HR Manager', 'Talent Acquisition Manager', 'Learning & Development Manager'], roles: ['HR Business Partner', 'Recruiter', 'HR Generalist', 'Learning Specialist', 'Compensation Analyst'], topics: ['Workday', 'SuccessFactors', 'Excel macros', 'Power BI', 'ServiceNow HR', 'LinkedIn Learning'] },
  { name: 'Engineering', weight: 18, vp: 'VP of Engineering', director: 'Engineering Director', manager: ['Engineering Manager', 'QA Manager', 'Platform Manager'], roles: ['Software Engineer', 'QA Engineer', 'DevOps Engineer', 'Data Engineer', 'Site Reliability Engineer'], topics: ['Jira', 'Azure DevOps', 'GitHub', 'Power BI', 'Confluence', 'Kubernetes'] },
  { name: 'IT', weight: 8, vp: 'Chief Information Officer', director: 'IT Director', manager: ['IT Manager', 'Service Desk Manager', 'Infrastructure Manager'], roles: ['Systems Administrator', 'Service Desk Analyst', 'Network Engineer', 'Security Analyst', 'Solutions Architect'], topics: ['ServiceNow', 'Microsoft Intune', 'Microsoft Entra ID', 'SharePoint', 'Power Automate', 'Jira'] },
  { name: 'Legal', weight: 3, vp: 'General Counsel', director: 'Legal Director', manager: ['Legal Manager', 'Compliance Manager'], roles: ['Corporate Counsel', 'Paralegal', 'Compliance Analyst', 'Contracts Specialist'], topics: ['Excel macros', 'SharePoint', 'DocuSign', 'ServiceNow', 'Power BI'] },
  { name: 'Customer Support', weight: 12, vp: 'VP of Customer Support', director: 'Customer Support Director', manager: ['Support Manager', 'Customer Success Manager', 'Escalations Manager'], roles: ['Support Engineer', 'Customer Support Specialist', 'Technical Account Specialist', 'Knowledge Base Editor'], topics: ['Zendesk', 'ServiceNow', 'Dynamics 365', 'Salesforce', 'Power BI', 'Excel macros'] },
  { name: 'Product Management', weight: 8, vp: 'VP of Product', director: 'Product Director', manager: ['Group Product Manager', 'Product Operations Manager'], roles: ['Product Manager', 'Product Owner', 'UX Researcher', 'Product Designer', 'Business Analyst'], topics: ['Jira', 'Power BI', 'Figma', 'Confluence', 'Azure DevOps', 'Excel macros'] },
];

export const EXECUTIVE_DEPARTMENT = 'Executive Office';

export interface OfficeSpec {
  officeLocation: string;
  city: string;
  country: string;
  /** ISO 3166 two-letter code, as Graph's usageLocation. */
  usageLocation: string;
  /** Windows time zone name, as Exchange's mailboxSettings.timeZone answers. */
  timeZone: string;
  preferredLanguage: string;
  weight: number;
  region: 'Americas' | 'EMEA' | 'APAC';
}

export const OFFICES: OfficeSpec[] = [
  { officeLocation: 'Seattle HQ', city: 'Seattle', country: 'United States', usageLocation: 'US', timeZone: 'Pacific Standard Time', preferredLanguage: 'en-US', weight: 30, region: 'Americas' },
  { officeLocation: 'New York', city: 'New York', country: 'United States', usageLocation: 'US', timeZone: 'Eastern Standard Time', preferredLanguage: 'en-US', weight: 15, region: 'Americas' },
  { officeLocation: 'London', city: 'London', country: 'United Kingdom', usageLocation: 'GB', timeZone: 'GMT Standard Time', preferredLanguage: 'en-GB', weight: 14, region: 'EMEA' },
  { officeLocation: 'Paris', city: 'Paris', country: 'France', usageLocation: 'FR', timeZone: 'Romance Standard Time', preferredLanguage: 'fr-FR', weight: 9, region: 'EMEA' },
  { officeLocation: 'Bangalore', city: 'Bangalore', country: 'India', usageLocation: 'IN', timeZone: 'India Standard Time', preferredLanguage: 'en-IN', weight: 16, region: 'APAC' },
  { officeLocation: 'Sydney', city: 'Sydney', country: 'Australia', usageLocation: 'AU', timeZone: 'AUS Eastern Standard Time', preferredLanguage: 'en-AU', weight: 8, region: 'APAC' },
  { officeLocation: 'Tokyo', city: 'Tokyo', country: 'Japan', usageLocation: 'JP', timeZone: 'Tokyo Standard Time', preferredLanguage: 'ja-JP', weight: 8, region: 'APAC' },
];

/** Windows time zone names used by the seed → IANA names, for code that must compute local times. */
export const WINDOWS_TO_IANA: Record<string, string> = {
  'Pacific Standard Time': 'America/Los_Angeles',
  'Eastern Standard Time': 'America/New_York',
  'GMT Standard Time': 'Europe/London',
  'Romance Standard Time': 'Europe/Paris',
  'India Standard Time': 'Asia/Kolkata',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'Tokyo Standard Time': 'Asia/Tokyo',
  UTC: 'Etc/UTC',
};

export const GIVEN_NAMES = [
  'Aaron', 'Abigail', 'Adrian', 'Aisha', 'Akira', 'Alejandro', 'Alice', 'Amara', 'Amelia', 'Ananya', 'Andrea', 'Anil', 'Anna', 'Arjun', 'Ava', 'Benjamin', 'Bianca', 'Carlos', 'Caroline', 'Chen', 'Chloe', 'Christopher', 'Claire', 'Daniel', 'David', 'Deepa', 'Diego', 'Elena', 'Elijah', 'Emily', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Fiona', 'Gabriel', 'Grace', 'Hannah', 'Haruto', 'Hector', 'Hiroshi', 'Ibrahim', 'Isabella', 'Ivan', 'Jack', 'James', 'Javier', 'Jia', 'Jonas', 'Julia', 'Kai', 'Karan', 'Kate', 'Kenji', 'Laura', 'Leila', 'Leo', 'Liam', 'Lucas', 'Lucia', 'Mai', 'Manuel', 'Maria', 'Mateo', 'Maya', 'Mei', 'Michael', 'Mohammed', 'Naomi', 'Nathan', 'Nina', 'Noah', 'Olivia', 'Omar', 'Oscar', 'Pablo', 'Paul', 'Priya', 'Rahul', 'Rachel', 'Ravi', 'Rebecca', 'Ricardo', 'Rosa', 'Ryan', 'Sakura', 'Samuel', 'Sara', 'Sebastian', 'Sofia', 'Sophie', 'Sunita', 'Takeshi', 'Thomas', 'Valentina', 'Victor', 'Wei', 'William', 'Yuki', 'Zara', 'Zoe', 'Camille', 'Louis', 'Chloé', 'Hugo', 'Amélie', 'Jules', 'Olivier', 'Margaux', 'Oliver', 'Harriet', 'George', 'Isla', 'Alfie', 'Poppy', 'Ruby', 'Archie', 'Charlotte', 'Henry', 'Lakshmi', 'Vikram', 'Meera', 'Sanjay', 'Kavya', 'Aditya', 'Yui', 'Ren', 'Hana', 'Sota', 'Mia', 'Jackson', 'Matilda', 'Lachlan', 'Ella', 'Cooper',
];

export const SURNAMES = [
  'Adams', 'Ahmed', 'Alvarez', 'Anderson', 'Bailey', 'Baker', 'Banerjee', 'Bennett', 'Bernard', 'Brooks', 'Brown', 'Bui', 'Campbell', 'Carter', 'Castillo', 'Chen', 'Clarke', 'Collins', 'Cooper', 'Costa', 'Cruz', 'Das', 'Davies', 'Diaz', 'Dubois', 'Edwards', 'Evans', 'Fischer', 'Fontaine', 'Garcia', 'Gonzalez', 'Gupta', 'Hall', 'Harris', 'Hayashi', 'Hernandez', 'Hughes', 'Ito', 'Iyer', 'Jackson', 'Johnson', 'Jones', 'Kato', 'Kelly', 'Khan', 'Kim', 'Kobayashi', 'Kumar', 'Laurent', 'Lee', 'Lefebvre', 'Lewis', 'Li', 'Lopez', 'Martin', 'Martinez', 'Mehta', 'Miller', 'Mitchell', 'Moore', 'Moreau', 'Morgan', 'Murphy', 'Nair', 'Nakamura', 'Nguyen', 'Novak', 'O\'Brien', 'Okafor', 'Patel', 'Perez', 'Petit', 'Phillips', 'Rao', 'Reddy', 'Reyes', 'Richard', 'Roberts', 'Robinson', 'Rodriguez', 'Rossi', 'Roux', 'Saito', 'Sanchez', 'Santos', 'Sato', 'Schmidt', 'Scott', 'Sharma', 'Shaw', 'Silva', 'Singh', 'Smith', 'Suzuki', 'Takahashi', 'Tanaka', 'Taylor', 'Thomas', 'Thompson', 'Torres', 'Tran', 'Turner', 'Walker', 'Wang', 'Watanabe', 'Watson', 'White', 'Williams', 'Wilson', 'Wood', 'Wright', 'Wu', 'Yamamoto', 'Yang', 'Young', 'Zhang', 'Zhou', 'Moretti', 'Girard', 'Bonnet', 'Fraser', 'Hughes-Patel', 'Menon', 'Pillai', 'Kapoor', 'Ogawa', 'Matsumoto', 'Nielsen', 'Johansson', 'Kowalski', 'MacDonald', 'Byrne', 'Walsh', 'Mensah', 'Adeyemi', 'Haddad', 'Farouk',
];

/** Responsibilities people write on their profile, per topic. */
export const TOPIC_RESPONSIBILITIES: Record<string, string> = {
  SAP: 'SAP S/4HANA purchase-to-pay process',
  Salesforce: 'Salesforce opportunity pipeline hygiene',
  Workday: 'Workday onboarding and time tracking',
  ServiceNow: 'ServiceNow incident and change workflows',
  'Power BI': 'Power BI reporting and dashboards',
  Jira: 'Jira boards and sprint reporting',
  'Excel macros': 'Excel macro automation of monthly reports',
  'Dynamics 365': 'Dynamics 365 customer records',
  'Power Automate': 'Power Automate approval flows',
};

/** Community and project groups beyond departments and offices; `topic` biases who joins. */
export const COMMUNITY_GROUPS = [
  { key: 'powerbi', displayName: 'Power BI Community', description: 'Share dashboards, DAX tips and data modelling patterns.', topic: 'Power BI' },
  { key: 'sap-migration', displayName: 'SAP S/4HANA Migration', description: 'Project team moving finance and operations to SAP S/4HANA.', topic: 'SAP' },
  { key: 'salesforce-champions', displayName: 'Salesforce Champions', description: 'Power users who help colleagues get the most out of Salesforce.', topic: 'Salesforce' },
  { key: 'servicenow-rollout', displayName: 'ServiceNow Rollout', description: 'Rollout of ServiceNow ITSM and HR service delivery.', topic: 'ServiceNow' },
  { key: 'workday-go-live', displayName: 'Workday Go-Live', description: 'Workday HCM deployment and change management.', topic: 'Workday' },
  { key: 'excel-power-users', displayName: 'Excel Power Users', description: 'Macros, Power Query and the spreadsheets that run the business.', topic: 'Excel macros' },
  { key: 'jira-admins', displayName: 'Jira Admins Network', description: 'Owners of Jira projects and workflows.', topic: 'Jira' },
] as const;
