import { type ReactNode, useState } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import type { ErrorBody } from '../../../../src/contract';
import { ErrorMessage } from './ErrorMessage';

/**
 * The app's iframe grows with its content and the host page scrolls, so a modal placed at the top
 * of the iframe can open above the fold when the action was further down: scroll the dialog (and,
 * through the frames, the host page) to it.
 */
function bringIntoView(element: HTMLElement): void {
  const dialog = element.querySelector<HTMLElement>('[role="dialog"]') ?? element;
  // A fixed element is always "in view" of its own frame, so scrolling it into view does not reach
  // the host page: scroll a marker in the document's flow at the dialog's place instead.
  const box = dialog.getBoundingClientRect();
  const marker = document.createElement('div');
  marker.setAttribute('aria-hidden', 'true');
  Object.assign(marker.style, { position: 'absolute', left: '0', top: `${box.top + window.scrollY}px`, width: '1px', height: `${box.height}px`, pointerEvents: 'none' });
  document.body.appendChild(marker);
  marker.scrollIntoView({ block: 'center' });
  marker.remove();
}

/**
 * Atlassian's confirmation before a destructive action: a danger modal that says what goes and
 * that it can be undone for a few seconds. `onConfirm` resolves to the error to show in the dialog,
 * or undefined once done (the dialog then closes).
 */
export function ConfirmDelete({
  isOpen,
  title,
  children,
  confirmLabel = 'Delete',
  onConfirm,
  onCancel,
  testId = 'confirm-delete',
}: {
  isOpen: boolean;
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  onConfirm: () => Promise<ErrorBody | undefined>;
  onCancel: () => void;
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const failure = await onConfirm();
    setBusy(false);
    if (failure) setError(failure);
  };
  const cancel = () => {
    if (busy) return;
    setError(undefined);
    onCancel();
  };
  return (
    <ModalTransition>
      {isOpen && (
        <Modal onClose={cancel} width="small" testId={testId} onOpenComplete={bringIntoView}>
          <ModalHeader>
            <ModalTitle appearance="danger">{title}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            {children}
            {error && <ErrorMessage title="Nothing was deleted" error={error} />}
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={cancel} isDisabled={busy} testId={`${testId}-cancel`}>
              Cancel
            </Button>
            <Button appearance="danger" onClick={() => void confirm()} isDisabled={busy} testId={`${testId}-confirm`} autoFocus>
              {busy ? 'Deleting…' : confirmLabel}
            </Button>
          </ModalFooter>
        </Modal>
      )}
    </ModalTransition>
  );
}
