// Lines the integration suite prints around its mocha report, so the web runner can tell the report apart
// from the workbench's own log (both arrive through the same codeAutomationLog channel).
export const reportBegins = '[signdesk-suite] begin';
export const reportEnds = '[signdesk-suite] end';
