// The wording of the cancel confirmation. VS Code-free.
import type { SignatureRequest } from '../../model/signatureRequest';

export function cancelConfirmation(request: SignatureRequest): { message: string; detail: string } {
  const waiting = request.signers.filter((s) => s.status !== 'signed').length;
  const signed = request.signers.length - waiting;
  const who = waiting === 1 ? 'The signer who has not signed yet' : `The ${waiting} signers who have not signed yet`;
  return {
    message: `Cancel “${request.title}”?`,
    detail:
      `${who} will no longer be able to sign it${signed > 0 ? `, and the ${signed} signature${signed === 1 ? '' : 's'} already given will not complete it` : ''}. ` +
      'This cannot be undone.',
  };
}
