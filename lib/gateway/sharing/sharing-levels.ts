/** The org's sharing switch (SPEC §15), in order: each level allows what the ones before it do. Browser-safe. */
export const SHARING_LEVELS = ['off', 'links', 'links_and_public'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];

export const isSharingLevel = (v: unknown): v is SharingLevel => typeof v === 'string' && (SHARING_LEVELS as readonly string[]).includes(v);
export const allowsLinks = (level: SharingLevel) => level !== 'off';
export const allowsPublic = (level: SharingLevel) => level === 'links_and_public';

export const SHARING_LABELS: Record<SharingLevel, string> = {
  off: 'Off: only members open the org’s apps',
  links: 'Share links: people outside the org open an app with a link',
  links_and_public: 'Share links and public apps: public apps open for anyone',
};
