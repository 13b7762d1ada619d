import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';

/** Asks before unsaved changes to an audience are thrown away by opening another one or starting anew. */
export function DiscardDialog({
  open,
  what,
  onDiscard,
  onKeep,
}: {
  open: boolean;
  /** The audience being edited, as the question names it. */
  what: string;
  onDiscard: () => void;
  onKeep: () => void;
}) {
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_event, data) => !data.open && onKeep()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Discard your changes?</DialogTitle>
          <DialogContent>The changes to {what} are not saved.</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onDiscard}>
              Discard changes
            </Button>
            <Button onClick={onKeep}>Keep editing</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
