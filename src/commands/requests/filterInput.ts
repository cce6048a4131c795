// The Filter command's input box, VS Code-free: one filter serves every service the view shows, and each
// service's rules say what its filter takes (Dropbox Sign searches; signNow takes a signing status only).
import type { SignatureRules } from '../../model/service';

export interface FilteredService {
  readonly service: { readonly label: string };
  readonly rules: Pick<SignatureRules, 'filterHint' | 'filterValues'>;
}

const takes = (s: FilteredService) => `${s.service.label} filters by ${s.rules.filterHint}.`;

/**
 * The input box's prompt (what each shown service's filter takes) and its check: a value one of them would
 * refuse (not among its filterValues, in any case) is refused in the box with that service's line, so it is
 * never written to the setting.
 */
export function filterInput(shown: readonly FilteredService[]) {
  return {
    prompt: `${shown.map(takes).join(' ')} Empty clears the filter.`,
    validateInput(text: string) {
      const value = text.trim().toLowerCase();
      const refusing = shown.find((s) => value && s.rules.filterValues?.includes(value) === false);
      return refusing && takes(refusing);
    },
  };
}
