/** Verbs of the approval card's Action.Execute buttons; their data is `{ approvalId, signature }` (plus `comment`). */
export const approveVerb = 'approveRegistration';
export const declineVerb = 'declineRegistration';
/** The card's refresh action: the host asks for the card as it stands when it shows it (Universal Actions). */
export const refreshApprovalVerb = 'refreshApproval';

/** The id of the comment input; Action.Execute sends its value in `data.comment`. */
export const commentInputId = 'comment';
export const maxCommentLength = 500;
