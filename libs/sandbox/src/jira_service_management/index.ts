export * from './demo';
export * from './jira-service-management-emulator';
export * from './seed';
