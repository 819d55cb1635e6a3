export * from './asyncapi-document';
export * from './event-validator';
export { CHANGE_ACTIONS, eventTypesOf, topicContracts, type TopicContract } from './topic-contracts';
export { DEAD_LETTER_CODES } from './record-schemas';
