import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import { useState } from 'react';

/** "Cancel registration", asked once more in a dialog: a cancelled seat may go to the next person at once. */
export function CancelRegistrationButton({
  sessionTitle,
  onCancel,
}: {
  sessionTitle: string;
  /** Cancels; resolves once done (the page shows failures in its error bar). */
  onCancel: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onCancel();
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={(_event, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="subtle" aria-label={`Cancel registration: ${sessionTitle}`}>
          Cancel registration
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Cancel your registration?</DialogTitle>
          <DialogContent>
            You will leave “{sessionTitle}”. Your seat goes to the next person on the waitlist, and the
            meeting leaves your Outlook calendar.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy} onClick={() => void confirm()}>
              {busy ? 'Cancelling…' : 'Cancel registration'}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button disabled={busy}>Keep it</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
