import type { ScanProfileId } from '../../../../shared/scanning/scanProtocol';

/** The message key naming each scan profile, wherever a profile is chosen (scan panel, settings). */
export const profileLabelKey: Record<ScanProfileId, string> = {
  text: 'settings.profileText',
  gray: 'settings.profileGray',
  photo: 'settings.profilePhoto',
  receipt: 'settings.profileReceipt',
};
