import type { TenantScope } from '../shared/tenant-scope.js';

/** A mail Campus sends through Graph `sendMail` from a mailbox of the tenant. */
export interface OutgoingMail {
  /** The sending mailbox (user id or userPrincipalName); the app needs Mail.Send on it. */
  fromUserId: string;
  to: Array<{ email: string; name?: string }>;
  subject: string;
  /** An actionable message carries its Adaptive Card in an html body (`<script type="application/adaptivecard+json">`). */
  body: { contentType: 'html' | 'text'; content: string };
  /** Extra internet message headers; Graph accepts only names starting with `x-`. */
  headers?: Record<string, string>;
}

/** Sends mail (Microsoft Graph sendMail). Failures are reported as CalendarGateway's are. */
export interface MailGateway {
  sendMail(scope: TenantScope, mail: OutgoingMail): Promise<void>;
}
