// What SignDesk loads on first use rather than at activation (the bundle's second file, dist/features.js):
// the send, remind, cancel and download commands, and the sign-in and Configure App commands, registered
// through registerOnFirstUse (extension.ts, commands/signInSetup.ts).
// The build bundles only the modules the activation bundle lacks; the others are taken from it, so there
// is one copy of each class and each piece of state.
export { setUpActionCommands } from './commands/actions';
export { registerSignInCommands } from './commands/session/signIn';
export { registerConfigureAppCommand } from './commands/session/configureApp';
export { registerPasswordSignInCommands } from './commands/session/passwordSignIn';
export { registerVerifySignInCommands } from './commands/session/verifySignIn';
export { wireFileStoreCommands } from './commands/files/storeCommands';
