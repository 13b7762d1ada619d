import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';

/** Shows a failure's message (never a blank screen), with a retry when one makes sense. */
export function ErrorBar({
  error,
  title,
  onRetry,
}: {
  error: Error | string;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {typeof error === 'string' ? error : error.message}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
