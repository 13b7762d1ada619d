/** The Adaptive Card schema URL every Campus card names. */
export const adaptiveCardSchema = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Teams renders 1.5; Action.Execute (Universal Actions) needs 1.4 or later. */
export const adaptiveCardVersion = '1.5';

/**
 * Outlook actionable messages with Universal Actions use card version 1.4 ("Universal Action Model is introduced in
 * Adaptive card schema version 1.4", https://learn.microsoft.com/outlook/actionable-messages/universal-action-model).
 */
export const outlookCardVersion = '1.4';

/** The subset of Adaptive Card 1.5 that Campus cards use, typed so a builder cannot emit an unknown property. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof adaptiveCardSchema;
  version: typeof adaptiveCardVersion | typeof outlookCardVersion;
  /**
   * Outlook only: the actionable-message provider id from the Actionable Email Developer Dashboard. Outlook removes
   * a card without a valid originator when it is sent to anyone but its sender
   * (https://learn.microsoft.com/outlook/actionable-messages/send-via-email). Not part of the Adaptive Card schema.
   */
  originator?: string;
  /** Universal Actions: the host invokes this action when the card is shown, and shows the card it answers. */
  refresh?: { action: ExecuteAction; userIds?: string[] };
  body: CardElement[];
  actions?: CardAction[];
}

export type CardElement = TextBlock | Container | ActionSet | FactSet | InputText;

/** A free-text input; Action.Execute sends its value in `data` under its id. */
export interface InputText {
  type: 'Input.Text';
  id: string;
  label?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  spacing?: Spacing;
}

export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  weight?: 'lighter' | 'default' | 'bolder';
  color?: 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
  isSubtle?: boolean;
  maxLines?: number;
  spacing?: Spacing;
  separator?: boolean;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  spacing?: Spacing;
  separator?: boolean;
}

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: Spacing;
}

export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
  spacing?: Spacing;
}

export type CardAction = ExecuteAction | OpenUrlAction;

/** Universal Actions: the client sends an `adaptiveCard/action` invoke carrying `verb` and `data` to the bot. */
export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data?: Record<string, string>;
  style?: 'default' | 'positive' | 'destructive';
}

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

/** Wraps a body and actions in the card envelope every Campus card shares. */
export function adaptiveCard(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: adaptiveCardSchema,
    version: adaptiveCardVersion,
    body,
  };
  return actions.length > 0 ? { ...card, actions } : card;
}

/** The "Open Campus" button that several cards end with. */
export function openCampusAction(tabUrl: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title: 'Open Campus', url: tabUrl };
}

/**
 * An instant for the card's {{DATE()}} / {{TIME()}} functions, which each client renders in the viewer's time zone.
 * Their grammar takes RFC 3339 without fractional seconds, so milliseconds are dropped.
 */
function cardInstant(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an ISO 8601 instant: ${iso}`);
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "Tue, Mar 4, 2025 · 9:00 AM – 10:00 AM" in the viewer's own zone and locale. */
export function timeRangeText(startsAt: string, endsAt: string): string {
  const start = cardInstant(startsAt);
  const end = cardInstant(endsAt);
  return `{{DATE(${start}, SHORT)}} · {{TIME(${start})}} – {{TIME(${end})}}`;
}

/** The bold title at the top of a card. */
export function heading(text: string): TextBlock {
  return { type: 'TextBlock', text, size: 'large', weight: 'bolder', wrap: true };
}

/** The colours a card gives a state: a Container style and a TextBlock color alike. */
export type Tone = 'default' | 'good' | 'accent' | 'warning' | 'attention';

/** What a banner says: a bold title, a sentence, and optionally someone's own words (a comment, a reason). */
export interface BannerText {
  tone: Tone;
  title: string;
  text: string;
  quote?: string | null;
}

/** Someone's own words, set apart from what Campus says. */
export function quoteBlock(quote: string): TextBlock {
  return { type: 'TextBlock', text: `“${quote}”`, wrap: true, isSubtle: true };
}

/** A coloured box with a bold title and a sentence: how results, outcomes and problems open a card. */
export function banner({ tone, title, text, quote }: BannerText): Container {
  const items: CardElement[] = [
    { type: 'TextBlock', text: title, weight: 'bolder', size: 'medium', wrap: true },
    { type: 'TextBlock', text, wrap: true },
  ];
  if (quote) items.push(quoteBlock(quote));
  return { type: 'Container', style: tone, items };
}
