export * from './account';
export * from './page';
export * from './service';
export * from './signatureRequest';
export * from './tokens';
