/** A sendMail body that passed validation (https://learn.microsoft.com/graph/api/user-sendmail). */
export interface SendMailRequest {
  /** The message exactly as sent, kept whole for tests (attachments, headers, Adaptive Card scripts). */
  message: Record<string, unknown>;
  subject: string;
  body: { contentType: string; content: string };
  /** Every to, cc and bcc address. */
  recipients: string[];
}

/** Why Graph would refuse the body. */
export interface SendMailError {
  code: string;
  message: string;
}

const ADDRESS = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addressesOf(value: unknown): Array<string | null> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [null];
  return value.map((recipient) =>
    isRecord(recipient) &&
    isRecord(recipient.emailAddress) &&
    typeof recipient.emailAddress.address === 'string'
      ? recipient.emailAddress.address
      : null,
  );
}

/** Validates the body of POST /users/{id}/sendMail as Exchange does before submitting. */
export function parseSendMail(body: unknown): SendMailRequest | SendMailError {
  if (!isRecord(body) || !isRecord(body.message)) {
    return { code: 'ErrorInvalidRequest', message: "The request body must carry a 'message'." };
  }
  const message = body.message;
  const recipients = [message.toRecipients, message.ccRecipients, message.bccRecipients].flatMap(addressesOf);
  if (recipients.length === 0) {
    return {
      code: 'ErrorInvalidRecipients',
      message:
        "At least one recipient isn't valid., A message can't be sent because it contains no recipients.",
    };
  }
  const bad = recipients.find((address) => address === null || !ADDRESS.test(address));
  if (bad !== undefined) {
    return {
      code: 'ErrorInvalidRecipients',
      message: `At least one recipient isn't valid., Recipient '${bad ?? ''}' is not resolved. All recipients must be resolved before a message can be submitted.`,
    };
  }
  // Custom headers must be x- headers (https://learn.microsoft.com/graph/api/resources/internetmessageheader).
  const headers = Array.isArray(message.internetMessageHeaders) ? message.internetMessageHeaders : [];
  for (const header of headers) {
    const name = isRecord(header) && typeof header.name === 'string' ? header.name : '';
    if (!/^x-/i.test(name)) {
      return {
        code: 'InvalidInternetMessageHeader',
        message: `The internet message header name '${name}' should start with 'x-' or 'X-'.`,
      };
    }
  }
  const content =
    isRecord(message.body) && typeof message.body.content === 'string' ? message.body.content : '';
  const contentType =
    isRecord(message.body) && typeof message.body.contentType === 'string'
      ? message.body.contentType.toLowerCase()
      : 'text';
  return {
    message,
    subject: typeof message.subject === 'string' ? message.subject : '',
    body: { contentType, content },
    recipients: recipients.filter((address): address is string => address !== null),
  };
}
