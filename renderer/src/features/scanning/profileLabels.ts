import type { ScanProfileId } from '../../../../shared/scanning/scanProtocol';
import type { MessageKey } from '../../i18n/i18n';

/** The message key naming each scan profile, wherever a profile is chosen (scan panel, settings). */
export const profileLabelKey: Record<ScanProfileId, MessageKey> = {
  text: 'settings.profileText',
  gray: 'settings.profileGray',
  photo: 'settings.profilePhoto',
  receipt: 'settings.profileReceipt',
};
